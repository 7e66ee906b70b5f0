using ChainPay.Util;

namespace ChainPay.Tests.Cli.Certificates;

public class CertificatesCommandTests
{
    [Test]
    public async Task Without_credentials_it_downloads_the_sandbox_certificate_and_writes_it()
    {
        var dir = Directory.CreateTempSubdirectory("chainpay-certs-").FullName;
        try
        {
            var (code, output, error) = await CliRunner.RunAsync(null, null, CancellationToken.None, "certificates", "download", "-o", dir);

            Assert.That(code, Is.EqualTo(0), output + error);
            var file = Directory.GetFiles(dir).Single();
            var serial = PemUtil.ParseCertificateSerialNo(PemUtil.LoadCertificate(file));
            Assert.That(Path.GetFileName(file), Is.EqualTo($"wechatpay_{serial}.pem"));
            Assert.That(output, Does.Contain($"✓ {serial}: valid ").And.Contain($"saved to {file}"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task A_merchant_without_its_key_settings_is_bad_usage()
    {
        var (code, _, error) = await CliRunner.RunAsync(new Dictionary<string, string> { ["WECHATPAY_MCHID"] = "1230000109" }, null, CancellationToken.None, "certificates", "download");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Downloading for merchant 1230000109 also needs WECHATPAY_SERIAL (or --serial), WECHATPAY_PRIVATE_KEY (or --private-key), WECHATPAY_APIV3_KEY (or --apiv3-key)."));
    }
}
