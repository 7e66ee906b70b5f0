using System.Text;
using ChainPay.Http;
using Newtonsoft.Json;

namespace ChainPay.Tests.Http;

// JsonBody's writer: nullable numbers, values that are not finite, the messages of the values it refuses, and bodies
// larger than any pooled buffer, with Newtonsoft.Json's own JsonConvert as the oracle where JSON can express the value.
public class JsonBodyWriterTests
{
    private static readonly JsonSerializerSettings Settings = new() { DateParseHandling = DateParseHandling.None };

    private static string Text(object? value) => Encoding.UTF8.GetString(JsonBody.Serialize(value, Settings));

    [Test]
    public void NullableNumbers_AreWrittenAsTheirValueOrNull()
    {
        Assert.That(Text(new { d = (double?)1.5, f = (float?)2.5f, m = (decimal?)3.50m }), Is.EqualTo("{\"d\":1.5,\"f\":2.5,\"m\":3.5}"));
        Assert.That(Text(new { d = (double?)null, f = (float?)null, m = (decimal?)null }), Is.EqualTo("{\"d\":null,\"f\":null,\"m\":null}"));
    }

    [Test]
    public void NotFiniteFloats_AreRefused_NamingThePath()
    {
        foreach (var value in new object[] { float.NaN, float.PositiveInfinity, double.NegativeInfinity, (float?)float.NaN })
        {
            var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(new { amount = new { total = value } }, Settings), value.ToString()!);
            Assert.That(e!.Message, Does.StartWith("The `json` option holds ").And.Contain(" at `amount.total`, which JSON cannot express."));
            Assert.That(e.ParamName, Is.EqualTo("json"));
        }
    }

    [Test]
    public void AStreamOrADelegate_IsRefused_WithWhatToSendInstead()
    {
        using var stream = new MemoryStream(new byte[] { 1 });
        var streamed = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(new { file = stream }, Settings));
        Assert.That(streamed!.Message, Does.StartWith("The `json` option holds a MemoryStream at `file`, which cannot be sent: use text, numbers, booleans, arrays and objects; send a stream as `body`."));
        Func<int> callback = () => 1;
        var delegated = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(new { callback }, Settings));
        Assert.That(delegated!.Message, Does.Contain("at `callback`, which cannot be sent: use text, numbers, booleans, arrays and objects. (Parameter 'json')"));
    }

    [Test]
    public void AThrowingGetter_IsNamedWithWhatItThrew()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(new Throwing(), Settings));
        Assert.That(e!.Message, Does.StartWith("The `json` option cannot be serialised: ").And.Contain(" It threw InvalidOperationException."));
    }

    [TestCase(1)]
    [TestCase(4_000)]
    [TestCase(70_000)]
    [TestCase(300_000)]
    public void ABodyOfAnySize_IsWhatJsonConvertWrites(int length)
    {
        var value = new { description = new string('数', length), items = Enumerable.Range(0, length / 100).Select(i => new { i, name = "n" + i }).ToArray() };
        Assert.That(Text(value), Is.EqualTo(JsonConvert.SerializeObject(value)));
        Assert.That(Text(value), Is.EqualTo(JsonConvert.SerializeObject(value)), "the second body, from a pooled buffer, is the same");
    }

    private sealed class Throwing
    {
        public string Name => throw new InvalidOperationException("not now");
    }
}
