using System.Security.Cryptography.X509Certificates;
using ChainPay.Testing.Internal;

namespace ChainPay.Tests.Testing.Internal;

public class PlatformIdentityTests
{
    [Test]
    public void ACertificate_IsNamedByItsSerial_AndAPublicKey_ByAPubKeyId()
    {
        var key = TestKeyPool.Get(0);
        var certificate = PlatformIdentity.Certificate(key, DateTimeOffset.UtcNow);
        using var x509 = X509Certificate2.CreateFromPem(certificate.CertificatePem!);
        Assert.That(x509.SerialNumber.TrimStart('0'), Is.EqualTo(certificate.Id.TrimStart('0')));
        Assert.That(certificate.PublicKey.ExportSubjectPublicKeyInfo(), Is.EqualTo(key.ExportSubjectPublicKeyInfo()));

        var publicKey = PlatformIdentity.PublicKeyOf(key);
        Assert.That((publicKey.Id, publicKey.CertificatePem), Is.EqualTo(("PUB_KEY_ID_0112300001092025112300000000000001", (string?)null)));
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => publicKey.PublicKey.ExportParameters(true)); // public only
    }
}
