using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// Reads SM2 keys (curve <c>sm2p256v1</c>, OID 1.2.156.10197.1.301) from their DER structures and PEM blocks:
/// SEC1 <c>ECPrivateKey</c> (labels <c>EC PRIVATE KEY</c> and OpenSSL 3's <c>SM2 PRIVATE KEY</c>), PKCS#8
/// <c>PrivateKeyInfo</c> (<c>PRIVATE KEY</c>), SPKI <c>SubjectPublicKeyInfo</c> (<c>PUBLIC KEY</c>) and X.509
/// certificates (<c>CERTIFICATE</c>).
/// </summary>
/// <remarks>Every failure is a <see cref="FormatException"/> (or a BouncyCastle parsing exception) whose message
/// never contains key material.</remarks>
internal static class Sm2KeyReader
{
    /// <summary>PEM labels of the private key structures, in the order they are looked for.</summary>
    public static readonly string[] PrivateLabels = { "PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY" };

    /// <summary>PEM labels of the public key carriers.</summary>
    public static readonly string[] PublicLabels = { "PUBLIC KEY", "CERTIFICATE" };

    /// <summary>The SM2 recommended curve with its name, so encodings carry the named-curve OID.</summary>
    public static readonly ECNamedDomainParameters Domain =
        new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));

    /// <summary>Whether <paramref name="parameters"/> describe the SM2 curve (curve, base point and order).</summary>
    public static bool IsSm2(ECDomainParameters parameters) =>
        parameters.Curve.Equals(Domain.Curve) && parameters.G.Equals(Domain.G) && parameters.N.Equals(Domain.N);

    /// <summary>Checks the private scalar is in [1, n − 2] (SM2 signing needs 1 + d invertible mod n).</summary>
    public static ECPrivateKeyParameters Private(BigInteger d)
    {
        if (d.SignValue <= 0 || d.CompareTo(Domain.N.Subtract(BigInteger.One)) >= 0)
        {
            throw new FormatException("The SM2 private key is out of range.");
        }

        return new ECPrivateKeyParameters(d, Domain);
    }

    /// <summary>The public key Q = d·G of a private key.</summary>
    public static ECPublicKeyParameters PublicOf(ECPrivateKeyParameters key)
    {
        ECPoint q = new FixedPointCombMultiplier().Multiply(Domain.G, key.D).Normalize();
        return new ECPublicKeyParameters(q, Domain);
    }

    /// <summary>Decodes an encoded point (uncompressed or compressed) on the SM2 curve.</summary>
    public static ECPublicKeyParameters Public(byte[] encodedPoint)
    {
        ECPoint q = Domain.Curve.DecodePoint(encodedPoint).Normalize();
        if (q.IsInfinity || !q.IsValid())
        {
            throw new FormatException("The SM2 public key is not a point of the curve.");
        }

        return new ECPublicKeyParameters(q, Domain);
    }

    /// <summary>Reads the first private key block of a PEM text, or null when it has none.</summary>
    public static ECPrivateKeyParameters? PrivateFromPem(string text)
    {
        PemBlock? block = PemBlock.Find(text, PrivateLabels);
        if (block is null)
        {
            return null;
        }

        return block.Label == "PRIVATE KEY" ? FromPkcs8(block.Der) : FromSec1(block.Der);
    }

    /// <summary>
    /// Reads the first public key or certificate block of a PEM text; failing that, derives the public key of its
    /// private key block; null when it has neither.
    /// </summary>
    public static ECPublicKeyParameters? PublicFromPem(string text)
    {
        PemBlock? block = PemBlock.Find(text, PublicLabels);
        if (block is not null)
        {
            return block.Label == "CERTIFICATE" ? FromCertificate(block.Der) : FromSpki(block.Der);
        }

        ECPrivateKeyParameters? key = PrivateFromPem(text);
        return key is null ? null : PublicOf(key);
    }

    /// <summary>Reads a PKCS#8 <c>PrivateKeyInfo</c> holding an SM2 key.</summary>
    public static ECPrivateKeyParameters FromPkcs8(byte[] der)
    {
        var info = PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
        CheckAlgorithm(info.PrivateKeyAlgorithm);
        return FromStructure(ECPrivateKeyStructure.GetInstance(info.ParsePrivateKey()));
    }

    /// <summary>Reads a SEC1 <c>ECPrivateKey</c> on the SM2 curve.</summary>
    public static ECPrivateKeyParameters FromSec1(byte[] der)
    {
        return FromStructure(ECPrivateKeyStructure.GetInstance(Asn1Object.FromByteArray(der)));
    }

    /// <summary>Reads an SPKI <c>SubjectPublicKeyInfo</c> holding an SM2 key.</summary>
    public static ECPublicKeyParameters FromSpki(byte[] der)
    {
        return FromSpki(SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(der)));
    }

    /// <summary>Reads the SM2 public key of an X.509 certificate (its signature is not checked).</summary>
    public static ECPublicKeyParameters FromCertificate(byte[] der)
    {
        return FromSpki(X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der)).SubjectPublicKeyInfo);
    }

    /// <summary>The SPKI DER of a public key: <c>id-ecPublicKey</c> with the <c>sm2p256v1</c> named curve.</summary>
    public static byte[] ToSpki(ECPublicKeyParameters key)
    {
        var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, GMObjectIdentifiers.sm2p256v1);
        return new SubjectPublicKeyInfo(algorithm, key.Q.GetEncoded(false)).GetDerEncoded();
    }

    /// <summary>The PKCS#8 DER of a private key, laid out as OpenSSL writes it (public key included, no inner parameters).</summary>
    public static byte[] ToPkcs8(ECPrivateKeyParameters key)
    {
        var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, GMObjectIdentifiers.sm2p256v1);
        var publicKey = new DerBitString(PublicOf(key).Q.GetEncoded(false));
        var structure = new ECPrivateKeyStructure(Domain.N.BitLength, key.D, publicKey, null);
        return new PrivateKeyInfo(algorithm, structure).GetDerEncoded();
    }

    private static ECPublicKeyParameters FromSpki(SubjectPublicKeyInfo info)
    {
        CheckAlgorithm(info.Algorithm);
        return Public(info.PublicKey.GetOctets());
    }

    private static ECPrivateKeyParameters FromStructure(ECPrivateKeyStructure structure)
    {
        if (structure.Parameters is not null)
        {
            CheckCurve(X962Parameters.GetInstance(structure.Parameters));
        }

        ECPrivateKeyParameters key = Private(new BigInteger(1, structure.PrivateKey.GetOctets()));
        if (structure.PublicKey is not null && !Public(structure.PublicKey.GetOctets()).Q.Equals(PublicOf(key).Q))
        {
            throw new FormatException("The SM2 private key does not match the public key stored with it.");
        }

        return key;
    }

    /// <summary>Accepts <c>id-ecPublicKey</c> with the SM2 curve, or the SM2 OID itself as the algorithm.</summary>
    private static void CheckAlgorithm(AlgorithmIdentifier algorithm)
    {
        if (algorithm.Algorithm.Equals(GMObjectIdentifiers.sm2p256v1))
        {
            return;
        }

        if (!algorithm.Algorithm.Equals(X9ObjectIdentifiers.IdECPublicKey) || algorithm.Parameters is null)
        {
            throw new FormatException("The key is not an SM2 key.");
        }

        CheckCurve(X962Parameters.GetInstance(algorithm.Parameters));
    }

    private static void CheckCurve(X962Parameters parameters)
    {
        bool sm2 = parameters.IsNamedCurve
            ? parameters.NamedCurve.Equals(GMObjectIdentifiers.sm2p256v1)
            : !parameters.IsImplicitlyCA && IsSm2(new ECDomainParameters(X9ECParameters.GetInstance(parameters.Parameters)));
        if (!sm2)
        {
            throw new FormatException("The key is not on the SM2 curve (sm2p256v1).");
        }
    }
}
