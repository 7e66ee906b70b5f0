using System.Security.Cryptography;
using ChainPay.Crypto.Internal;

namespace ChainPay.Crypto;

// RSAES-OAEP (SHA-1, MGF1-SHA-1, no label) encryption and decryption.
public static partial class Rsa
{
    /// <summary>
    /// Encrypts <paramref name="plaintext"/> (UTF-8) with RSAES-OAEP (SHA-1, MGF1-SHA-1, no label), e.g. the sensitive
    /// fields WeChat Pay wants encrypted with the platform certificate / public key.
    /// </summary>
    /// <param name="plaintext">The text to encrypt.</param>
    /// <param name="publicKey">An <see cref="RSA"/> or anything <see cref="From(object, string)"/> accepts as a public key.</param>
    /// <param name="padding">Null or <see cref="RSAEncryptionPadding.OaepSHA1"/>; nothing else is supported.</param>
    /// <returns>The base64 ciphertext.</returns>
    /// <exception cref="InvalidArgumentException">Another padding: <c>Here's only support the
    /// OPENSSL_PKCS1_OAEP_PADDING(4) mode, yours(Pkcs1).</c> (ParamName <c>padding</c>), or an unloadable key.</exception>
    /// <exception cref="CryptographicException"><c>Encrypting the input $plaintext failed, please checking your
    /// $publicKey whether or nor correct.</c> (e.g. the plaintext is too long).</exception>
    /// <example>
    /// <code>
    /// string name = Rsa.Encrypt("张三", platformCertificate); // send with the header Wechatpay-Serial
    /// </code>
    /// </example>
    public static string Encrypt(string plaintext, object publicKey, RSAEncryptionPadding? padding = null)
    {
        RsaOaep.CheckPadding(padding);
        if (plaintext is null)
        {
            throw new ArgumentNullException(nameof(plaintext));
        }

        byte[] data = Utf8.GetBytes(plaintext);
        return WithKey(publicKey, KeyTypePublic, key => RsaOaep.Encrypt(data, key));
    }

    /// <summary>
    /// Decrypts a base64 RSAES-OAEP (SHA-1, MGF1-SHA-1, no label) ciphertext and returns the UTF-8 text.
    /// </summary>
    /// <param name="ciphertext">The base64 ciphertext.</param>
    /// <param name="privateKey">An <see cref="RSA"/> or anything <see cref="From(object, string)"/> accepts as a private key.</param>
    /// <param name="padding">Null or <see cref="RSAEncryptionPadding.OaepSHA1"/>; nothing else is supported.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="InvalidArgumentException">Another padding (ParamName <c>padding</c>), or an unloadable key.</exception>
    /// <exception cref="CryptographicException"><c>Decrypting the input $ciphertext failed, please checking your
    /// $privateKey whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// string name = Rsa.Decrypt(encryptedName, merchantPrivateKey);
    /// </code>
    /// </example>
    public static string Decrypt(string ciphertext, object privateKey, RSAEncryptionPadding? padding = null)
    {
        RsaOaep.CheckPadding(padding);
        byte[]? data = RsaOaep.DecodeCiphertext(ciphertext);
        return WithKey(privateKey, KeyTypePrivate, key => RsaOaep.Decrypt(data, key));
    }

    /// <summary>
    /// Decrypts a base64 RSAES-OAEP (SHA-1, MGF1-SHA-1, no label) ciphertext with a merchant key held elsewhere (an
    /// HSM through <c>ChainPay.Pkcs11</c>) and returns the UTF-8 text: <see cref="Decrypt(string, object, RSAEncryptionPadding?)"/> for an <see cref="IDecryptor"/>.
    /// </summary>
    /// <param name="ciphertext">The base64 ciphertext.</param>
    /// <param name="decryptor">Holds the merchant private key.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="InvalidArgumentException"><paramref name="decryptor"/> is <c>null</c>.</exception>
    /// <exception cref="CryptographicException"><c>Decrypting the input $ciphertext failed, please checking your
    /// $privateKey whether or nor correct.</c> (not base64, or the key does not decrypt it).</exception>
    /// <example>
    /// <code>
    /// string name = await Rsa.DecryptAsync(encryptedName, hsmSigner);
    /// </code>
    /// </example>
    public static async Task<string> DecryptAsync(string ciphertext, IDecryptor decryptor, CancellationToken cancellationToken = default)
    {
        if (decryptor is null)
        {
            throw new InvalidArgumentException("A decryptor is required.", nameof(decryptor));
        }

        var data = RsaOaep.DecodeCiphertext(ciphertext) ?? throw new CryptographicException(RsaOaep.DecryptFailed);
        byte[] plaintext;
        try
        {
            plaintext = await decryptor.DecryptAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(RsaOaep.DecryptFailed, e);
        }

        return Utf8.GetString(plaintext);
    }
}
