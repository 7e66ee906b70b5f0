using System.Security.Cryptography;
using System.Text;

namespace ChainPay.Crypto;

/// <summary>
/// AES-256-ECB with PKCS#7 padding, base64 in and out, as wechatpay-php's <c>WeChatPay\Crypto\AesEcb</c>.
/// Used by the APIv2 refund notification's <c>req_info</c>, whose key is <c>Hash.Md5(apiV2Key)</c>
/// (the 32 lower-case hex characters are the key bytes).
/// </summary>
public static class AesEcb
{
    private const int KeyLength = 32;
    private const string EncryptFailed = "Encrypting the input $plaintext failed, please checking your $key and $iv whether or nor correct.";
    private const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $key and $iv whether or nor correct.";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>Encrypts UTF-8 text and returns the base64 ciphertext.</summary>
    /// <param name="plaintext">The text to encrypt.</param>
    /// <param name="key">The 32-byte (UTF-8) key.</param>
    /// <param name="iv">Ignored (ECB has no IV); kept for PHP signature compatibility.</param>
    /// <returns>The base64 ciphertext.</returns>
    /// <exception cref="InvalidArgumentException">The key is not 32 bytes (ParamName <c>key</c>).</exception>
    /// <exception cref="CryptographicException"><c>Encrypting the input $plaintext failed, please checking your $key and $iv whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// AesEcb.Encrypt("hello", "0123456789abcdef0123456789abcdef"); // "pZwJZBLuy3mDACEQT4YTBw=="
    /// </code>
    /// </example>
    public static string Encrypt(string plaintext, string key, string iv = "")
    {
        if (plaintext is null)
        {
            throw new ArgumentNullException(nameof(plaintext));
        }

        byte[] data = Utf8.GetBytes(plaintext);
        using var aes = CreateAes(key);
        try
        {
            using var transform = aes.CreateEncryptor();
            return Convert.ToBase64String(transform.TransformFinalBlock(data, 0, data.Length));
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(EncryptFailed, e);
        }
    }

    /// <summary>Decrypts a base64 ciphertext and returns the UTF-8 text.</summary>
    /// <param name="ciphertext">The base64 ciphertext, e.g. <c>req_info</c>.</param>
    /// <param name="key">The 32-byte (UTF-8) key, e.g. <c>Hash.Md5(apiV2Key)</c>.</param>
    /// <param name="iv">Ignored (ECB has no IV); kept for PHP signature compatibility.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="InvalidArgumentException">The key is not 32 bytes (ParamName <c>key</c>).</exception>
    /// <exception cref="CryptographicException"><c>Decrypting the input $ciphertext failed, please checking your $key and $iv whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// string xml = AesEcb.Decrypt(reqInfo, Hash.Md5(apiV2Key));
    /// </code>
    /// </example>
    public static string Decrypt(string ciphertext, string key, string iv = "")
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        using var aes = CreateAes(key);
        try
        {
            byte[] data = Convert.FromBase64String(ciphertext);
            using var transform = aes.CreateDecryptor();
            return Utf8.GetString(transform.TransformFinalBlock(data, 0, data.Length));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new CryptographicException(DecryptFailed, e);
        }
    }

    private static Aes CreateAes(string key)
    {
        byte[] bytes = key is null ? Array.Empty<byte>() : Utf8.GetBytes(key);
        if (bytes.Length != KeyLength)
        {
            throw new InvalidArgumentException(
                $"The $key must be {KeyLength} bytes for aes-256-ecb, yours is {bytes.Length} bytes.", nameof(key));
        }

        var aes = Aes.Create();
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.PKCS7;
        aes.Key = bytes;
        return aes;
    }
}
