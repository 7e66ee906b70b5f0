using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ChainPay.Crypto;

// SM2-with-SM3 signatures: DER SEQUENCE { r, s }, base64 in the string overloads.
public static partial class Sm2
{
    private const string SignFailed = "Signing the input $message failed, please checking your $privateKey whether or nor correct.";

    /// <summary>Signs <paramref name="message"/> with SM2-with-SM3.</summary>
    /// <param name="message">The bytes to sign.</param>
    /// <param name="privateKey">An <see cref="Sm2PrivateKey"/> or anything <see cref="PrivateKeyFrom"/> accepts.</param>
    /// <param name="userId">The signer's user id (default <see cref="DefaultUserId"/>), as UTF-8.</param>
    /// <returns>The DER signature (<c>SEQUENCE { r, s }</c>); randomised, so it differs on every call.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <exception cref="CryptographicException"><c>Signing the input $message failed, please checking your $privateKey whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// byte[] der = Sm2.Sign(Encoding.UTF8.GetBytes(message), merchantKey);
    /// </code>
    /// </example>
    public static byte[] Sign(byte[] message, object privateKey, string userId = DefaultUserId)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(PrivateKeyFrom(privateKey).Parameters, Random), UserId(userId)));
        signer.BlockUpdate(message, 0, message.Length);
        try
        {
            return signer.GenerateSignature();
        }
        catch (CryptoException e)
        {
            throw new CryptographicException(SignFailed, e);
        }
    }

    /// <summary>Signs the UTF-8 bytes of <paramref name="message"/> with SM2-with-SM3.</summary>
    /// <param name="message">The text to sign, e.g. <c>Formatter.Request(...)</c>.</param>
    /// <param name="privateKey">An <see cref="Sm2PrivateKey"/> or anything <see cref="PrivateKeyFrom"/> accepts.</param>
    /// <param name="userId">The signer's user id (default <see cref="DefaultUserId"/>).</param>
    /// <returns>The base64 DER signature.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <exception cref="CryptographicException">The signature could not be made.</exception>
    /// <example>
    /// <code>
    /// string signature = Sm2.Sign(Formatter.Request("GET", "/v3/certificates", ts, nonce), merchantKey);
    /// </code>
    /// </example>
    public static string Sign(string message, object privateKey, string userId = DefaultUserId)
    {
        return Convert.ToBase64String(Sign(Bytes(message, nameof(message)), privateKey, userId));
    }

    /// <summary>Verifies a DER SM2-with-SM3 signature.</summary>
    /// <param name="message">The signed bytes.</param>
    /// <param name="signature">The DER signature; a malformed one simply does not verify.</param>
    /// <param name="publicKey">An <see cref="Sm2PublicKey"/> or anything <see cref="PublicKeyFrom"/> accepts.</param>
    /// <param name="userId">The signer's user id (default <see cref="DefaultUserId"/>).</param>
    /// <returns>True when the signature is valid.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <example>
    /// <code>
    /// bool ok = Sm2.Verify(Encoding.UTF8.GetBytes(message), der, platformKey);
    /// </code>
    /// </example>
    public static bool Verify(byte[] message, byte[] signature, object publicKey, string userId = DefaultUserId)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var verifier = new SM2Signer();
        verifier.Init(false, new ParametersWithID(PublicKeyFrom(publicKey).Parameters, UserId(userId)));
        if (signature is null || signature.Length == 0)
        {
            return false;
        }

        verifier.BlockUpdate(message, 0, message.Length);
        try
        {
            return verifier.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or CryptoException)
        {
            return false;
        }
    }

    /// <summary>Verifies a base64 DER SM2-with-SM3 signature over the UTF-8 bytes of <paramref name="message"/>.</summary>
    /// <param name="message">The signed text, e.g. <c>Formatter.Response(...)</c>.</param>
    /// <param name="signature">The base64 signature; anything malformed simply does not verify.</param>
    /// <param name="publicKey">An <see cref="Sm2PublicKey"/> or anything <see cref="PublicKeyFrom"/> accepts.</param>
    /// <param name="userId">The signer's user id (default <see cref="DefaultUserId"/>).</param>
    /// <returns>True when the signature is valid.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <example>
    /// <code>
    /// bool ok = Sm2.Verify(Formatter.Response(timestamp, nonce, body), signatureHeader, platformKey);
    /// </code>
    /// </example>
    public static bool Verify(string message, string signature, object publicKey, string userId = DefaultUserId)
    {
        byte[] raw;
        try
        {
            raw = signature is null ? Array.Empty<byte>() : Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            raw = Array.Empty<byte>();
        }

        return Verify(Bytes(message, nameof(message)), raw, publicKey, userId);
    }

    private static byte[] UserId(string userId) => Bytes(userId, nameof(userId));
}
