using System.Net;
using ChainPay.Http;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Http;

public class ApiClientTests
{
    [TestCase("get", "GET")]
    [TestCase("Post", "POST")]
    [TestCase("PATCH", "PATCH")]
    [TestCase("head", null)]
    public void MethodOf_KnowsTheFiveVerbs(string verb, string? method)
    {
        Assert.That(ApiClient.MethodOf(verb)?.Method, Is.EqualTo(method));
    }

    [Test]
    public async Task EveryRequest_CarriesWechatpaySerial_ThePublicKeyId()
    {
        var fake = new FakeWeChatPay();
        var instance = fake.Create();

        using var get = await instance.Chain("v3/certificates").GetAsync();
        using var post = await instance.Chain("v3/pay/transactions/native").PostAsync(new { json = new { a = 1 } });

        Assert.That(fake.Sent.Select(s => s.Headers.GetValueOrDefault("Wechatpay-Serial")), Is.EqualTo(new[] { TestKeys.PublicKeyId, TestKeys.PublicKeyId }).AsCollection);
    }

    [TestCase(new[] { "CERT1", "CERT2" }, "CERT2", TestName = "certificates: the newest (last) serial")]
    [TestCase(new[] { "CERT1", TestKeys.PublicKeyId, "CERT2" }, TestKeys.PublicKeyId, TestName = "a PUB_KEY_ID wins over certificates")]
    public void TheSerialSent_IsThePublicKeyIdElseTheNewestCertificate(string[] certs, string expected)
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.NotFound, "{\"code\":\"NOT_FOUND\",\"message\":\"m\"}") };
        var instance = fake.Create(o => o.Certs = certs.ToDictionary(c => c, c => (object?)FakeWeChatPay.PlatformKey));

        Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/x").GetAsync());

        Assert.That(fake.Sent.Single().Headers["Wechatpay-Serial"], Is.EqualTo(expected));
    }

    [Test]
    public async Task ACallersOwnSerial_Wins_PerRequestAndInHeaders()
    {
        var fake = new FakeWeChatPay();
        var perRequest = fake.Create(o => o.Certs["OTHER"] = FakeWeChatPay.PlatformKey);
        var configured = fake.Create(o => o.Headers["Wechatpay-Serial"] = "CONFIGURED");

        using var a = await perRequest.Chain("v3/x").GetAsync(new { headers = new Dictionary<string, object> { ["Wechatpay-Serial"] = "OTHER" } });
        using var b = await configured.Chain("v3/x").GetAsync();

        Assert.That(fake.Sent.Select(s => s.Headers["Wechatpay-Serial"]), Is.EqualTo(new[] { "OTHER", "CONFIGURED" }).AsCollection);
    }

    [Test]
    public async Task SendPlatformSerialFalse_SendsNoSerial_AsWechatpayPhp()
    {
        var fake = new FakeWeChatPay();
        var instance = fake.Create(o => o.SendPlatformSerial = false);

        using var response = await instance.Chain("v3/x").GetAsync();

        Assert.That(fake.Sent.Single().Headers.ContainsKey("Wechatpay-Serial"), Is.False);
    }

    [TestCase(SandboxKeyMode.PublicKeyId)]
    [TestCase(SandboxKeyMode.CertificateSerial)]
    public async Task AgainstTheSandbox_InBothKeyModes_TheSerialIsThePlatformKeyId(SandboxKeyMode mode)
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = mode });
        var recorder = new AttemptRecorder(sandbox.CreateHandler());
        var options = sandbox.CreateOptions();
        options.HttpClient = new HttpClient(recorder);
        var instance = Builder.Factory(options);

        using var response = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
            .GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = sandbox.Merchant.Mchid } });

        Assert.That(recorder.Attempts.Single().Serial, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(sandbox.PlatformKeyId.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal), Is.EqualTo(mode == SandboxKeyMode.PublicKeyId));
    }

    [Test]
    public async Task DefaultHeaders_ComeFirst_InOrder_AnOverriddenOneInItsPlace()
    {
        var fake = new FakeWeChatPay();
        var names = new List<string>();
        var instance = fake.Create(o =>
        {
            o.HttpClient = new HttpClient(new HeaderNames(fake.Handler, names));
            o.Headers["X-Trace"] = "t1";
            o.Headers["accept"] = " application/xml ";
        });

        using var response = await instance.Chain("v3/certificates").GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(fake.Sent.Single().Headers["Accept"], Is.EqualTo("application/xml"));
            Assert.That(names.Where(n => n is not "Authorization").ToArray(), Is.EqualTo(new[] { "Accept", "User-Agent", "X-Trace", "Wechatpay-Serial" }));
        });
    }

    // A base URI whose target ChainPay would not send as written (an IPv6 literal's brackets) goes through Flurl's
    // own URL handling, with the same default headers.
    [Test]
    public async Task ABaseUriFlurlMustEncode_IsSentThroughFlurlsRequest_WithTheDefaultHeaders()
    {
        var fake = new FakeWeChatPay();
        var instance = fake.Create(o => o.BaseUri = "http://[::1]:8080/");

        using var response = await instance.Chain("v3/certificates").GetAsync();

        var sent = fake.Sent.Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Url, Is.EqualTo("http://[::1]:8080/v3/certificates"));
            Assert.That(sent.Headers["Accept"], Is.EqualTo(Builder.DefaultAccept));
            Assert.That(sent.Headers["User-Agent"], Does.StartWith("ChainPay/"));
            Assert.That(FakeWeChatPay.VerifyAuthorization(sent, out _), Is.True);
        });
    }

    private sealed class HeaderNames : DelegatingHandler
    {
        private readonly List<string> names;

        public HeaderNames(HttpMessageHandler inner, List<string> names)
            : base(inner) => this.names = names;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            names.AddRange(request.Headers.NonValidated.Select(h => h.Key));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
