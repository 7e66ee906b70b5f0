using System.Net;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.Http;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace ChainPay.Tests.Extensions.DependencyInjection;

/// <summary>AddChainPay (issue 12, items 1 and 2): registration, configuration, many merchants, resilience, key rotation.</summary>
public class ServiceCollectionExtensionsTests
{
    private static readonly object Order = new
    {
        json = new { appid = "wxd678efh567hg6787", mchid = "1230000109", description = "d", out_trade_no = "DI1", notify_url = "https://weixin.qq.com/", amount = new { total = 1, currency = "CNY" } },
    };

    private static Action<BuilderOptions> As(WeChatPaySandbox sandbox, SandboxMerchant? merchant = null) => o =>
    {
        var s = sandbox.CreateOptions(merchant);
        (o.Mchid, o.Serial, o.PrivateKey, o.Certs) = (s.Mchid, s.Serial, s.PrivateKey, s.Certs);
    };

    private static void NoDelay(IHttpClientBuilder h) => h.AddStandardResilienceHandler(r =>
    {
        r.Retry.Delay = TimeSpan.Zero;
        r.Retry.UseJitter = false;
    });

    private static void AssertTwoFreshlySignedAttempts(AttemptRecorder recorder, SandboxMerchant merchant)
    {
        Assert.That(recorder.Attempts, Has.Count.EqualTo(2));
        Assert.That(AttemptRecorder.Fields(recorder.Attempts[1].Authorization)["nonce_str"], Is.Not.EqualTo(AttemptRecorder.Fields(recorder.Attempts[0].Authorization)["nonce_str"]));
        Assert.That(recorder.Attempts.Select(a => AttemptRecorder.Verifies(a, merchant.PrivateKey)), Is.All.True);
    }

    [Test]
    public async Task TheStandardResilienceHandler_RetriesA503_WithAFreshSignature()
    {
        var sandbox = new WeChatPaySandbox();
        var recorder = new AttemptRecorder(sandbox.CreateHandler());
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(NoDelay);
        services.AddChainPay(As(sandbox)).HttpClient.ConfigurePrimaryHttpMessageHandler(() => recorder);
        using var provider = services.BuildServiceProvider();
        sandbox.FailNext(HttpStatusCode.ServiceUnavailable, "SYSTEM_ERROR", "系统繁忙");

        using var response = await provider.GetRequiredService<BuilderChain>().Chain("v3/pay/transactions/native").PostAsync(Order);

        Assert.That(response.StatusCode, Is.EqualTo(200));
        AssertTwoFreshlySignedAttempts(recorder, sandbox.Merchant);
    }

    [Test]
    public async Task AHandMadeFactoryClient_AfterTheDocumentedCall_RetriesWithAFreshSignature()
    {
        var sandbox = new WeChatPaySandbox();
        var recorder = new AttemptRecorder(sandbox.CreateHandler());
        var services = new ServiceCollection();
        var mine = services.AddHttpClient("mine").ConfigurePrimaryHttpMessageHandler(() => recorder);
        NoDelay(mine);
        mine.AddHttpMessageHandler(() => new SigningHandler()); // the documented call: last, below the retries
        using var provider = services.BuildServiceProvider();
        var options = sandbox.CreateOptions();
        options.HttpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient("mine");
        sandbox.FailNext(HttpStatusCode.ServiceUnavailable, "SYSTEM_ERROR", "系统繁忙");

        using var response = await Builder.Factory(options).Chain("v3/pay/transactions/native").PostAsync(Order);

        Assert.That(response.StatusCode, Is.EqualTo(200));
        AssertTwoFreshlySignedAttempts(recorder, sandbox.Merchant);
    }

