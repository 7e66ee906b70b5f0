using ChainPay.Tests.Fixtures;
using ChainPay.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Http;

public class RequestOptionsTests
{
    [Test]
    public void From_SplitsReservedKeysFromPlaceholders()
    {
        var o = RequestOptions.From(new { out_trade_no = "1", json = new { a = 1 }, query = new { b = 2 }, headers = new { X = "y" }, base_uri = "https://api2.mch.weixin.qq.com/" });
        Assert.Multiple(() =>
        {
            Assert.That(o.Variables.Keys, Is.EqualTo(new[] { "out_trade_no" }));
            Assert.That(o.Json, Is.Not.Null);
            Assert.That(o.Query, Is.Not.Null);
            Assert.That(o.Headers.Single().Key, Is.EqualTo("X"));
            Assert.That(o.BaseUri, Is.EqualTo("https://api2.mch.weixin.qq.com/"));
        });
    }

    [Test]
    public void From_Null_IsEmpty()
    {
        var o = RequestOptions.From(null);
        Assert.That(o.Variables, Is.Empty);
        Assert.That(o.Json, Is.Null);
    }

    [Test]
    public void From_NullReservedValue_CountsAsAbsent()
    {
        var o = RequestOptions.From(new Dictionary<string, object?> { ["json"] = null, ["body"] = "x" });
        Assert.That(o.Json, Is.Null);
        Assert.That(o.Body, Is.EqualTo("x"));
    }

