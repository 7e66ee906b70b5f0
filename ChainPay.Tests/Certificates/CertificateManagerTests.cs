using System.Net;
using ChainPay.Certificates;
using ChainPay.Testing;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Certificates;

public class CertificateManagerTests
{
    private const string ApiV3Key = "0123456789abcdef0123456789abcdef";

    private static (WeChatPaySandbox Sandbox, BuilderChain Instance) Bootstrap()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null }; // no certificate yet
        return (sandbox, Builder.Factory(options));
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
    public async Task AnUnknownSerial_TriggersOneRefresh_SharedByConcurrentCalls()
    {
        var (sandbox, instance) = Bootstrap();
        using var manager = new CertificateManager(instance, ApiV3Key);
        var before = sandbox.RequestCount;
        var calls = Enumerable.Range(0, 8).Select(_ => instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }));
        var responses = await Task.WhenAll(calls);
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(200));
        Assert.That(sandbox.RequestCount - before, Is.EqualTo(9), "8 calls and a single certificate download");
        Assert.That(manager.Certificates, Has.Count.EqualTo(1));
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
