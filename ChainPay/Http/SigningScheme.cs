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

    /// <summary>Signs <paramref name="message"/> (RSA-SHA256 PKCS#1 v1.5, or SM2 with SM3 and the default user id, DER).</summary>
    public static byte[] Sign(object privateKey, byte[] message) => privateKey switch
    {
        RSA rsa => Rsa.Sign(message, rsa),
        _ => Sm2.Sign(message, privateKey),
    };

    /// <summary>Signs <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/> as <see cref="Sign(object, byte[])"/> signs their concatenation; RSA hashes the parts without concatenating them.</summary>
    public static byte[] Sign(object privateKey, byte[] head, byte[] body, byte[] tail) => privateKey switch
    {
        RSA rsa => Rsa.Sign(head, body, tail, rsa),
        _ => Sm2.Sign(RequestSigner.Concat(head, body, tail), privateKey),
    };

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="message"/> with a key of either kind.</summary>
    public static bool Verify(object publicKey, byte[] message, byte[] signature) => publicKey switch
    {
        RSA rsa => Rsa.Verify(message, signature, rsa),
        _ => Sm2.Verify(message, signature, publicKey),
    };

    /// <summary>Encrypts a sensitive field for the platform (RSA-OAEP SHA-1, or SM2 C1C3C2 ASN.1).</summary>
    public static string Encrypt(object publicKey, string plaintext) => publicKey switch
    {
        RSA rsa => Rsa.Encrypt(plaintext, rsa),
        _ => Sm2.Encrypt(plaintext, publicKey),
    };
}
