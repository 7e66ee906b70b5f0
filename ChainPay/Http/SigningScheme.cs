using System.Security.Cryptography;
using ChainPay.Crypto;

namespace ChainPay.Http;

/// <summary>
/// The two APIv3 authorization schemes and what differs between them: the key types, the signature and the
/// encryption of sensitive fields. RSA keys are <see cref="RSA"/>; SM2 keys are <see cref="Sm2PrivateKey"/> / <see cref="Sm2PublicKey"/>.
/// </summary>
internal static class SigningScheme
{
    /// <summary>Loads the merchant private key for <paramref name="scheme"/>.</summary>
    public static object LoadPrivate(string scheme, object thing) =>
        scheme == BuilderOptions.SchemeSm2 ? Sm2.PrivateKeyFrom(thing) : Rsa.From(thing, Rsa.KeyTypePrivate);

    /// <summary>Loads a platform public key for <paramref name="scheme"/>.</summary>
    public static object LoadPublic(string scheme, object thing) =>
        scheme == BuilderOptions.SchemeSm2 ? Sm2.PublicKeyFrom(thing) : Rsa.From(thing, Rsa.KeyTypePublic);

    /// <summary>Signs <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/> (RSA-SHA256 PKCS#1 v1.5, or SM2 with SM3 and the default user id, DER); RSA hashes the parts without concatenating them.</summary>
    public static byte[] Sign(object privateKey, byte[] head, byte[] body, byte[] tail) => privateKey switch
    {
        RSA rsa => Rsa.Sign(head, body, tail, rsa),
        _ => Sm2.Sign(Concat(head, body, tail), privateKey),
    };

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/>; RSA hashes the parts without concatenating them.</summary>
    public static bool Verify(object publicKey, byte[] head, byte[] body, byte[] tail, byte[] signature) => publicKey switch
    {
        RSA rsa => Rsa.Verify(head, body, tail, signature, rsa),
        _ => Sm2.Verify(Concat(head, body, tail), signature, publicKey),
    };

    /// <summary>Concatenates the parts of a signed message (SM2 signs the message whole).</summary>
    internal static byte[] Concat(byte[] head, byte[] body, byte[] tail)
    {
        var result = new byte[head.Length + body.Length + tail.Length];
        Buffer.BlockCopy(head, 0, result, 0, head.Length);
        Buffer.BlockCopy(body, 0, result, head.Length, body.Length);
        Buffer.BlockCopy(tail, 0, result, head.Length + body.Length, tail.Length);
        return result;
    }

    /// <summary>Encrypts a sensitive field for the platform (RSA-OAEP SHA-1, or SM2 C1C3C2 ASN.1).</summary>
    public static string Encrypt(object publicKey, string plaintext) => publicKey switch
    {
        RSA rsa => Rsa.Encrypt(plaintext, rsa),
        _ => Sm2.Encrypt(plaintext, publicKey),
    };
}
