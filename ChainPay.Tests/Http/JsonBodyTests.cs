using ChainPay.Tests.Fixtures;
using System.Text;
using ChainPay.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Http;

/// <summary><see cref="JsonBody"/> writes exactly the bytes of <c>Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, settings))</c>.</summary>
public class JsonBodyTests
{
    private static readonly JsonSerializerSettings Settings = new() { DateParseHandling = DateParseHandling.None };

    private static IEnumerable<TestCaseData> Values()
    {
        yield return new TestCaseData(new { appid = "wxd678efh567hg6787", mchid = "1230000109" }).SetName("ascii");
        yield return new TestCaseData(new { description = "Image形象店-深圳腾大-QQ公仔", emoji = "支付 😀 ok" }).SetName("cjk and a surrogate pair");
        yield return new TestCaseData(new { lone = "a\ud800b", quote = "\"\\\n\t\u0001</script>" }).SetName("a lone surrogate and escapes");
        yield return new TestCaseData(new { n = (object?)null, b = true, d = 1.5m, l = long.MaxValue, when = new DateTimeOffset(2018, 6, 8, 10, 34, 56, TimeSpan.FromHours(8)) }).SetName("scalars");
        yield return new TestCaseData(new { items = Enumerable.Range(0, 400).Select(i => new { id = i, name = "商品" + i }).ToArray() }).SetName("larger than the first buffer");
        yield return new TestCaseData(JObject.Parse("{\"a\":[1,2,{\"b\":\"c\"}],\"d\":null}")).SetName("a JObject");
        yield return new TestCaseData(new Dictionary<string, object?> { ["k"] = "v", ["nested"] = new[] { 1, 2, 3 } }).SetName("a dictionary");
        yield return new TestCaseData("just a string").SetName("a string");
        yield return new TestCaseData(null).SetName("null");
    }

