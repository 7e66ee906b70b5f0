using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// <see cref="IKeyLoader"/> over BouncyCastle's ASN.1 parsers and key factories, converted to
/// <see cref="RSAParameters"/> and imported into <see cref="RSA.Create()"/>. Compiled on every target; the default
/// loader on netstandard2.0, which has no <c>RSA.Import*</c> methods.
/// </summary>
internal sealed class BouncyKeyLoader : IKeyLoader
{
    /// <summary>The shared, stateless instance.</summary>
    public static readonly BouncyKeyLoader Instance = new();

    private BouncyKeyLoader()
    {
    }

    /// <inheritdoc />
    public string Name => "bouncy";

    /// <inheritdoc />
    public RSA ImportPkcs8PrivateKey(byte[] der)
    {
        return FromPrivate(PrivateKeyFactory.CreateKey(PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der))));
    }

    /// <inheritdoc />
    public RSA ImportEncryptedPkcs8PrivateKey(byte[] der, string passphrase)
    {
        var encrypted = EncryptedPrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
        char[] password = PasswordFor(encrypted.EncryptionAlgorithm.Algorithm, passphrase);
        try
        {
            return FromPrivate(PrivateKeyFactory.CreateKey(PrivateKeyInfoFactory.CreatePrivateKeyInfo(password, encrypted)));
        }
        finally
        {
            Array.Clear(password, 0, password.Length);
        }
    }

    /// <inheritdoc />
    public RSA ImportRsaPrivateKey(byte[] der)
    {
        var key = RsaPrivateKeyStructure.GetInstance(Asn1Object.FromByteArray(der));
        return FromPrivate(new RsaPrivateCrtKeyParameters(
            key.Modulus, key.PublicExponent, key.PrivateExponent,
            key.Prime1, key.Prime2, key.Exponent1, key.Exponent2, key.Coefficient));
    }

    /// <inheritdoc />
    public RSA ImportSubjectPublicKeyInfo(byte[] der)
    {
        return FromPublic(PublicKeyFactory.CreateKey(SubjectPublicKeyInfo(der)));
    }

    /// <inheritdoc />
    public RSA ImportRsaPublicKey(byte[] der)
    {
        var key = RsaPublicKeyStructure.GetInstance(Asn1Object.FromByteArray(der));
        return Create(new RSAParameters
        {
            Modulus = key.Modulus.ToByteArrayUnsigned(),
            Exponent = key.PublicExponent.ToByteArrayUnsigned(),
        });
    }

    /// <inheritdoc />
    public RSA ImportCertificatePublicKey(byte[] der)
    {
        var certificate = new X509CertificateParser().ReadCertificate(der)
            ?? throw new CryptographicException("No certificate found.");
        return FromPublic(certificate.GetPublicKey());
    }

    /// <summary>
    /// The password characters BouncyCastle expects. PKCS#12 PBE schemes encode the characters themselves (BMPString),
    /// like .NET and OpenSSL. PKCS#5 schemes (PBES1/PBES2) take bytes, and BouncyCastle narrows each character to a
    /// byte, which fails for non-ASCII text; OpenSSL and .NET use the UTF-8 bytes, so those are passed one per char.
    /// </summary>
    private static char[] PasswordFor(DerObjectIdentifier algorithm, string passphrase)
    {
        if (algorithm.Id.StartsWith("1.2.840.113549.1.12.1.", StringComparison.Ordinal))
        {
            return passphrase.ToCharArray();
        }

        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(passphrase);
        var password = new char[utf8.Length];
        for (int i = 0; i < utf8.Length; i++)
        {
            password[i] = (char)utf8[i];
        }

        Array.Clear(utf8, 0, utf8.Length);
        return password;
    }

    private static Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo SubjectPublicKeyInfo(byte[] der)
    {
        return Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
    }

    private static RSA FromPublic(Org.BouncyCastle.Crypto.AsymmetricKeyParameter key)
    {
        if (key is not RsaKeyParameters rsa || rsa.IsPrivate)
        {
            throw new CryptographicException("Not an RSA public key.");
        }

        return Create(new RSAParameters
        {
            Modulus = rsa.Modulus.ToByteArrayUnsigned(),
            Exponent = rsa.Exponent.ToByteArrayUnsigned(),
        });
    }

    private static RSA FromPrivate(Org.BouncyCastle.Crypto.AsymmetricKeyParameter key)
    {
        if (key is not RsaPrivateCrtKeyParameters rsa)
        {
            throw new CryptographicException("Not an RSA private key with CRT parameters.");
        }

        // .NET (and .NET Framework's CSP) require D to be exactly as long as the modulus and the CRT values
        // exactly half of it, big-endian and left-padded with zeros.
        byte[] modulus = rsa.Modulus.ToByteArrayUnsigned();
        int half = (modulus.Length + 1) / 2;
        var parameters = new RSAParameters
        {
            Modulus = modulus,
            Exponent = rsa.PublicExponent.ToByteArrayUnsigned(),
            D = Fixed(rsa.Exponent, modulus.Length),
            P = Fixed(rsa.P, half),
            Q = Fixed(rsa.Q, half),
            DP = Fixed(rsa.DP, half),
            DQ = Fixed(rsa.DQ, half),
            InverseQ = Fixed(rsa.QInv, half),
        };

        try
        {
            return Create(parameters);
        }
        finally
        {
            Array.Clear(parameters.D, 0, parameters.D.Length);
            Array.Clear(parameters.P, 0, parameters.P.Length);
            Array.Clear(parameters.Q, 0, parameters.Q.Length);
            Array.Clear(parameters.DP, 0, parameters.DP.Length);
            Array.Clear(parameters.DQ, 0, parameters.DQ.Length);
            Array.Clear(parameters.InverseQ, 0, parameters.InverseQ.Length);
        }
    }

    private static byte[] Fixed(BigInteger value, int length)
    {
        byte[] raw = value.ToByteArrayUnsigned();
        if (raw.Length == length)
        {
            return raw;
        }

        if (raw.Length > length)
        {
            throw new CryptographicException("Inconsistent RSA private key parameters.");
        }

        var padded = new byte[length];
        Buffer.BlockCopy(raw, 0, padded, length - raw.Length, raw.Length);
        Array.Clear(raw, 0, raw.Length);
        return padded;
    }

    private static RSA Create(RSAParameters parameters)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
