using System.Text;
using Org.BouncyCastle.Security;

namespace ChainPay.Crypto;

/// <summary>
/// SM2 (GM/T 0003, GB/T 32918) on the recommended curve <c>sm2p256v1</c>, computed with BouncyCastle on every target
/// framework: key loading, <c>SM2-with-SM3</c> signatures and public-key encryption — the 国密 counterparts of
/// <see cref="Rsa"/>.
/// </summary>
/// <remarks>
/// <para><b>Keys.</b> Keys are <see cref="Sm2PrivateKey"/> / <see cref="Sm2PublicKey"/>, small wrappers over
/// BouncyCastle's <c>ECPrivateKeyParameters</c> / <c>ECPublicKeyParameters</c>. Every method taking an
/// <see cref="object"/> key also accepts what <see cref="PrivateKeyFrom"/> / <see cref="PublicKeyFrom"/> accept,
/// but loading once and reusing the key is cheaper.</para>
/// <para><b>Signatures</b> are SM2 over SM3 with the user id <see cref="DefaultUserId"/> (the Z value of GM/T 0003),
/// DER-encoded <c>SEQUENCE { r INTEGER, s INTEGER }</c>, base64 in the string overloads — what OpenSSL's
/// <c>pkeyutl -digest sm3 -pkeyopt distid:1234567812345678</c> and Tencent Kona's <c>SM2-WITH-SM3</c> produce.</para>
/// <para><b>Ciphertexts</b> are C1C3C2 in the GM/T 0009 ASN.1 form
/// <c>SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING (C3), ciphertext OCTET STRING (C2) }</c>, base64 in the
/// string overloads — what OpenSSL's <c>pkeyutl -encrypt</c> produces.</para>
/// <para>Error messages never contain key material, plaintexts or file contents.</para>
/// </remarks>
public static partial class Sm2
{
    // The parts: Sm2.KeyLoading.cs (loading and generating keys), Sm2.Signing.cs (SM2-with-SM3 signatures),
    // Sm2.Encryption.cs (C1C3C2 ASN.1 encryption); this file holds what they share.

    /// <summary>The default SM2 user id (distinguishing identifier) of GM/T 0009, used by WeChat Pay.</summary>
    /// <example><code>byte[] der = Sm2.Sign(data, key, Sm2.DefaultUserId);</code></example>
    public const string DefaultUserId = "1234567812345678";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);
    private static readonly SecureRandom Random = new();

    /// <summary>A PEM block: the label, the base64 body in 64-character lines, a final line feed.</summary>
    internal static string Pem(string label, byte[] der)
    {
        string body = Convert.ToBase64String(der);
        var pem = new StringBuilder().Append("-----BEGIN ").Append(label).Append("-----\n");
        for (int i = 0; i < body.Length; i += 64)
        {
            pem.Append(body, i, Math.Min(64, body.Length - i)).Append('\n');
        }

        return pem.Append("-----END ").Append(label).Append("-----\n").ToString();
    }

    private static byte[] Bytes(string value, string name)
    {
        return value is null ? throw new ArgumentNullException(name) : Utf8.GetBytes(value);
    }
}
