#if !NETSTANDARD2_0
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// <see cref="IKeyLoader"/> over the base class library's <c>RSA.Import*</c> methods (net8.0 and later; these
/// methods do not exist on netstandard2.0, so this class is compiled for the modern targets only).
/// Inputs with trailing bytes after the key structure are rejected, like <see cref="BouncyKeyLoader"/> does.
/// </summary>
internal sealed class BclKeyLoader : IKeyLoader
{
    /// <summary>The shared, stateless instance.</summary>
    public static readonly BclKeyLoader Instance = new();

    private BclKeyLoader()
    {
    }

    /// <inheritdoc />
    public string Name => "bcl";

    /// <inheritdoc />
    public RSA ImportPkcs8PrivateKey(byte[] der) => Import(der, rsa =>
    {
        rsa.ImportPkcs8PrivateKey(der, out int read);
        return read;
    });

    /// <inheritdoc />
    public RSA ImportEncryptedPkcs8PrivateKey(byte[] der, string passphrase) => Import(der, rsa =>
    {
        rsa.ImportEncryptedPkcs8PrivateKey(passphrase.AsSpan(), der, out int read);
        return read;
    });

    /// <inheritdoc />
    public RSA ImportRsaPrivateKey(byte[] der) => Import(der, rsa =>
    {
        rsa.ImportRSAPrivateKey(der, out int read);
        return read;
    });

    /// <inheritdoc />
    public RSA ImportSubjectPublicKeyInfo(byte[] der) => Import(der, rsa =>
    {
        rsa.ImportSubjectPublicKeyInfo(der, out int read);
        return read;
    });

    /// <inheritdoc />
    public RSA ImportRsaPublicKey(byte[] der) => Import(der, rsa =>
    {
        rsa.ImportRSAPublicKey(der, out int read);
        return read;
    });

    /// <inheritdoc />
    public RSA ImportCertificatePublicKey(byte[] der)
    {
        using var certificate = CertificateReader.FromDer(der);
        return certificate.GetRSAPublicKey() ?? throw new CryptographicException("The certificate does not hold an RSA public key.");
    }

    private static RSA Import(byte[] der, Func<RSA, int> import)
    {
        var rsa = RSA.Create();
        try
        {
            if (import(rsa) != der.Length)
            {
                throw new CryptographicException("Unexpected trailing data after the key structure.");
            }

            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
#endif
