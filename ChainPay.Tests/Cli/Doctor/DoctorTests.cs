using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Cli;
using ChainPay.Testing;

namespace ChainPay.Tests.Cli.Doctor;

public partial class DoctorTests
{
    [Test]
    public async Task A_merchant_certificate_of_the_key_and_the_serial_passes_locally()
    {
        var (sandbox, settings) = Settings();
        settings.MerchantCertificate = Certificate(sandbox.Merchant.PrivateKey, sandbox.Merchant.Serial);

        var checks = await new ChainPay.Cli.Doctor.Doctor(settings, () => DateTimeOffset.UtcNow, _ => { }).RunAsync(CancellationToken.None);

        Assert.That(checks[1].ToString(), Does.StartWith($"✓ private key ↔ Serial — the key matches the merchant certificate {sandbox.Merchant.Serial} (valid until "));
    }

    [Test]
    public async Task A_merchant_certificate_of_another_key_fails_with_its_fix()
    {
        var (sandbox, settings) = Settings();
        using var other = RSA.Create(2048);
        settings.MerchantCertificate = Certificate(other, sandbox.Merchant.Serial);

        var checks = await new ChainPay.Cli.Doctor.Doctor(settings, () => DateTimeOffset.UtcNow, _ => { }).RunAsync(CancellationToken.None);

        Assert.That(checks[1], Is.EqualTo(ChainPay.Cli.Doctor.DoctorCheck.Fail("private key ↔ Serial", "the private key does not belong to the merchant certificate",
            "apiclient_key.pem and apiclient_cert.pem must come from the same certificate application (商户平台 → API安全 → 管理证书)")));
    }

    [Test]
    public async Task A_merchant_certificate_with_another_serial_names_the_right_one()
    {
        var (sandbox, settings) = Settings();
        settings.MerchantCertificate = Certificate(sandbox.Merchant.PrivateKey, "1DB6B2A3C4D5E6F708192A3B4C5D6E7F80910A1B");

        var checks = await new ChainPay.Cli.Doctor.Doctor(settings, () => DateTimeOffset.UtcNow, _ => { }).RunAsync(CancellationToken.None);

        Assert.That(checks[1].ToString(), Is.EqualTo(
            $"✗ private key ↔ Serial — the merchant certificate's serial is 1DB6B2A3C4D5E6F708192A3B4C5D6E7F80910A1B, not {sandbox.Merchant.Serial} — fix: set WECHATPAY_SERIAL (or --serial) to 1DB6B2A3C4D5E6F708192A3B4C5D6E7F80910A1B"));
    }

    [Test]
    public async Task A_public_key_id_that_is_not_one_is_refused_before_any_call()
    {
        var (sandbox, settings) = Settings();
        settings.PublicKeyId = sandbox.Merchant.Serial;

        var checks = await new ChainPay.Cli.Doctor.Doctor(settings, () => DateTimeOffset.UtcNow, _ => { }).RunAsync(CancellationToken.None);

        Assert.That(checks[2].ToString(), Does.StartWith($"✗ platform key — `{sandbox.Merchant.Serial}` is not a WeChat Pay public key id — fix: a public key id starts with PUB_KEY_ID_"));
        Assert.That(checks[5].Passed, Is.False);
    }

    private static (WeChatPaySandbox Sandbox, MerchantSettings Settings) Settings()
    {
        var sandbox = new WeChatPaySandbox();
        var server = SandboxServer.Start(sandbox);
        var settings = new MerchantSettings();
        ChainPay.Cli.Sandbox.SandboxFiles.Fill(settings, sandbox, server);
        Servers.Add(server);
        return (sandbox, settings);
    }

    private static readonly List<SandboxServer> Servers = new();

    [TearDown]
    public void StopServers()
    {
        foreach (var server in Servers)
        {
            server.Dispose();
        }

        Servers.Clear();
    }

    private static string Certificate(RSA key, string serial)
    {
        var request = new CertificateRequest("CN=1230000109, O=Tenpay.com, C=CN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddYears(1), Convert.FromHexString(serial));
        return certificate.ExportCertificatePem();
    }
}
