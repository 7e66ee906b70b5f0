using System.Net;
using System.Text;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Exceptions;

public class ApiExceptionTests
{
    private static RetryOptions Retry(List<TimeSpan> waits) => new()
    {
        MaxAttempts = 3,
        Jitter = false,
        BackupBaseUri = RetryOptions.BackupDomain,
        Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; },
    };

    [TestCase("{\"code\":{\"a\":1},\"message\":\"m\"}")]
    [TestCase("{\"code\":[\"PARAM_ERROR\"],\"message\":\"m\"}")]
    [TestCase("{\"code\":\"PARAM_ERROR\",\"message\":{\"text\":\"m\"}}")]
    [TestCase("{\"code\":\"PARAM_ERROR\",\"message\":[1,2]}")]
    [TestCase("[{\"code\":\"PARAM_ERROR\"}]")]
    [TestCase("[]")]
    [TestCase("\"PARAM_ERROR\"")]
    [TestCase("<html><body>502 Bad Gateway</body></html>")]
    [TestCase("")]
    [TestCase("{\"code\":\"PARAM_ERROR\"")]
    [TestCase("{\"code\":\"A\"} trailing")]
    public void AnyErrorBody_IsAnApiException_WithTheRawBodyKept(string body)
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.BadRequest, body) };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(e!.Body, Is.EqualTo(body));
        Assert.That(e.StatusCode, Is.EqualTo(400));
        Assert.That(e.RequestId, Is.EqualTo("08F0E5A5C60610A2041818A7AB2620A4B2D401-0"));
        Assert.That(e.Message, Does.StartWith("WeChat Pay answered HTTP 400 with "));
    }

    [Test]
    public void ACodeThatIsNotText_IsNoCode_ButAStringMessageNextToItIsKept()
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.BadRequest, "{\"code\":{\"a\":1},\"message\":\"bad\",\"detail\":{\"field\":\"x\"}}") };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(e!.Code, Is.Null);
        Assert.That(e.ErrorMessage, Is.EqualTo("bad"));
        Assert.That((string?)e.Detail!["field"], Is.EqualTo("x"));
        Assert.That(e.Message, Is.EqualTo("WeChat Pay answered HTTP 400 with an error body without WeChat's string `code` (Request-ID 08F0E5A5C60610A2041818A7AB2620A4B2D401-0)."));
    }

    [Test]
    public void AMessageThatIsNotText_IsNoMessage_ButTheCodeIsKept()
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.BadRequest, "{\"code\":\"PARAM_ERROR\",\"message\":[\"a\",\"b\"]}") };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.ErrorMessage, Is.Null);
    }

    [TestCase("{\"code\":404,\"message\":\"m\"}", "404")]
    [TestCase("{\"code\":true,\"message\":\"m\"}", "True")]
    [TestCase("{\"code\":null,\"message\":\"m\"}", null)]
    [TestCase("{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"m\"}", "ORDER_NOT_EXIST")]
    public void ScalarCodes_KeepTheirText(string body, string? code)
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.NotFound, body) };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(e!.Code, Is.EqualTo(code));
        Assert.That(e.Body, Is.EqualTo(body));
    }

    [Test]
    public void DateLikeTexts_AreKeptAsSent()
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.BadRequest, "{\"code\":\"PARAM_ERROR\",\"message\":\"2024-01-02T03:04:05+08:00\",\"detail\":{\"at\":\"2024-01-02T03:04:05+08:00\"}}") };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(e!.ErrorMessage, Is.EqualTo("2024-01-02T03:04:05+08:00"));
        Assert.That((string?)e.Detail!["at"], Is.EqualTo("2024-01-02T03:04:05+08:00"));
    }

    [TestCase("[1]", "a JSON array error body, not WeChat's object")]
    [TestCase("\"PARAM_ERROR\"", "a JSON string error body, not WeChat's object")]
    [TestCase("{}", "an error body without WeChat's string `code`")]
    public void OtherJson_SaysWhatItIs(string body, string what)
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.BadRequest, body) };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(e!.Message, Is.EqualTo($"WeChat Pay answered HTTP 400 with {what} (Request-ID 08F0E5A5C60610A2041818A7AB2620A4B2D401-0)."));
    }

    [Test]
    public void ANonJsonBody_SaysSo()
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.BadGateway, "<html/>") };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(e!.Message, Is.EqualTo("WeChat Pay answered HTTP 502 with a non-JSON error body (Request-ID 08F0E5A5C60610A2041818A7AB2620A4B2D401-0)."));
        Assert.That(e.Code, Is.Null);
    }

    [Test]
    public void DeeplyNestedAndHugeBodies_AreApiExceptions()
    {
        var deep = "{\"code\":" + new string('[', 10000) + new string(']', 10000) + "}";
        var huge = "{\"code\":\"SYSTEM_ERROR\",\"message\":\"" + new string('x', 4 * 1024 * 1024) + "\"}";
        foreach (var body in new[] { deep, huge })
        {
            var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.InternalServerError, body) };
            var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
            Assert.That(e!.Body, Has.Length.EqualTo(body.Length));
        }
    }

    [Test]
    public void InvalidUtf8_IsAnApiException_WithTheBodyDecodedLeniently()
    {
        var fake = new FakeWeChatPay
        {
            Reply = _ => (HttpStatusCode.BadRequest, string.Empty),
            Tamper = r => r.Content = new ByteArrayContent(new byte[] { 0x7B, 0x22, 0x63, 0x6F, 0x64, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D }), // {"code":"\xC3(\xFF"}
        };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(e!.Body, Is.EqualTo("{\"code\":\"\uFFFD(\uFFFD\"}"));
        Assert.That(e.Code, Is.EqualTo("\uFFFD(\uFFFD"));
    }

    [TestCase("{\"code\":{\"a\":1},\"message\":\"m\"}")]
    [TestCase("{\"code\":\"SYSTEM_ERROR\",\"message\":\"m\"}")]
    [TestCase("[1]")]
    public async Task A5xxWithAnyBody_IsRetried_OnTheBackupDomain_AsAStringCodeIs(string body)
    {
        var waits = new List<TimeSpan>();
        var calls = 0;
        var fake = new FakeWeChatPay { Reply = _ => ++calls == 1 ? (HttpStatusCode.InternalServerError, body) : (HttpStatusCode.OK, "{\"ok\":true}") };
        var res = await fake.Create(o => o.Retry = Retry(waits)).Chain("v3/x").GetAsync();
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api.mch.weixin.qq.com/v3/x", "https://api2.mch.weixin.qq.com/v3/x" }));
        Assert.That(waits, Has.Count.EqualTo(1));
    }

    [TestCase("{\"code\":{\"a\":1},\"message\":\"m\"}")]
    [TestCase("{\"code\":\"PARAM_ERROR\",\"message\":\"m\"}")]
    [TestCase("[1]")]
    public void A4xxWithAnyBody_IsNotRetried_AsAStringCodeIsNot(string body)
    {
        var waits = new List<TimeSpan>();
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.BadRequest, body) };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create(o => o.Retry = Retry(waits)).Chain("v3/x").GetAsync());
        Assert.That(e!.Body, Is.EqualTo(body));
        Assert.That(fake.Sent, Has.Count.EqualTo(1));
        Assert.That(waits, Is.Empty);
    }

    [Test]
    public void ApiV2ErrorStatuses_WithAJsonObjectCode_AreApiExceptions()
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.BadRequest, "{\"code\":{\"a\":1}}") };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create(o => o.Secret = "0123456789abcdef0123456789abcdef").Chain("v2/pay/micropay").PostAsync(new { xml = new { mch_id = FakeWeChatPay.Mchid } }));
        Assert.That(e!.Body, Is.EqualTo("{\"code\":{\"a\":1}}"));
        Assert.That(e.Code, Is.Null);
    }
}
