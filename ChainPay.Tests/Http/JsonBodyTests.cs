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
}
