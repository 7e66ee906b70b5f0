using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace ChainPay.Testing.Internal;

/// <summary>A self-signed platform certificate over the sandbox's platform key (BouncyCastle, so every target framework can make it).</summary>
internal static class PlatformCertificate
{
    /// <summary>Makes the certificate; returns its PEM and its serial as WeChat Pay writes it (upper-case hex, no sign byte).</summary>
    public static (string Pem, string Serial) Create(RSA key, DateTimeOffset notBefore)
    {
        var pair = DotNetUtilities.GetRsaKeyPair(key.ExportParameters(true));
        var serialBytes = new byte[20];
        using (var rng = RandomNumberGenerator.Create())
        {
            rng.GetBytes(serialBytes);
        }

        serialBytes[0] = (byte)((serialBytes[0] & 0x7F) | 0x10); // positive, no leading zero byte
        var serial = new BigInteger(1, serialBytes);
        var name = new X509Name("C=CN, O=ChainPay Sandbox, OU=WeChat Pay Platform, CN=Tenpay.com Root CA");
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(notBefore.UtcDateTime.AddMinutes(-5));
        generator.SetNotAfter(notBefore.UtcDateTime.AddYears(5));
        generator.SetPublicKey(pair.Public);
        var certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", pair.Private));
        using var writer = new StringWriter();
        var pem = new PemWriter(writer);
        pem.WriteObject(certificate);
        pem.Writer.Flush();
        return (writer.ToString(), serial.ToString(16).ToUpperInvariant());
    }
}
