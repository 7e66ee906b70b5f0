using ChainPay.Http;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Http;

// What ApiClient refuses before anything is sent, with the messages docs/errors.md describes, and the defaults it
// sends when the caller says nothing (the method names, the Content-Type, the Wechatpay-Serial of sensitive fields).
public class ApiClientRefusalTests
{
    private FakeWeChatPay fake = null!;

    [SetUp]
    public void SetUp() => fake = new FakeWeChatPay();

    private string Refusal(string template, object options, Action<BuilderOptions>? configure = null)
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => fake.Create(configure).Chain(template).PostAsync(options));
        Assert.That(fake.Sent, Is.Empty, "nothing was sent");
        return e!.Message;
    }

    [Test]
    public void AnUnknownOptionKey_IsNamed_WithThePlaceholdersAndTheReservedKeys()
    {
        Assert.That(Refusal("v3/pay/transactions/id/{transaction_id}", new { transaction_id = "1", out_trade_no = "2" }),
            Does.StartWith("Unknown option key(s) `out_trade_no`: not a placeholder of `v3/pay/transactions/id/{transaction_id}` nor one of json, query, headers, body, xml, security, nonceless, base_uri."));
    }

    [Test]
    public void AnApiV2CallWithoutTheApiV2Key_SaysWhichOptionToSet()
    {
        Assert.That(Refusal("v2/pay/micropay", new { xml = new { mch_id = FakeWeChatPay.Mchid } }),
            Does.StartWith("`v2/pay/micropay` is an APIv2 (XML) call: set BuilderOptions.Secret (the APIv2 key) to enable the APIv2 client. Nothing was sent."));
    }

    [TestCase("xml")]
    [TestCase("security")]
    [TestCase("nonceless")]
    public void AnApiV2OptionOnAnApiV3Call_IsRefused(string name)
    {
        var options = new Dictionary<string, object?> { [name] = name == "xml" ? new { a = 1 } : true };
        Assert.That(Refusal("v3/pay/transactions/native", options),
            Does.StartWith($"`{name}` is an APIv2 option; `v3/pay/transactions/native` is an APIv3 call. Use `json` or `body` for APIv3."));
    }

    [Test]
    public void ABodyOfAnotherType_IsRefused_PointingToJson()
    {
        Assert.That(Refusal("v3/x", new { body = 12 }), Does.StartWith("The `body` option must be a string, a byte[], a Stream or a MediaUtil, not Int32; use `json` for objects."));
    }

    [Test]
    public void OptionsOfTheWrongShape_AreRefused_WithTheirMessages()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Refusal("v3/x", 12), Does.StartWith("The options must be an anonymous object, a dictionary or a JObject, not Int32."));
            Assert.That(Refusal("v3/x", new { json = new { a = 1 }, body = "x" }), Does.StartWith("Give either `json` or `body`, not both: a request has one body."));
            Assert.That(Refusal("v3/x", new { headers = "X-A: 1" }), Does.StartWith("The `headers` option must be a map of header names to values."));
            Assert.That(Refusal("v3/x", new { headers = new { X_A = new { b = 1 } } }), Does.StartWith("The header `X_A` holds a map or a nested list: a header value is text, a number or a list of them."));
            Assert.That(Refusal("v3/x", new { query = 12 }), Does.StartWith("The `query` option must be a string or a map of names to values."));
            Assert.That(Refusal("v3/x", new { base_uri = "ftp://api.mch.weixin.qq.com/" }), Does.StartWith("The `base_uri` option must be an absolute http(s) URI, e.g. https://api2.mch.weixin.qq.com/."));
            Assert.That(Refusal("https://evil.example/v3/x", new { }), Does.StartWith("`https://evil.example/v3/x` is an absolute URL; ChainPay only signs requests to its base URI. Set `base_uri` (or BuilderOptions.BaseUri) for another WeChat Pay host."));
            Assert.That(Refusal("v3/a/../b", new { }), Does.StartWith("`v3/a/../b` has the dot segment `..`, which URI resolution would remove together with the segment before it; write the path without it."));
        });
    }

    [Test]
    public void AHeaderOfTheWrongShape_IsNamedAsTheParameter()
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => fake.Create().Chain("v3/x").PostAsync(new { headers = new Dictionary<string, object?> { ["X-A"] = new { b = 1 } } }));
        Assert.That(e!.ParamName, Is.EqualTo("X-A"));
    }

    // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':' before any '/'.
    [TestCase("a+b-c.d://host/v3/x")]
    [TestCase("x1:v3/x")]
    public void APathWithAScheme_IsAnAbsoluteUrl(string path) =>
        Assert.That(Refusal(path, new { }), Does.Contain("is an absolute URL"));

    [TestCase("v3/a:b")]
    [TestCase("1x:y/z")]
    [TestCase("a_b:c/d")]
    [TestCase("v3/x?t=a:b")]
    public async Task AColonThatIsNoScheme_IsPartOfThePath(string path)
    {
        await fake.Create().Chain(path).GetAsync();
        Assert.That(fake.Sent.Single().Target, Does.StartWith("/" + path.Split('?')[0]));
    }

    [Test]
    public void TheVerbNames_AreTheHttpMethods()
    {
        Assert.That(new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }.Select(m => ApiClient.MethodOf(m)!.Method), Is.EqualTo(new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }));
        Assert.That(ApiClient.MethodOf("HEAD"), Is.Null);
    }

    [Test]
    public async Task WithoutAContentType_JsonIsApplicationJson_AndABodyIsJsonInUtf8()
    {
        var instance = fake.Create();
        await instance.Chain("v3/x").PostAsync(new { json = new { a = 1 } });
        await instance.Chain("v3/x").PostAsync(new { body = "{\"a\":1}" });
        await instance.Chain("v3/x").PostAsync(new { body = "<a/>", headers = new Dictionary<string, object?> { ["Content-Type"] = "text/xml" } });
        Assert.That(fake.Sent.Select(s => s.ContentType), Is.EqualTo(new[] { "application/json", "application/json; charset=utf-8", "text/xml" }));
    }

    [Test]
    public async Task ASensitiveField_SendsTheSerialOfItsKey_EvenWithoutTheDefaultSerial()
    {
        var instance = fake.Create(o => o.SendPlatformSerial = false);
        await instance.Chain("v3/x").PostAsync(new { json = new { name = "plain" } });
        await instance.Chain("v3/x").PostAsync(new { json = new { name = SensitiveField.Of("张三") } });
        var sent = fake.Sent.ToArray();
        Assert.That(sent[0].Headers.ContainsKey("Wechatpay-Serial"), Is.False);
        Assert.That(sent[1].Headers["Wechatpay-Serial"], Is.EqualTo(TestKeys.PublicKeyId));
    }

    [Test]
    public void ASerialHeaderThatNamesNoKey_IsRefusedForSensitiveFields()
    {
        Assert.That(Refusal("v3/x", new { json = new { name = SensitiveField.Of("张三") }, headers = new Dictionary<string, object?> { ["Wechatpay-Serial"] = "PUB_KEY_ID_0000000000000000000000000000" } }),
            Does.StartWith("The `Wechatpay-Serial` header names `PUB_KEY_ID_0000000000000000000000000000`, which is not in Certs: no key to encrypt the sensitive fields with."));
    }
}
