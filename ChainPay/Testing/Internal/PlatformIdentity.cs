using System.Security.Cryptography;

namespace ChainPay.Testing.Internal;

/// <summary>One key WeChat Pay signs with: a platform certificate (serial and PEM) or a WeChat Pay public key (<c>PUB_KEY_ID_…</c>).</summary>
internal sealed class PlatformIdentity
{
    public PlatformIdentity(string id, RSA privateKey, string? certificatePem)
    {
        Id = id;
        PrivateKey = privateKey;
        PublicKey = TestKeyPool.PublicOf(privateKey);
        CertificatePem = certificatePem;
    }

    /// <summary>What <c>Wechatpay-Serial</c> carries: the certificate serial or the <c>PUB_KEY_ID_…</c>.</summary>
    public string Id { get; }

    public RSA PrivateKey { get; }

    public RSA PublicKey { get; }

    /// <summary>The certificate (PEM); <c>null</c> for a public key.</summary>
    public string? CertificatePem { get; }

    public static PlatformIdentity Certificate(RSA key, DateTimeOffset now)
    {
        var (pem, serial) = PlatformCertificate.Create(key, now);
        return new PlatformIdentity(serial, key, pem);
    }

    public static PlatformIdentity PublicKeyOf(RSA key) => new("PUB_KEY_ID_0112300001092025112300000000000001", key, null);
}