    [TestCaseSource(nameof(Values))]
    public void Serialize_WritesTheBytesOfJsonConvert(object? value)
    {
        var expected = Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, Settings));
        Assert.That(JsonBody.Serialize(value, Settings), Is.EqualTo(expected));
    }

    [Test]
    [NonParallelizable] // sets JsonConvert.DefaultSettings, which every serialisation of the process reads
    public void Serialize_AppliesJsonConvertDefaultSettingsSetAfterTheSerializerWasReused()
    {
        var value = new { a = 1, b = (string?)null };
        JsonBody.Serialize(value, Settings); // the reused serializer is made here
        JsonBody.Serialize(value, Settings);
        try
        {
            JsonConvert.DefaultSettings = () => new JsonSerializerSettings { Formatting = Formatting.Indented, NullValueHandling = NullValueHandling.Ignore };
            Assert.That(Encoding.UTF8.GetString(JsonBody.Serialize(value, Settings)), Is.EqualTo(JsonConvert.SerializeObject(value, Settings)).And.Contains("\n"));
        }
        finally
        {
            JsonConvert.DefaultSettings = null;
        }

        Assert.That(Encoding.UTF8.GetString(JsonBody.Serialize(value, Settings)), Is.EqualTo("{\"a\":1,\"b\":null}"));
    }

    [Test]
    public void Serialize_AnAnonymousObjectTheTrimmerTookPropertiesFrom_IsRefused_NotSentAsAnEmptyObject()
    {
        // Newtonsoft.Json would write {} for it: the values would be lost without a word.
        var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(new { appid = "wxd678efh567hg6787", detail = TrimmedAnonymousType.Create() }, Settings));
        Assert.That(e!.ParamName, Is.EqualTo("json"));
        Assert.That(e.Message, Does.StartWith("The `json` option is an anonymous object from the assembly TrimmedOptions whose properties this trimmed or NativeAOT application removed (0 of 2 left)"));
        Assert.That(Encoding.UTF8.GetString(JsonBody.Serialize(new { appid = "wxd678efh567hg6787", detail = new { a = 1 } }, Settings)), Is.EqualTo("{\"appid\":\"wxd678efh567hg6787\",\"detail\":{\"a\":1}}"));
    }

    [Test]
    public void Serialize_HonoursTheSettings()
    {
        var indented = new JsonSerializerSettings { Formatting = Formatting.Indented, NullValueHandling = NullValueHandling.Ignore };
        var value = new { a = 1, b = (string?)null, c = new[] { "x" } };
        Assert.That(Encoding.UTF8.GetString(JsonBody.Serialize(value, indented)), Is.EqualTo(JsonConvert.SerializeObject(value, indented)));
    }

    [Test]
    public void Serialize_IsThreadSafe()
    {
        var value = new { items = Enumerable.Range(0, 50).Select(i => new { id = i, name = "名" + i }).ToArray() };
        var expected = Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, Settings));
        Parallel.For(0, 200, _ => Assert.That(JsonBody.Serialize(value, Settings), Is.EqualTo(expected)));
    }

    private static string Text(object? value) => Encoding.UTF8.GetString(JsonBody.Serialize(value, Settings));

    // As PHP's json_encode and Node's JSON.stringify: WeChat Pay's amounts are integers.
    [TestCase(100.0, "100")]
    [TestCase(-3.0, "-3")]
    [TestCase(0.1, "0.1")]
    [TestCase(0.30000000000000004, "0.30000000000000004")]
    [TestCase(1e20, "1E+20")]
    [TestCase(123456789012.5, "123456789012.5")]
    public void Serialize_Doubles_AreShortest_IntegralOnesWithoutAFraction(double value, string expected)
    {
        Assert.That(Text(new { total = value }), Is.EqualTo($"{{\"total\":{expected}}}"));
        Assert.That(Text(new { total = (double?)value }), Is.EqualTo($"{{\"total\":{expected}}}"));
        Assert.That(Text(new JObject { ["total"] = value }), Is.EqualTo($"{{\"total\":{expected}}}"));
        Assert.That(Text(new[] { value, value }), Is.EqualTo($"[{expected},{expected}]"));
    }

    [Test]
    public void Serialize_FloatsAndDecimals_AreShortest()
    {
        Assert.That(Text(new { a = 100f, b = 0.1f, c = (float?)2f }), Is.EqualTo("""{"a":100,"b":0.1,"c":2}"""));
        Assert.That(Text(new { a = 100m, b = 100.00m, c = 1.50m, d = 0.0000001m, e = (decimal?)null }), Is.EqualTo("""{"a":100,"b":100,"c":1.5,"d":0.0000001,"e":null}"""));
        Assert.That(Text(new JArray(new JValue(100.00m), new JValue(2.0f))), Is.EqualTo("[100,2]"));
    }

    [Test]
    public void Serialize_NumbersInAnIndentedBody_AreShortestToo()
    {
        var indented = new JsonSerializerSettings { Formatting = Formatting.Indented };
        var value = new { a = new[] { 1.5, 2.25 }, b = 3.5m };
        Assert.That(Encoding.UTF8.GetString(JsonBody.Serialize(value, indented)), Is.EqualTo(JsonConvert.SerializeObject(value, indented)));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Serialize_NotFiniteNumbers_AreRefused(double value)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(new { a = value }, Settings));
        Assert.That(e!.ParamName, Is.EqualTo("json"));
    }

    private static IEnumerable<TestCaseData> Cycles()
    {
        var dictionary = new Dictionary<string, object?> { ["a"] = 1 };
        dictionary["self"] = dictionary;
        var list = new List<object?> { 1 };
        list.Add(list);
        var node = new HostileValues.Node();
        node.Next = new HostileValues.Node { Next = node };
        var viaAnonymous = new List<object?>();
        viaAnonymous.Add(new { items = viaAnonymous });
        yield return new TestCaseData(dictionary).SetName("a dictionary that contains itself");
        yield return new TestCaseData(new { list }).SetName("a list that contains itself");
        yield return new TestCaseData(node).SetName("objects referring to each other");
        yield return new TestCaseData(viaAnonymous).SetName("an anonymous object in the list it holds");
    }

    [TestCaseSource(nameof(Cycles))]
    public void Serialize_Cycle_IsRefused(object value)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(value, Settings));
        Assert.That(e!.ParamName, Is.EqualTo("json"));
        Assert.That(e.Message, Does.Contain("refers to itself"));
    }

    [Test]
    public void Serialize_Cycle_IsRefused_EvenWhenTheSettingsSerializeLoops()
    {
        var node = new HostileValues.Node();
        node.Next = node;
        var loose = new JsonSerializerSettings { ReferenceLoopHandling = ReferenceLoopHandling.Serialize };
        var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(node, loose));
        Assert.That(e!.ParamName, Is.EqualTo("json"));
        Assert.That(e.Message, Does.Contain("64 levels"));
    }

    [Test]
    public void Serialize_NestingDeeperThan64Levels_IsRefused_64AreFine()
    {
        Assert.That(Text(Nested(64)), Does.StartWith("{\"k\":[{\"k\":[").And.EndWith("]}]}"));
        Assert.That(Text(HostileValues.NestedJson(64)), Is.EqualTo(string.Concat(Enumerable.Repeat("{\"k\":", 64)) + "\"leaf\"" + new string('}', 64)));
        foreach (var deep in new[] { Nested(65), HostileValues.NestedJson(65), Nested(100_000) })
        {
            var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(deep, Settings));
            Assert.That(e!.ParamName, Is.EqualTo("json"));
            Assert.That(e.Message, Does.Contain("64 levels"));
        }
    }

    private static IEnumerable<TestCaseData> Exotic()
    {
        yield return new TestCaseData(typeof(string)).SetName("a Type");
        yield return new TestCaseData((Func<int>)(() => 1)).SetName("a delegate");
        yield return new TestCaseData(new MemoryStream(new byte[] { 1 })).SetName("a Stream");
        yield return new TestCaseData(IntPtr.Zero).SetName("an IntPtr");
        yield return new TestCaseData(typeof(string).GetMethods()[0]).SetName("a MethodInfo");
        yield return new TestCaseData(Task.CompletedTask).SetName("a Task");
    }

    [TestCaseSource(nameof(Exotic))]
    public void Serialize_ExoticValue_IsRefused(object value)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(new { a = new[] { value } }, Settings));
        Assert.That(e!.ParamName, Is.EqualTo("json"));
        Assert.That(e.Message, Does.Contain("at `a`"));
    }

    [Test]
    public void Serialize_AGetterThatThrows_IsRefused_WithTheGettersException()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => JsonBody.Serialize(new { a = new HostileValues.Throwing() }, Settings));
        Assert.That(e!.ParamName, Is.EqualTo("json"));
        Assert.That(e.InnerException, Is.InstanceOf<InvalidOperationException>().With.Message.EqualTo("boom"));
    }

    [Test]
    public void Serialize_Dates_AreIso8601AsBefore()
    {
        var when = new DateTimeOffset(2018, 6, 8, 10, 34, 56, TimeSpan.FromHours(8));
        Assert.That(Text(new { time_expire = when, d = new DateTime(2019, 6, 11, 0, 0, 0, DateTimeKind.Unspecified) }), Is.EqualTo("""{"time_expire":"2018-06-08T10:34:56+08:00","d":"2019-06-11T00:00:00"}"""));
    }

    private static object Nested(int levels)
    {
        object value = "leaf";
        for (var i = 0; i < levels; i++)
        {
            value = i % 2 == 0 ? new List<object?> { value } : new Dictionary<string, object?> { ["k"] = value };
        }

        return value;
    }
}
