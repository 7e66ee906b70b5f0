using System.Security.Cryptography;
using ChainPay.Testing;

namespace ChainPay.Tests.Cli.Doctor;

public class DoctorCommandTests
{
    [Test]
    public async Task Without_credentials_every_check_passes_against_the_sandbox()
    {
        var (code, output, error) = await CliRunner.RunAsync("doctor");

        Assert.That(code, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("No WECHATPAY_MCHID: checking against the ChainPay sandbox"));
        var lines = Verdicts(output);
        Assert.That(lines.Select(l => l.Split(" — ")[0]), Is.EqualTo(new[]
        {
            "✓ private key", "✓ private key ↔ Serial", "✓ platform key", "✓ APIv3 key", "✓ clock", "✓ signed call",
        }));
        Assert.That(output, Does.Contain("All 6 checks passed."));
        Assert.That(error, Does.Contain("… making one signed read-only call"), "the progress lines go to standard error");
    }

    [Test]
    public async Task A_key_that_does_not_match_the_serial_fails_that_check_with_its_fix_and_is_never_printed()
    {
        using var other = RSA.Create(2048);
        var pem = other.ExportPkcs8PrivateKeyPem();
        var env = new Dictionary<string, string> { ["WECHATPAY_PRIVATE_KEY"] = pem };

        var (code, output, error) = await CliRunner.RunAsync(env, null, CancellationToken.None, "doctor");

        Assert.That(code, Is.EqualTo(1), output + error);
        Assert.That(Line(output, "private key ↔ Serial"), Does.StartWith("✗ private key ↔ Serial — WeChat Pay refused the signature made with this key under serial ")
            .And.Contain("fix: WECHATPAY_SERIAL (or --serial) must be the serial of the certificate issued with apiclient_key.pem"));
        Assert.That(Line(output, "private key —"), Does.StartWith("✓"), "the key itself loads");
        Assert.That(Line(output, "signed call"), Does.StartWith("✗ signed call — WeChat Pay refused the request: HTTP 401 SIGN_ERROR"));
        AssertNoSecret(output + error, pem);
    }

    [Test]
    public async Task An_APIv3_key_of_the_wrong_length_fails_that_check_with_its_fix_and_is_never_printed()
    {
        const string key = "NotThirtyTwoBytesSecretKey";
        var (code, output, error) = await CliRunner.RunAsync(new Dictionary<string, string> { ["WECHATPAY_APIV3_KEY"] = key }, null, CancellationToken.None, "doctor");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(Line(output, "APIv3 key"), Is.EqualTo(
            "✗ APIv3 key — 26 bytes; an APIv3 key is 32 — fix: copy the APIv3 key (APIv3密钥, 32 characters) from 商户平台 → API安全; it is neither the APIv2 key nor a serial, and it has no spaces or line breaks"));
        Assert.That(Verdicts(output).Count(l => l.StartsWith('✗')), Is.EqualTo(1), output);
        Assert.That(output + error, Does.Not.Contain(key));
    }

    [Test]
    public async Task A_skewed_clock_fails_the_clock_check_with_its_fix()
    {
        var (code, output, _) = await CliRunner.RunAsync(null, () => DateTimeOffset.UtcNow.AddMinutes(10), CancellationToken.None, "doctor");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(Line(output, "clock"), Does.Match(@"^✗ clock — (599|600|601) s ahead of WeChat Pay's Date; WeChat Pay refuses more than 5 minutes — fix: synchronise this machine's clock"));
        Assert.That(Line(output, "signed call"), Does.StartWith("✗ signed call — WeChat Pay refused the request: HTTP 401 SIGN_ERROR").And.EndWith("fix: synchronise the clock (see the clock line)"));
        Assert.That(Line(output, "private key ↔ Serial"), Does.StartWith("✗").And.Contain("not proven"), "a refusal for the clock is not blamed on the serial");
    }

    [Test]
    public async Task With_credentials_it_checks_that_merchant_and_prints_neither_key()
    {
        var sandbox = new WeChatPaySandbox();
        using var server = SandboxServer.Start(sandbox);
        var pem = sandbox.Merchant.PrivateKey.ExportPkcs8PrivateKeyPem();
        var env = new Dictionary<string, string>
        {
            ["WECHATPAY_MCHID"] = sandbox.Merchant.Mchid, ["WECHATPAY_SERIAL"] = sandbox.Merchant.Serial, ["WECHATPAY_PRIVATE_KEY"] = pem,
            ["WECHATPAY_PUBLIC_KEY_ID"] = sandbox.PlatformKeyId, ["WECHATPAY_PUBLIC_KEY"] = sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfoPem(),
            ["WECHATPAY_APIV3_KEY"] = sandbox.ApiV3Key, ["WECHATPAY_BASE_URI"] = server.BaseUri.AbsoluteUri,
        };

        var (code, output, error) = await CliRunner.RunAsync(env, null, CancellationToken.None, "doctor");

        Assert.That(code, Is.EqualTo(0), output + error);
        Assert.That(output, Does.StartWith($"Checking merchant {sandbox.Merchant.Mchid} against {server.BaseUri}"));
        Assert.That(sandbox.RequestCount, Is.EqualTo(2), "the clock probe and the one signed call");
        AssertNoSecret(output + error, pem);
        Assert.That(output + error, Does.Not.Contain(sandbox.ApiV3Key));
    }

    [Test]
    public async Task The_merchant_key_given_as_the_platform_key_is_named_as_such()
    {
        var sandbox = new WeChatPaySandbox();
        using var server = SandboxServer.Start(sandbox);
        var env = new Dictionary<string, string> { ["WECHATPAY_PUBLIC_KEY"] = RsaPublicPem(sandbox.Merchant.PrivateKey) };
        var (code, output, _) = await CliRunner.RunAsync(env, null, CancellationToken.None, "doctor", "--private-key", sandbox.Merchant.PrivateKey.ExportPkcs8PrivateKeyPem());

        Assert.That(code, Is.EqualTo(1));
        Assert.That(Line(output, "platform key"), Does.StartWith("✗ platform key — WECHATPAY_PUBLIC_KEY is your merchant key, not WeChat Pay's — fix:"));
        Assert.That(Line(output, "signed call"), Does.StartWith("✗ signed call — not sent"));
    }

    internal static string[] Verdicts(string output) => output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith('✓') || l.StartsWith('✗')).ToArray();

    internal static string Line(string output, string check) =>
        Verdicts(output).SingleOrDefault(l => l.Substring(2).StartsWith(check, StringComparison.Ordinal)) ?? throw new AssertionException($"no `{check}` line in:\n{output}");

    // Neither the PEM nor any line of its base64 body appears.
    internal static void AssertNoSecret(string text, string pem)
    {
        foreach (var line in pem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.That(text, Does.Not.Contain(line.Trim()));
        }
    }

    private static string RsaPublicPem(RSA key) => key.ExportSubjectPublicKeyInfoPem();
}