    [Test]
    public async Task NamedMerchants_SideBySide_EachSignsAsItself()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial }); // serves /v3/certificates
        var other = sandbox.AddMerchant("1230000110");
        var recorder = new AttemptRecorder(sandbox.CreateHandler());
        var services = new ServiceCollection();
        services.AddChainPay("main", As(sandbox)).HttpClient.ConfigurePrimaryHttpMessageHandler(() => recorder);
        services.AddChainPay("sub", As(sandbox, other)).HttpClient.ConfigurePrimaryHttpMessageHandler(() => recorder);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IChainPayFactory>();

        using var a = await factory.Get("main").Chain("v3/certificates").GetAsync();
        using var b = await factory.Get("sub").Chain("v3/certificates").GetAsync();

        Assert.That(recorder.Attempts.Select(x => AttemptRecorder.Fields(x.Authorization)["mchid"]), Is.EqualTo(new[] { "1230000109", "1230000110" }).AsCollection);
        Assert.That(factory.Get("main"), Is.SameAs(factory.Get("main")), "built once");
        var e = Assert.Throws<InvalidArgumentException>(() => factory.Get("nope"));
        Assert.That(e!.Message, Does.Contain("`nope`").And.Contain("`main`, `sub`"));
    }

    [Test]
    public void ABadConfiguration_FailsHostStart_NamingTheOption_NeverTheKey()
    {
        var sandbox = new WeChatPaySandbox();
        var pem = sandbox.Merchant.PrivateKey.ExportPkcs8PrivateKeyPem();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChainPay:Mchid"] = "1230000109",
            ["ChainPay:PrivateKey"] = pem,
            ["ChainPay:Certs:PUB_KEY_ID_1"] = sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfoPem(),
        }).Build();
        using var host = new HostBuilder().ConfigureServices(s => s.AddChainPay(config.GetSection("ChainPay"))).Build();

        var e = Assert.CatchAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(e!.Message, Does.Contain("Serial").And.Contain("`serial` is required"));
        Assert.That(e.Message, Does.Not.Contain("PRIVATE KEY").And.Not.Contain(pem.Split('\n')[1]));
    }

    [Test]
    public async Task AKeyRotationInConfiguration_IsUsedByTheNextCall()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial }); // serves /v3/certificates
        var rotated = sandbox.AddMerchant("1230000109-rotated");
        var keyFile = Path.GetTempFileName();
        File.WriteAllText(keyFile, sandbox.Merchant.PrivateKey.ExportPkcs8PrivateKeyPem());
        try
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChainPay:Mchid"] = sandbox.Merchant.Mchid,
                ["ChainPay:Serial"] = sandbox.Merchant.Serial,
                ["ChainPay:PrivateKey"] = keyFile, // a file path
                ["ChainPay:Certs:" + sandbox.PlatformKeyId] = sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfoPem(),
                ["ChainPay:ApiV3Key"] = sandbox.ApiV3Key,
            }).Build();
            var recorder = new AttemptRecorder(sandbox.CreateHandler());
            using var host = new HostBuilder().ConfigureServices(s => s.AddChainPay(config.GetSection("ChainPay")).HttpClient.ConfigurePrimaryHttpMessageHandler(() => recorder)).Build();
            await host.StartAsync();
            var factory = host.Services.GetRequiredService<IChainPayFactory>();
            using var before = await factory.Get(ChainPayOptions.DefaultName).Chain("v3/certificates").GetAsync();

            config["ChainPay:Mchid"] = rotated.Mchid;
            config["ChainPay:Serial"] = rotated.Serial;
            config["ChainPay:PrivateKey"] = rotated.PrivateKey.ExportPkcs8PrivateKeyPem(); // PEM text
            ((IConfigurationRoot)config).Reload();
            using var after = await host.Services.GetRequiredService<BuilderChain>().Chain("v3/certificates").GetAsync();

            Assert.That(recorder.Attempts.Select(x => AttemptRecorder.Fields(x.Authorization)["serial_no"]), Is.EqualTo(new[] { sandbox.Merchant.Serial, rotated.Serial }).AsCollection);
            Assert.That(AttemptRecorder.Verifies(recorder.Attempts[1], rotated.PrivateKey), Is.True);
            Assert.That(factory.GetOptions(ChainPayOptions.DefaultName).ApiV3Key, Is.EqualTo(sandbox.ApiV3Key));
            await host.StopAsync();
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Test]
    public void AnUnknownConfigurationKey_IsRefused_NamingIt()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ChainPay:Mchd"] = "1" }).Build();
        var services = new ServiceCollection();
        services.AddChainPay(config.GetSection("ChainPay"));
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidArgumentException>(() => provider.GetRequiredService<IChainPayFactory>().Get(ChainPayOptions.DefaultName));

        Assert.That(e!.Message, Does.Contain("`ChainPay:Mchd`"));
    }
    [Test]
    [NonParallelizable]
    public async Task AnApiV2MerchantCertificate_IsPresentedByTheMerchantsNamedClient()
    {
        var answer = Transformer.ToXml(V2.ResponseTransformerTests.Signed(global::ChainPay.Crypto.Hash.AlgoMd5, ("return_code", "SUCCESS"), ("result_code", "SUCCESS")));
        using var server = new LoopbackTlsServer(answer);
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var client = LoopbackTlsServer.MakeCertificate("CN=10000100, O=WeChat Pay Merchant", serverAuth: false, key);
        var services = new ServiceCollection();
        services.AddChainPay("v2", o =>
        {
            (o.Mchid, o.Serial, o.PrivateKey) = ("10000100", TestKeys.MerchantSerial, TestKeys.Pkcs8PrivateKey);
            o.Certs = new Dictionary<string, object?> { [TestKeys.PublicKeyId] = TestKeys.SpkiPublicKey };
            (o.Secret, o.BaseUri) = ("192006250b4c09247ec02edce69f6a2d", $"https://127.0.0.1:{server.Port}/");
            o.Merchant = global::ChainPay.V2.MerchantCertificate.FromPem(client.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
        }).HttpClient.ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback =
            (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == server.ServerCertificate.Thumbprint);
        using var provider = services.BuildServiceProvider();

        // No `security = true`: the call goes through the IHttpClientFactory client itself, not ChainPay's own mTLS client.
        using var res = await provider.GetRequiredService<IChainPayFactory>().Get("v2").Chain("v2/secapi/pay/refund").PostAsync(new { xml = new { mch_id = "10000100", out_refund_no = "R1" } });

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(server.ClientThumbprint, Is.EqualTo(client.Thumbprint));
    }

    [Test]
    public async Task TheStandardHedgingHandler_SendsADifferentlySignedSecondAttempt_AndSucceeds()
    {
        var sandbox = new WeChatPaySandbox();
        var first = new AttemptRecorder(new HoldFirstAttempt(sandbox.CreateHandler()));
        var services = new ServiceCollection();
        services.AddChainPay(As(sandbox)).HttpClient.ConfigurePrimaryHttpMessageHandler(() => first)
            .AddStandardHedgingHandler().Configure(o => (o.Hedging.Delay, o.Hedging.MaxHedgedAttempts) = (TimeSpan.Zero, 1));
        using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<BuilderChain>().Chain("v3/pay/transactions/native").PostAsync(Order);

        Assert.That(response.StatusCode, Is.EqualTo(200), "the hedged attempt, signed anew, was accepted by the sandbox");
        Assert.That(first.Attempts, Has.Count.EqualTo(2));
        Assert.That(AttemptRecorder.Fields(first.Attempts[1].Authorization)["nonce_str"], Is.Not.EqualTo(AttemptRecorder.Fields(first.Attempts[0].Authorization)["nonce_str"]));
        Assert.That(first.Attempts.Select(a => AttemptRecorder.Verifies(a, sandbox.Merchant.PrivateKey)), Is.All.True);
    }

    /// <summary>Holds the first attempt until a second one has been answered (so hedging sends one).</summary>
    private sealed class HoldFirstAttempt(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly TaskCompletionSource secondAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int sends;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref sends) == 1)
            {
                await secondAnswered.Task.WaitAsync(cancellationToken); // cancelled once the hedged attempt wins
                throw new OperationCanceledException(cancellationToken);
            }

            var response = await base.SendAsync(request, cancellationToken);
            secondAnswered.TrySetResult();
            return response;
        }
    }
}
