using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// Reads the shape of DER key structures for <see cref="KeyDiagnosis"/>: which PEM label a structure would carry, and
/// the algorithm of a key. Only structure and object identifiers are looked at; nothing of the key is returned.
/// </summary>
internal static class DerShape
{
    /// <summary>The pseudo-label of a PKCS#12 (PFX) bundle.</summary>
    public const string Pkcs12 = "PKCS12";

    /// <summary>The label of a PKCS#10 certificate signing request.</summary>
    public const string CertificateRequest = "CERTIFICATE REQUEST";

    /// <summary>The PEM label the DER structure would carry, <see cref="Pkcs12"/>, or null.</summary>
    public static string? Classify(byte[] der)
    {
        if (Asn1Object.FromByteArray(der) is not Asn1Sequence seq || seq.Count < 2)
        {
            return null;
        }

        Asn1Encodable first = seq[0], second = seq[1];
        if (first is DerInteger { Value.IntValue: 3 } && second is Asn1Sequence { Count: > 0 } content
            && content[0] is DerObjectIdentifier contentType && contentType.Id.StartsWith("1.2.840.113549.1.7.", StringComparison.Ordinal))
        {
            return Pkcs12;
        }

        if (seq.Count == 3 && first is Asn1Sequence info && second is Asn1Sequence && seq[2] is DerBitString)
        {
            return info.Count > 0 && info[0] is DerInteger ? CertificateRequest : "CERTIFICATE";
        }

        if (seq.Count >= 3 && first is DerInteger && second is Asn1Sequence && seq[2] is Asn1OctetString)
        {
            return "PRIVATE KEY";
        }

        if (seq.Count == 2 && first is Asn1Sequence)
        {
            return second is DerBitString ? "PUBLIC KEY" : second is Asn1OctetString ? "ENCRYPTED PRIVATE KEY" : null;
        }

        if (first is DerInteger { Value.IntValue: 1 } && second is Asn1OctetString)
        {
            return "EC PRIVATE KEY";
        }

        bool allIntegers = seq.Cast<Asn1Encodable>().All(e => e is DerInteger);
        return allIntegers && seq.Count >= 9 ? "RSA PRIVATE KEY" : allIntegers && seq.Count == 2 ? "RSA PUBLIC KEY" : null;
    }

    /// <summary><c>RSA</c>, <c>SM2</c>, <c>EC</c>, <c>Ed25519</c>…, or null when the structure does not parse.</summary>
    public static string? AlgorithmOf(string label, byte[] der)
    {
        try
        {
            return label switch
            {
                "RSA PRIVATE KEY" => RsaPrivateKeyStructure.GetInstance(Asn1Object.FromByteArray(der)) is null ? null : "RSA",
                "RSA PUBLIC KEY" => RsaPublicKeyStructure.GetInstance(Asn1Object.FromByteArray(der)) is null ? null : "RSA",
                "PRIVATE KEY" => Name(PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der)).PrivateKeyAlgorithm),
                "PUBLIC KEY" => Name(SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(der)).Algorithm),
                "CERTIFICATE" => Name(X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der)).SubjectPublicKeyInfo.Algorithm),
                "EC PRIVATE KEY" or "SM2 PRIVATE KEY" => Curve(ECPrivateKeyStructure.GetInstance(Asn1Object.FromByteArray(der)).Parameters),
                _ => null,
            };
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string Name(AlgorithmIdentifier algorithm) => algorithm.Algorithm.Id switch
    {
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.2.156.10197.1.301" => "SM2",
        "1.2.840.10045.2.1" => Curve(algorithm.Parameters),
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.2.840.10040.4.1" => "DSA",
        _ => "unknown-algorithm",
    };

    private static string Curve(Asn1Encodable? parameters) =>
        parameters is not null && X962Parameters.GetInstance(parameters) is { IsNamedCurve: true } named
            && named.NamedCurve.Id == "1.2.156.10197.1.301"
            ? "SM2"
            : "EC";
}
