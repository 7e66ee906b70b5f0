using System.Security.Cryptography;
using ChainPay.Crypto.Internal;

namespace ChainPay.Crypto;

// sha256WithRSAEncryption (RSASSA-PKCS1-v1_5, SHA-256): the string API and the hot-path byte overloads.
public static partial class Rsa
{
    /// <summary>
    /// Signs <paramref name="message"/> (UTF-8) with <c>sha256WithRSAEncryption</c> (RSASSA-PKCS1-v1_5, SHA-256).
    /// </summary>
    /// <param name="message">The message, e.g. <c>Formatter.Request(...)</c>.</param>
    /// <param name="privateKey">An <see cref="RSA"/> or anything <see cref="From(object, string)"/> accepts as a private key.</param>
    /// <returns>The base64 signature.</returns>
    /// <exception cref="InvalidArgumentException">The key input cannot be loaded.</exception>
    /// <exception cref="CryptographicException"><c>Signing the input $message failed, please checking your
    /// $privateKey whether or nor correct.</c> (e.g. a public-only key).</exception>
    /// <example>
    /// <code>
    /// string paySign = Rsa.Sign(Formatter.JoinedByLineFeed(appId, timeStamp, nonceStr, package), merchantPrivateKey);
    /// </code>
    /// </example>
    public static string Sign(string message, object privateKey)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        byte[] data = Utf8.GetBytes(message);
        return WithKey(privateKey, KeyTypePrivate, key => Convert.ToBase64String(Sign(data, key)));
    }

    /// <summary>Signs raw bytes with SHA-256 / PKCS#1 v1.5 (the hot path; no key parsing).</summary>
    /// <exception cref="CryptographicException">The key cannot sign.</exception>
    internal static byte[] Sign(byte[] message, RSA key) => RsaSignature.Sign(message, key);

    /// <summary>
    /// Signs <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/> without concatenating them:
    /// the same bytes as <see cref="Sign(byte[], RSA)"/> over the concatenation, without a copy of the body.
    /// </summary>
    /// <exception cref="CryptographicException">The key cannot sign.</exception>
    internal static byte[] Sign(byte[] head, byte[] body, byte[] tail, RSA key) => RsaSignature.Sign(head, body, tail, key);

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/>
    /// without concatenating them: the same result as <see cref="Verify(byte[], byte[], RSA)"/> over the concatenation.
    /// </summary>
    /// <exception cref="CryptographicException">The key cannot verify.</exception>
    internal static bool Verify(byte[] head, byte[] body, byte[] tail, byte[] signature, RSA key) =>
        RsaSignature.Verify(head, body, tail, signature, key);

    /// <summary>
    /// Verifies a base64 <c>sha256WithRSAEncryption</c> signature over <paramref name="message"/> (UTF-8).
    /// </summary>
    /// <param name="message">The signed message, e.g. <c>Formatter.Response(...)</c>.</param>
    /// <param name="signature">The base64 signature; anything that is not base64 simply fails verification.</param>
    /// <param name="publicKey">An <see cref="RSA"/> or anything <see cref="From(object, string)"/> accepts as a public key
    /// (certificate, SPKI/PKCS#1 PEM, <c>file://</c>, <c>public.spki://</c>, <c>public.pkcs1://</c>).</param>
    /// <returns>True when the signature is valid.</returns>
    /// <exception cref="InvalidArgumentException">The key input cannot be loaded.</exception>
    /// <exception cref="CryptographicException"><c>Verified the input $message failed, please checking your
    /// $publicKey whether or nor correct.</c> when the key itself cannot be used.</exception>
    /// <example>
    /// <code>
    /// bool ok = Rsa.Verify(Formatter.Response(timestamp, nonce, body), signature, "file:///path/to/pub_key.pem");
    /// </code>
    /// </example>
    public static bool Verify(string message, string signature, object publicKey)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        byte[] data = Utf8.GetBytes(message);
        byte[] raw;
        try
        {
            raw = signature is null ? Array.Empty<byte>() : Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            raw = Array.Empty<byte>();
        }

        if (raw.Length == 0)
        {
            // Still load the key, so a bad key input is reported the same way whatever the signature.
            return WithKey(publicKey, KeyTypePublic, _ => false);
        }

        return WithKey(publicKey, KeyTypePublic, key => Verify(data, raw, key));
    }

    /// <summary>Verifies raw bytes with SHA-256 / PKCS#1 v1.5 (the hot path; no key parsing).</summary>
    /// <exception cref="CryptographicException">The key cannot verify.</exception>
    internal static bool Verify(byte[] message, byte[] signature, RSA key) => RsaSignature.Verify(message, signature, key);
}
