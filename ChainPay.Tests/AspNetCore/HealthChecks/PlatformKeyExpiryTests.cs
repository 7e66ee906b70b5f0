using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.AspNetCore.HealthChecks;

namespace ChainPay.Tests.AspNetCore.HealthChecks;

/// <summary>Which Certs values expire, and when: certificates in every form Certs takes; public keys never.</summary>
public class PlatformKeyExpiryTests
{
    private static readonly DateTimeOffset NotAfter = new(2031, 6, 30, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void ACertificate_AsObject_PemText_FileUrl_OrAbsolutePath_ExpiresAtItsNotAfter()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Tenpay.com Root CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(NotAfter.AddYears(-5), NotAfter);
        var pem = certificate.ExportCertificatePem();
        var file = Path.Combine(Path.GetTempPath(), "chainpay-expiry-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(file, pem);
        try
        {
            Assert.That(PlatformKeyExpiry.Of(certificate), Is.EqualTo(NotAfter));
            Assert.That(PlatformKeyExpiry.Of(pem), Is.EqualTo(NotAfter));
            Assert.That(PlatformKeyExpiry.Of("file://" + file), Is.EqualTo(NotAfter));
            Assert.That(PlatformKeyExpiry.Of(file), Is.EqualTo(NotAfter));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void APublicKey_InAnyForm_OrNull_HasNoExpiry()
    {
        using var key = RSA.Create(2048);
        var pem = key.ExportSubjectPublicKeyInfoPem();
        var file = Path.Combine(Path.GetTempPath(), "chainpay-expiry-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(file, pem);
        try
        {
            Assert.That(PlatformKeyExpiry.Of(key), Is.Null);
            Assert.That(PlatformKeyExpiry.Of(pem), Is.Null);
            Assert.That(PlatformKeyExpiry.Of("file://" + file), Is.Null);
            Assert.That(PlatformKeyExpiry.Of(file), Is.Null);
            Assert.That(PlatformKeyExpiry.Of(null), Is.Null);
            Assert.That(PlatformKeyExpiry.Of("file:///no/such/pub_key.pem"), Is.Null);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
