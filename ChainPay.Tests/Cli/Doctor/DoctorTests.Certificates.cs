using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Cli;
using ChainPay.Cli.Doctor;
using ChainPay.Testing;

namespace ChainPay.Tests.Cli.Doctor;

// The platform certificates: every one listed, a warning within 30 days of an expiry, a failure when all expired.
public partial class DoctorTests
{
    private const string OldSerial = "3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B";

    [Test]
    public async Task Every_platform_certificate_is_listed_with_its_serial_and_expiry_and_the_call_verifies()
    {
        var (sandbox, settings) = CertificateSettings(PlatformPlus(DateTimeOffset.UtcNow.AddDays(90)));

        var checks = await RunAsync(settings);

        Assert.That(checks[2].ToString(), Does.StartWith($"✓ platform key — 2 platform certificates: {sandbox.PlatformKeyId}, valid until ")
            .And.EndWith($"; {OldSerial}, valid until {DateTimeOffset.UtcNow.AddDays(90):yyyy-MM-dd} (89 days)"));
        Assert.That(checks[2].Warning, Is.False);
        Assert.That(checks[5].ToString(), Does.StartWith("✓ signed call — ").And.Contain($"signature verified with {sandbox.PlatformKeyId} or {OldSerial}"));
    }

    [Test]
    public async Task A_certificate_expiring_within_30_days_warns_but_passes_and_doctor_still_exits_0()
    {
        var (_, settings) = CertificateSettings(PlatformPlus(DateTimeOffset.UtcNow.AddDays(10)));

        var check = (await RunAsync(settings))[2];
        Assert.That((check.Passed, check.Warning), Is.EqualTo((true, true)));
        Assert.That(check.ToString(), Does.StartWith("⚠ platform key — 2 platform certificates: ").And.Contain($"fix: {OldSerial} expires within 30 days: download the current certificates (`chainpay certificates download`) before"));

        using var output = new StringWriter();
        var code = await DoctorCommand.RunAsync(new CliContext(output, TextWriter.Null, _ => null), settings, CancellationToken.None);
        Assert.That(code, Is.EqualTo(0), output.ToString());
        Assert.That(output.ToString(), Does.Contain("All 6 checks passed (1 with a warning).").And.Contain("⚠ platform key"));
    }

    [Test]
    public async Task When_every_certificate_has_expired_the_check_fails()
    {
        var now = DateTimeOffset.UtcNow;
        using var a = RSA.Create(2048);
        using var b = RSA.Create(2048);
        var (_, settings) = CertificateSettings(_ => Pem(a, OldSerial, now.AddDays(-3)) + Pem(b, "0A0B0C0D", now.AddDays(-1)));

        var check = (await RunAsync(settings))[2];

        Assert.That(check.Passed, Is.False);
        Assert.That(check.ToString(), Does.StartWith($"✗ platform key — every platform certificate has expired: {OldSerial}, expired on {now.AddDays(-3):yyyy-MM-dd}; 0A0B0C0D, expired on ")
            .And.Contain("fix: download the current ones (`chainpay certificates download`)"));
    }

    [Test]
    public async Task A_folder_of_downloaded_certificates_is_read_file_by_file()
    {
        var folder = Directory.CreateTempSubdirectory("chainpay-doctor-").FullName;
        try
        {
            var (sandbox, settings) = CertificateSettings(s => s.PlatformCertificatePem!);
            File.WriteAllText(Path.Combine(folder, $"wechatpay_{sandbox.PlatformKeyId}.pem"), sandbox.PlatformCertificatePem!);
            using var old = RSA.Create(2048);
            File.WriteAllText(Path.Combine(folder, $"wechatpay_{OldSerial}.pem"), Pem(old, OldSerial, DateTimeOffset.UtcNow.AddDays(200)));
            settings.PlatformCertificate = folder;

            var checks = await RunAsync(settings);

            Assert.That(checks[2].ToString(), Does.StartWith("✓ platform key — 2 platform certificates: ").And.Contain(OldSerial).And.Contain(sandbox.PlatformKeyId));
            Assert.That(checks[5].ToString(), Does.StartWith("✓ signed call — ").And.Contain(sandbox.PlatformKeyId));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<IReadOnlyList<DoctorCheck>> RunAsync(MerchantSettings settings) =>
        new ChainPay.Cli.Doctor.Doctor(settings, () => DateTimeOffset.UtcNow, _ => { }).RunAsync(CancellationToken.None);

    /// <summary>The sandbox's own platform certificate followed by an older one expiring at <paramref name="oldExpiry"/>, in one PEM file's text.</summary>
    private static Func<WeChatPaySandbox, string> PlatformPlus(DateTimeOffset oldExpiry) => sandbox =>
    {
        using var key = RSA.Create(2048);
        return sandbox.PlatformCertificatePem + Pem(key, OldSerial, oldExpiry);
    };

    private static (WeChatPaySandbox Sandbox, MerchantSettings Settings) CertificateSettings(Func<WeChatPaySandbox, string> pem)
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial });
        var server = SandboxServer.Start(sandbox);
        Servers.Add(server);
        var settings = new MerchantSettings { PlatformCertificate = pem(sandbox) };
        ChainPay.Cli.Sandbox.SandboxFiles.Fill(settings, sandbox, server);
        return (sandbox, settings);
    }

    private static string Pem(RSA key, string serial, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest("CN=Tenpay.com Root CA, O=Tenpay.com, C=CN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), notAfter.AddYears(-5), notAfter, Convert.FromHexString(serial));
        return certificate.ExportCertificatePem() + "\n";
    }
}