    [TestCase("ftp://x/")]
    [TestCase("relative/")]
    public void From_BadBaseUri_IsRefused(string value)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new { base_uri = value }));
        Assert.That(e!.ParamName, Is.EqualTo("base_uri"));
    }

    [Test]
    public void From_HeadersThatAreNotAMap_AreRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new { headers = "X: y" }));
        Assert.That(e!.ParamName, Is.EqualTo("headers"));
    }

    [Test]
    public void From_JsonString_IsRefused_PointingToBody()
    {
        foreach (var json in new object[] { """{"mchid":"1230000109"}""", new JValue("{}"), new JRaw("{}") })
        {
            var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new { json }), json.GetType().Name);
            Assert.That(e!.ParamName, Is.EqualTo("json"));
            Assert.That(e.Message, Does.Contain("`body`"));
        }
    }

    [Test]
    public void From_JsonObjectsAndScalars_AreKept()
    {
        Assert.That(RequestOptions.From(new { json = 42 }).Json, Is.EqualTo(42));
        Assert.That(RequestOptions.From(new { json = JObject.Parse("{}") }).Json, Is.InstanceOf<JObject>());
    }

    private static IEnumerable<TestCaseData> Cycles()
    {
        foreach (var option in new[] { "query", "xml", "headers", "x" })
        {
            var dictionary = new Dictionary<string, object?> { ["a"] = "1" };
            dictionary["self"] = dictionary;
            var list = new List<object?> { "a" };
            list.Add(list);
            var outer = new Dictionary<string, object?>();
            var inner = new List<object?> { new Dictionary<string, object?> { ["back"] = outer } };
            outer["k"] = inner;
            var node = new HostileValues.Node();
            node.Next = new HostileValues.Node { Next = node };
            var viaAnonymous = new List<object?>();
            viaAnonymous.Add(new { items = viaAnonymous });
            yield return new TestCaseData(option, dictionary).SetName($"From_Cycle_IsRefused({option}, a dictionary that contains itself)");
            yield return new TestCaseData(option, new Dictionary<string, object?> { ["h"] = list }).SetName($"From_Cycle_IsRefused({option}, a list that contains itself)");
            yield return new TestCaseData(option, outer).SetName($"From_Cycle_IsRefused({option}, a map, a list, a map, back)");
            yield return new TestCaseData(option, new { h = node }).SetName($"From_Cycle_IsRefused({option}, objects referring to each other)");
            yield return new TestCaseData(option, new { h = viaAnonymous }).SetName($"From_Cycle_IsRefused({option}, an anonymous object in the list it holds)");
        }
    }

    [TestCaseSource(nameof(Cycles))]
    public void From_Cycle_IsRefused(string option, object value)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new Dictionary<string, object?> { [option] = value }));
        Assert.That(e!.ParamName, Is.EqualTo(option));
        Assert.That(e.Message, Does.Contain($"`{option}`").And.Contain("refers to itself"));
    }

    [TestCase("query")]
    [TestCase("xml")]
    public void From_NestingDeeperThan64Levels_IsRefused_64AreFine(string option)
    {
        Assert.DoesNotThrow(() => RequestOptions.From(new Dictionary<string, object?> { [option] = Nested(64) }));
        Assert.DoesNotThrow(() => RequestOptions.From(new Dictionary<string, object?> { [option] = HostileValues.NestedJson(64) }));
        foreach (var deep in new[] { Nested(65), HostileValues.NestedJson(65), Nested(100_000) })
        {
            var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new Dictionary<string, object?> { [option] = deep }));
            Assert.That(e!.ParamName, Is.EqualTo(option));
            Assert.That(e.Message, Does.Contain("64 levels"));
        }
    }

    private static IEnumerable<TestCaseData> Exotic()
    {
        foreach (var option in new[] { "query", "xml", "headers", "x" })
        {
            yield return new TestCaseData(option, typeof(string)).SetName($"From_ExoticValue_IsRefused({option}, a Type)");
            yield return new TestCaseData(option, (Func<int>)(() => 1)).SetName($"From_ExoticValue_IsRefused({option}, a delegate)");
            yield return new TestCaseData(option, new MemoryStream()).SetName($"From_ExoticValue_IsRefused({option}, a Stream)");
            yield return new TestCaseData(option, IntPtr.Zero).SetName($"From_ExoticValue_IsRefused({option}, an IntPtr)");
            yield return new TestCaseData(option, typeof(string).GetMethods()[0]).SetName($"From_ExoticValue_IsRefused({option}, a MethodInfo)");
        }
    }

    [TestCaseSource(nameof(Exotic))]
    public void From_ExoticValue_IsRefused(string option, object value)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new Dictionary<string, object?> { [option] = new { k = new[] { value } } }));
        Assert.That(e!.ParamName, Is.EqualTo(option));
    }

    [TestCase("query")]
    [TestCase("xml")]
    [TestCase("headers")]
    [TestCase("x")]
    [TestCase("options")]
    public void From_AGetterThatThrows_IsRefused_WithTheGettersException(string option)
    {
        var bag = option == "options" ? (object)new HostileValues.Throwing() : new Dictionary<string, object?> { [option] = new Dictionary<string, object?> { ["k"] = new HostileValues.Throwing() } };
        var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(bag));
        Assert.That(e!.ParamName, Is.EqualTo(option));
        Assert.That(e.InnerException, Is.InstanceOf<InvalidOperationException>().With.Message.EqualTo("boom"));
    }

    [Test]
    public void From_HeaderValuesThatAreMapsOrNestedLists_AreRefused()
    {
        foreach (var value in new object[] { new { a = 1 }, new Dictionary<string, object?>(), new object[] { new[] { "a" } } })
        {
            var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new { headers = new Dictionary<string, object?> { ["X-A"] = value } }));
            Assert.That(e!.ParamName, Is.EqualTo("X-A"));
            Assert.That(e.Message, Does.Contain("`X-A`"));
        }

        var ok = RequestOptions.From(new { headers = new Dictionary<string, object?> { ["X-A"] = new[] { "a", "b" }, ["X-B"] = 5, ["X-C"] = Guid.Empty } });
        Assert.That(ok.Headers.Count, Is.EqualTo(3));
    }

    private static object Nested(int levels)
    {
        object value = "leaf";
        for (var i = 0; i < levels; i++)
        {
            value = i % 2 == 0 ? new Dictionary<string, object?> { ["k"] = value } : new List<object?> { value };
        }

        return value;
    }
}
