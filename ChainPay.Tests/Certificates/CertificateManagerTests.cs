using System.Globalization;
using System.Net;
using ChainPay.Certificates;
using ChainPay.Testing;
using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;
using SandboxCertificate = ChainPay.Testing.Internal.PlatformCertificate;

namespace ChainPay.Tests.Certificates;

/// <summary>Each test is cancelled (and fails) after 10 s, so a lost release of a gate cannot hang the run.</summary>
[CancelAfter(10_000)]
public partial class CertificateManagerTests
{
    private const string ApiV3Key = "0123456789abcdef0123456789abcdef";

    private static (WeChatPaySandbox Sandbox, BuilderChain Instance) Bootstrap()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null }; // no certificate yet
        return (sandbox, Builder.Factory(options));
    }

    /// <summary>A bootstrapping manager whose certificate download waits at <see cref="DownloadHold"/>.</summary>
    private static (WeChatPaySandbox Sandbox, DownloadHold Hold, CertificateManager Manager) HeldDownload(CancellationToken cancellation)
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var hold = new DownloadHold(cancellation) { InnerHandler = sandbox.CreateHandler() };
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null };
        options.HttpClient = new HttpClient(hold);
        return (sandbox, hold, new CertificateManager(Builder.Factory(options), ApiV3Key));
    }

    [Test]
    public async Task RefreshAsync_BootstrapsFromTheDownload_AndInstallsTheCertificate()
    {
        var (sandbox, instance) = Bootstrap();
        Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());

        using var manager = new CertificateManager(instance, ApiV3Key);
        var certificates = await manager.RefreshAsync();
        Assert.That(certificates.Select(c => c.SerialNo), Is.EqualTo(new[] { sandbox.PlatformKeyId }));
        Assert.That(certificates[0].Pem, Is.EqualTo(sandbox.PlatformCertificatePem));
        Assert.That(manager.PublicKeyMode, Is.False);

        var res = await instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
        Assert.That((string?)JObject.Parse(await res.GetStringAsync())["out_bill_no"], Is.EqualTo(WeChatPaySandbox.SampleOutBillNo));
    }

    [Test]
    public async Task ForcedRefreshes_AreAtMostOncePerMinute()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1795455453);
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key, Clock = () => now });
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null };
        options.Clock = () => now;
        var instance = Builder.Factory(options);
        using var manager = new CertificateManager(instance, "fedcba9876543210fedcba9876543210"); // wrong key: refreshes fail

        Assert.ThrowsAsync<ResponseVerificationException>(() => Query(instance));
        var afterFirst = sandbox.RequestCount;
        Assert.ThrowsAsync<ResponseVerificationException>(() => Query(instance));
        Assert.That(sandbox.RequestCount - afterFirst, Is.EqualTo(1), "no second download within a minute");
        Assert.That(manager.LastError, Is.InstanceOf<ResponseVerificationException>().Or.InstanceOf<InvalidArgumentException>());

        now = now.AddMinutes(1);
        var beforeThird = sandbox.RequestCount;
        Assert.ThrowsAsync<ResponseVerificationException>(() => Query(instance));
        Assert.That(sandbox.RequestCount - beforeThird, Is.EqualTo(2), "a download again after a minute");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ManyCallsInFlight_WithAnUnknownSerial_AllVerify_WithOneDownload(CancellationToken cancellation)
    {
        const int Calls = 16;
        for (var round = 0; round < 10; round++) // a fresh instance each round: the race window is narrow
        {
            var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
            var gate = new OverlapGate(Calls, cancellation) { InnerHandler = sandbox.CreateHandler() };
            var options = sandbox.CreateOptions();
            options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null };
            options.HttpClient = new HttpClient(gate);
            var instance = Builder.Factory(options);
            using var manager = new CertificateManager(instance, ApiV3Key);
            var before = sandbox.RequestCount;

            var responses = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => Task.Run(() => Query(instance), cancellation)));

            Assert.That(gate.MaxInFlight, Is.EqualTo(Calls), "every call was in flight at once");
            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(200));
            Assert.That(sandbox.RequestCount - before, Is.EqualTo(Calls + 1), "the calls and a single certificate download");
        }
    }

    [Test]
    public async Task ACallThatMissedTheKey_FindsItInstalledByTheDownloadThatJustFinished()
    {
        var (sandbox, instance) = Bootstrap();
        using var manager = new CertificateManager(instance, ApiV3Key);
        IKeyResolver resolver = manager;
        var before = sandbox.RequestCount;
        Assert.That(await resolver.ResolveAsync(sandbox.PlatformKeyId, "/v3/pay/transactions/id/1", Array.Empty<byte>()), Is.Not.Null, "the first miss downloads");

        // A second call looked the serial up before that download installed it and asks now, within the minute.
        Assert.That(await resolver.ResolveAsync(sandbox.PlatformKeyId, "/v3/pay/transactions/id/1", Array.Empty<byte>()), Is.Not.Null);
        Assert.That(sandbox.RequestCount - before, Is.EqualTo(1), "one download");
    }

    [Test]
    public async Task CancellingOneRefresh_DoesNotFailTheCallsSharingItsDownload(CancellationToken cancellation)
    {
        var (sandbox, hold, manager) = HeldDownload(cancellation);
        using var disposing = manager;
        using var refreshCancellation = new CancellationTokenSource();

        var refresh = manager.RefreshAsync(refreshCancellation.Token);
        await hold.Arrived.Task.WaitAsync(cancellation);
        var resolving = ((IKeyResolver)manager).ResolveAsync(sandbox.PlatformKeyId, "/v3/pay/transactions/id/1", Array.Empty<byte>()); // joins the download
        refreshCancellation.Cancel();
        var e = Assert.CatchAsync<OperationCanceledException>(() => refresh, "the cancelled caller stops waiting");
        Assert.That(e!.Message, Is.EqualTo("The wait for the certificate download was cancelled."));
        Assert.That(e.CancellationToken, Is.EqualTo(refreshCancellation.Token));
        hold.Release.SetResult(true);

        Assert.That(await resolving, Is.Not.Null, "the shared download still ran to its end");
        Assert.That(manager.Certificates.Select(c => c.SerialNo), Is.EqualTo(new[] { sandbox.PlatformKeyId }));
    }

    [Test]
    public async Task ADownload_DoesNotInstallNorTrustAnExpiredCertificate()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var now = DateTimeOffset.UtcNow;
        var (expiredPem, expiredSerial) = SandboxCertificate.Create(TestKeyPool.Get(0), now.AddYears(-6));
        var answer = new CertificatesAnswer(new JArray(
            Entry(sandbox.PlatformKeyId, sandbox.PlatformCertificatePem!, now.AddYears(5)),
            Entry(expiredSerial, expiredPem, now.AddDays(-1))), now, sandbox.PlatformKeyId) { InnerHandler = sandbox.CreateHandler() };
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null };
        options.HttpClient = new HttpClient(answer);
        var instance = Builder.Factory(options);
        using var manager = new CertificateManager(instance, ApiV3Key);

        Assert.That((await manager.RefreshAsync()).Select(c => c.SerialNo), Is.EqualTo(new[] { sandbox.PlatformKeyId }));
        Assert.That(instance.Client.Keys.ContainsKey(expiredSerial), Is.False, "the expired certificate was not installed");

        answer.SignedBy = expiredSerial; // an answer signed by the expired certificate it carries is not trusted
        Assert.That(() => manager.RefreshAsync(), Throws.InstanceOf<ResponseVerificationException>());
    }

    private static JObject Entry(string serial, string pem, DateTimeOffset expires) => new()
    {
        ["serial_no"] = serial,
        ["effective_time"] = expires.AddYears(-5).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        ["expire_time"] = expires.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        ["encrypt_certificate"] = new JObject
        {
            ["algorithm"] = "AEAD_AES_256_GCM",
            ["nonce"] = "abcdefabcdef",
            ["associated_data"] = "certificate",
            ["ciphertext"] = ChainPay.Crypto.AesGcm.Encrypt(pem, ApiV3Key, "abcdefabcdef", "certificate"),
        },
    };

    private static Task<Flurl.Http.IFlurlResponse> Query(BuilderChain instance) =>
        instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });

    [Test]
    public void AWrongApiV3Key_IsReportedClearly()
    {
        var (_, instance) = Bootstrap();
        using var manager = new CertificateManager(instance, "fedcba9876543210fedcba9876543210");
        Assert.That(() => manager.RefreshAsync(), Throws.InstanceOf<ResponseVerificationException>().Or.InstanceOf<InvalidArgumentException>());
    }

    [Test]
    public async Task InPublicKeyMode_ThereAreNoCertificates_AndTheKeyStillWorks()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { ApiV3Key = ApiV3Key });
        var instance = Builder.Factory(sandbox.CreateOptions());
        using var manager = new CertificateManager(instance, ApiV3Key);
        Assert.That(await manager.RefreshAsync(), Is.Empty);
        Assert.That(manager.PublicKeyMode, Is.True);
        var res = await instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
        Assert.That(res.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void Decrypt_RefusesACertificateDeliveredUnderAnotherSerial()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var body = JObject.Parse("{\"data\":[{\"serial_no\":\"0123\",\"effective_time\":\"2024-01-01T00:00:00+08:00\",\"expire_time\":\"2099-01-01T00:00:00+08:00\",\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"abcdefabcdef\",\"associated_data\":\"certificate\"}}]}");
        body["data"]![0]!["encrypt_certificate"]!["ciphertext"] = ChainPay.Crypto.AesGcm.Encrypt(sandbox.PlatformCertificatePem!, ApiV3Key, "abcdefabcdef", "certificate");
        Assert.Throws<InvalidOperationException>(() => CertificateManager.Decrypt(body, ApiV3Key));
    }

    [Test]
    public void Constructor_ValidatesItsArguments()
    {
        var (_, instance) = Bootstrap();
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new CertificateManager(instance, "short"))!.ParamName, Is.EqualTo("apiV3Key"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new CertificateManager(instance, ApiV3Key, TimeSpan.FromSeconds(1)))!.ParamName, Is.EqualTo("refreshInterval"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new CertificateManager(null!, ApiV3Key))!.ParamName, Is.EqualTo("instance"));
    }

    [Test]
    public async Task Dispose_Detaches()
    {
        var (_, instance) = Bootstrap();
        var manager = new CertificateManager(instance, ApiV3Key);
        manager.Dispose();
        Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        await Task.CompletedTask;
    }
}
