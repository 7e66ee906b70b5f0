using System.Security.Cryptography.X509Certificates;
using ChainPay.Util;

namespace ChainPay.V2;

/// <summary>
/// The merchant API client certificate (<c>apiclient_cert</c> + <c>apiclient_key</c>) that APIv2 calls made with
/// <c>security = true</c> present in TLS (refunds, red packets, transfers). wechatpay-php's <c>merchant</c> config.
/// </summary>
/// <example>
/// <code>
/// options.Merchant = MerchantCertificate.FromPem("file:///path/to/apiclient_cert.pem", "file:///path/to/apiclient_key.pem");
/// options.Merchant = MerchantCertificate.FromPkcs12("/path/to/apiclient_cert.p12", mchid);
/// </code>
/// </example>
public sealed class MerchantCertificate
{
    /// <summary>Wraps a certificate that carries its private key.</summary>
    /// <param name="certificate">The certificate with its private key.</param>
    public MerchantCertificate(X509Certificate2 certificate)
    {
        if (certificate is null || !certificate.HasPrivateKey)
        {
            throw new InvalidArgumentException("The merchant certificate must carry its private key.", nameof(certificate));
        }

        Certificate = certificate;
    }

    /// <summary>The client certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>From a PEM certificate and a PEM private key (each PEM text or a <c>file://</c> path).</summary>
    /// <param name="certificate">The certificate PEM or <c>file://</c> path.</param>
    /// <param name="privateKey">The private key PEM or <c>file://</c> path (PKCS#1 or PKCS#8).</param>
    public static MerchantCertificate FromPem(string certificate, string privateKey)
    {
        var cert = PemUtil.LoadCertificateFromString(certificate);
        var key = Crypto.Rsa.From(privateKey);
#if NETSTANDARD2_0
        // No CopyWithPrivateKey here: pair them in a PKCS#12 made with BouncyCastle.
        var bcCertificate = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(cert.RawData);
        var bcKey = Org.BouncyCastle.Security.DotNetUtilities.GetRsaKeyPair(key.ExportParameters(true)).Private;
        var store = new Org.BouncyCastle.Pkcs.Pkcs12StoreBuilder().Build();
        store.SetKeyEntry("merchant", new Org.BouncyCastle.Pkcs.AsymmetricKeyEntry(bcKey), new[] { new Org.BouncyCastle.Pkcs.X509CertificateEntry(bcCertificate) });
        using var pfx = new MemoryStream();
        store.Save(pfx, Array.Empty<char>(), new Org.BouncyCastle.Security.SecureRandom());
        return new MerchantCertificate(Load(pfx.ToArray(), string.Empty));
#else
        // SslStream on some platforms needs a persisted key: round-trip through PKCS#12.
        using var withKey = cert.CopyWithPrivateKey(key);
        return new MerchantCertificate(Load(withKey.Export(X509ContentType.Pkcs12), null));
#endif
    }

    /// <summary>From a PKCS#12 file (<c>apiclient_cert.p12</c>; its password is the merchant id by default).</summary>
    /// <param name="path">The file path (or <c>file://</c> path).</param>
    /// <param name="password">The PKCS#12 password.</param>
    public static MerchantCertificate FromPkcs12(string path, string? password)
    {
        var file = path.StartsWith("file://", StringComparison.Ordinal) ? path.Substring(7) : path;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidArgumentException($"Cannot read the PKCS#12 file `{file}`.", nameof(path), e);
        }

        return FromPkcs12(bytes, password);
    }

    /// <summary>From PKCS#12 bytes.</summary>
    /// <param name="pkcs12">The PKCS#12 content.</param>
    /// <param name="password">The PKCS#12 password.</param>
    public static MerchantCertificate FromPkcs12(byte[] pkcs12, string? password)
    {
        try
        {
            return new MerchantCertificate(Load(pkcs12, password));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidArgumentException("The PKCS#12 content cannot be opened (wrong password, or not PKCS#12).", nameof(pkcs12), e);
        }
    }

    /// <summary>The subject and serial; never the key.</summary>
    public override string ToString() => $"MerchantCertificate {{ Subject = {Certificate.Subject}, Serial = {Certificate.SerialNumber} }}";

    private static X509Certificate2 Load(byte[] pkcs12, string? password) =>
#if NET9_0_OR_GREATER
        X509CertificateLoader.LoadPkcs12(pkcs12, password, X509KeyStorageFlags.Exportable);
#else
        new(pkcs12, password, X509KeyStorageFlags.Exportable);
#endif
}
