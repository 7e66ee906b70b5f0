using System.Security.Cryptography;

namespace ChainPay.Certificates;

/// <summary>A WeChat Pay platform certificate as <c>/v3/certificates</c> delivers it, decrypted.</summary>
public sealed class PlatformCertificate
{
    internal PlatformCertificate(string serialNo, DateTimeOffset effectiveTime, DateTimeOffset expireTime, string pem, RSA publicKey)
    {
        SerialNo = serialNo;
        EffectiveTime = effectiveTime;
        ExpireTime = expireTime;
        Pem = pem;
        PublicKey = publicKey;
    }

    /// <summary>The certificate serial (<c>serial_no</c>), the <c>Wechatpay-Serial</c> answers signed with it carry.</summary>
    public string SerialNo { get; }

    /// <summary>From when WeChat Pay uses it.</summary>
    public DateTimeOffset EffectiveTime { get; }

    /// <summary>Until when it is valid.</summary>
    public DateTimeOffset ExpireTime { get; }

    /// <summary>The certificate, PEM.</summary>
    public string Pem { get; }

    /// <summary>Its public key.</summary>
    public RSA PublicKey { get; }

    /// <summary>Serial and validity.</summary>
    public override string ToString() => $"PlatformCertificate {{ SerialNo = {SerialNo}, EffectiveTime = {EffectiveTime:O}, ExpireTime = {ExpireTime:O} }}";
}
