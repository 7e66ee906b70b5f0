using System.Globalization;
using System.Text;
using ChainPay.Certificates;
using ChainPay.Testing;
using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;
using SandboxCertificate = ChainPay.Testing.Internal.PlatformCertificate;

namespace ChainPay.Tests.Certificates;

// The rules docs/certificates.md states one by one: the expiry bound, what a delivered entry must carry, the messages,
// and the periodic refresh's error handling.
public partial class CertificateManagerTests
{
    [Test]
    public async Task ACertificateExpiringThisSecond_IsNeitherInstalledNorTrusted()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1795455453);
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key, Clock = () => now });
        var (endingPem, endingSerial) = SandboxCertificate.Create(TestKeyPool.Get(0), now.AddYears(-5));
        var answer = new CertificatesAnswer(new JArray(
            Entry(sandbox.PlatformKeyId, sandbox.PlatformCertificatePem!, now.AddYears(5)),
            Entry(endingSerial, endingPem, now)), now, sandbox.PlatformKeyId) { InnerHandler = sandbox.CreateHandler() };
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null };
        options.HttpClient = new HttpClient(answer);
        options.Clock = () => now;
        var instance = Builder.Factory(options);
        using var manager = new CertificateManager(instance, ApiV3Key);

        Assert.That((await manager.RefreshAsync()).Select(c => c.SerialNo), Is.EqualTo(new[] { sandbox.PlatformKeyId }));
        Assert.That(instance.Client.Keys.ContainsKey(endingSerial), Is.False, "valid until now means no longer valid now");

        answer.SignedBy = endingSerial;
        Assert.That(() => manager.RefreshAsync(), Throws.InstanceOf<ResponseVerificationException>());
    }

    [Test]
    public void AnEntryWithoutAssociatedData_IsDecryptedWithAnEmptyOne()
    {
        // An independent AEAD_AES_256_GCM (System.Security.Cryptography) with no associated data: ciphertext ‖ tag, base64.
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var plain = Encoding.UTF8.GetBytes(sandbox.PlatformCertificatePem!);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new System.Security.Cryptography.AesGcm(Encoding.UTF8.GetBytes(ApiV3Key), 16))
        {
            aes.Encrypt(Encoding.UTF8.GetBytes("abcdefabcdef"), plain, cipher, tag);
        }

        var entry = Entry(sandbox.PlatformKeyId, sandbox.PlatformCertificatePem!, DateTimeOffset.UtcNow.AddYears(1));
        var encrypted = (JObject)entry["encrypt_certificate"]!;
        encrypted.Remove("associated_data");
        encrypted["ciphertext"] = Convert.ToBase64String(cipher.Concat(tag).ToArray());

        var certificate = CertificateManager.Decrypt(new JObject { ["data"] = new JArray(entry) }, ApiV3Key).Single();
        Assert.That(certificate.SerialNo, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(certificate.Pem, Is.EqualTo(sandbox.PlatformCertificatePem));
    }

    [Test]
    public void AnEntryWithoutItsValidity_OrUnderAnotherSerial_IsRefusedWithAMessage()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var undated = Entry(sandbox.PlatformKeyId, sandbox.PlatformCertificatePem!, DateTimeOffset.UtcNow.AddYears(1));
        undated.Remove("expire_time");
        Assert.That(() => CertificateManager.Decrypt(new JObject { ["data"] = new JArray(undated) }, ApiV3Key),
            Throws.InvalidOperationException.With.Message.EqualTo("A certificate without its validity was delivered."));

        var renamed = Entry("0123", sandbox.PlatformCertificatePem!, DateTimeOffset.UtcNow.AddYears(1));
        Assert.That(() => CertificateManager.Decrypt(new JObject { ["data"] = new JArray(renamed) }, ApiV3Key),
            Throws.InvalidOperationException.With.Message.EqualTo("The certificate delivered as `0123` has another serial; it was not installed."));
    }

    [Test]
    public void ARefreshIntervalUnderAMinute_IsRefusedWithAMessage()
    {
        var (_, instance) = Bootstrap();
        Assert.That(() => new CertificateManager(instance, ApiV3Key, TimeSpan.FromSeconds(59)),
            Throws.InstanceOf<InvalidArgumentException>().With.Message.StartsWith("The refresh interval must be at least one minute."));
        using var minute = new CertificateManager(instance, ApiV3Key, TimeSpan.FromMinutes(1)); // the bound itself is allowed
    }

    [Test]
    public async Task APeriodicRefresh_KeepsItsError_AndClearsItOnTheNextSuccess()
    {
        var (sandbox, instance) = Bootstrap();
        using var wrong = new CertificateManager(instance, "fedcba9876543210fedcba9876543210");
        await wrong.TickAsync(); // never throws
        Assert.That(wrong.LastError, Is.InstanceOf<ResponseVerificationException>().Or.InstanceOf<InvalidArgumentException>());
        wrong.Dispose();

        using var right = new CertificateManager(instance, ApiV3Key);
        await right.TickAsync();
        Assert.That(right.LastError, Is.Null);
        Assert.That(right.Certificates.Select(c => c.SerialNo), Is.EqualTo(new[] { sandbox.PlatformKeyId }));
    }

    [Test]
    public void APlatformCertificate_ShowsItsSerialAndValidity_NotItsPem()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(8));
        var certificate = CertificateManager.Decrypt(new JObject { ["data"] = new JArray(Entry(sandbox.PlatformKeyId, sandbox.PlatformCertificatePem!, expires)) }, ApiV3Key).Single();
        Assert.That(certificate.ToString(), Is.EqualTo(string.Create(CultureInfo.InvariantCulture,
            $"PlatformCertificate {{ SerialNo = {sandbox.PlatformKeyId}, EffectiveTime = 2025-01-02T03:04:05.0000000+08:00, ExpireTime = 2030-01-02T03:04:05.0000000+08:00 }}")));
    }
}
