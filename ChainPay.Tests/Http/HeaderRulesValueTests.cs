using ChainPay.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Http;

// docs/options.md#headers: which headers ChainPay computes itself, where Content-Type goes, and which values are text.
public class HeaderRulesValueTests
{
    private static KeyValuePair<string, object?> H(string name, object? value) => new(name, value);

    [Test]
    public void AuthorizationAndContentLength_AreDropped_ContentTypeIsSetApart_OthersAreSent()
    {
        var sent = HeaderRules.ToSend(new[]
        {
            H("authorization", "x"), H("CONTENT-LENGTH", "9"), H("content-type", "text/plain"), H("X-Authorization", "kept"), H("Accept", new[] { "a", "b" }),
        }, out var contentType);
        Assert.That(contentType, Is.EqualTo("text/plain"));
        Assert.That(sent, Is.EqualTo(new[] { new KeyValuePair<string, string>("X-Authorization", "kept"), new KeyValuePair<string, string>("Accept", "a, b") }));
    }

    [Test]
    public void AListHoldingAListOrAMap_IsRefused_NamingTheHeader()
    {
        foreach (var value in new object[] { new object[] { "a", new[] { "b" } }, new object[] { new { c = 1 } }, new object[] { new JObject { ["c"] = 1 } } })
        {
            var e = Assert.Throws<InvalidArgumentException>(() => HeaderRules.Text("X-List", value, "X-List", "The header"));
            Assert.That(e!.Message, Does.StartWith("The header `X-List` is a list holding a list or a map; a header value is text, a number or a list of those."));
            Assert.That(e.ParamName, Is.EqualTo("X-List"));
        }
    }

    [Test]
    public void AMap_IsRefused_WithItsTypeName()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => HeaderRules.Text("X-Map", new Dictionary<string, object?> { ["a"] = 1 }, "X-Map", "The header in `Headers`"));
        Assert.That(e!.Message, Does.StartWith("The header in `Headers` `X-Map` is a map (Dictionary`2); a header value is text, a number or a list of those."));
    }

    private struct Plain
    {
        public int A;
    }

    private sealed class Named
    {
        public override string ToString() => "named";
    }

    [Test]
    public void AValueIsText_WhenItIsAScalarOrHasItsOwnToString()
    {
        Assert.Multiple(() =>
        {
            Assert.That(HeaderRules.IsText("s"), Is.True);
            Assert.That(HeaderRules.IsText(12), Is.True);
            Assert.That(HeaderRules.IsText(new JValue("v")), Is.True);
            Assert.That(HeaderRules.IsText(new Uri("https://example.com/")), Is.True, "Uri declares ToString");
            Assert.That(HeaderRules.IsText(new Named()), Is.True);
            Assert.That(HeaderRules.IsText(Guid.Empty), Is.True, "a struct that declares ToString");
            Assert.That(HeaderRules.IsText(new JObject()), Is.False);
            Assert.That(HeaderRules.IsText(new JArray()), Is.False);
            Assert.That(HeaderRules.IsText(new System.Collections.Hashtable()), Is.False);
            Assert.That(HeaderRules.IsText(new List<KeyValuePair<string, object?>>()), Is.False);
            Assert.That(HeaderRules.IsText(new { a = 1 }), Is.False, "an anonymous object is a map");
            Assert.That(HeaderRules.IsText(new object()), Is.False, "object.ToString is a type name");
            Assert.That(HeaderRules.IsText(new Plain { A = 1 }), Is.False, "ValueType.ToString is a type name");
            Assert.That(HeaderRules.Text("X-Uri", new Uri("https://example.com/a"), "X-Uri", "The header"), Is.EqualTo("https://example.com/a"));
        });
    }
}
