using System.Security.Cryptography;
using System.Text;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// RSAES-OAEP with SHA-1 and MGF1-SHA-1, no label — PHP's <c>OPENSSL_PKCS1_OAEP_PADDING</c> — on loaded keys, with
/// wechatpay-php's messages: the core of <see cref="Rsa.Encrypt"/> and <see cref="Rsa.Decrypt"/>.
/// </summary>
internal static class RsaOaep
{
    private const string EncryptFailed = "Encrypting the input $plaintext failed, please checking your $publicKey whether or nor correct.";
    internal const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $privateKey whether or nor correct.";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>Refuses any padding but OAEP SHA-1 (null means OAEP SHA-1).</summary>
    /// <exception cref="InvalidArgumentException">Another padding (ParamName <c>padding</c>).</exception>
    public static void CheckPadding(RSAEncryptionPadding? padding)
    {
        if (padding is not null && padding != RSAEncryptionPadding.OaepSHA1)
        {
            throw new InvalidArgumentException(
                $"Here's only support the OPENSSL_PKCS1_OAEP_PADDING(4) mode, yours({padding}).", nameof(padding));
        }
    }

    /// <summary>The base64 ciphertext of the UTF-8 <paramref name="plaintext"/>.</summary>
    /// <exception cref="CryptographicException">PHP's encryption failure (e.g. the plaintext is too long).</exception>
    public static string Encrypt(byte[] plaintext, RSA key)
    {
        try
        {
            return Convert.ToBase64String(key.Encrypt(plaintext, RSAEncryptionPadding.OaepSHA1));
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(EncryptFailed, e);
        }
    }

    /// <summary>The base64 ciphertext decoded, or null when it is not base64 (decrypting it then fails).</summary>
    public static byte[]? DecodeCiphertext(string? ciphertext)
    {
        try
        {
            return ciphertext is null ? null : Convert.FromBase64String(ciphertext);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The UTF-8 plaintext of <paramref name="ciphertext"/> (null: not base64).</summary>
    /// <exception cref="CryptographicException">PHP's decryption failure.</exception>
    public static string Decrypt(byte[]? ciphertext, RSA key)
    {
        if (ciphertext is null)
        {
            throw new CryptographicException(DecryptFailed);
        }

        try
        {
            return Utf8.GetString(key.Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA1));
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(DecryptFailed, e);
        }
    }
}
