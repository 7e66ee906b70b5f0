using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto.Internal;

namespace ChainPay.Crypto;

/// <summary>
/// AES-256-GCM as wechatpay-php's <c>WeChatPay\Crypto\AesGcm</c> does it: the output is
/// <c>base64(ciphertext || 16-byte tag)</c>. Used for notification <c>resource</c>s and <c>/v3/certificates</c>
/// (key = the APIv3 key, iv = <c>nonce</c>, aad = <c>associated_data</c>).
/// </summary>
/// <remarks>
/// Not to be confused with <c>System.Security.Cryptography.AesGcm</c>, which this class uses on net8.0+ for
/// 12-byte IVs; other IV lengths (the PHP tests use 16 bytes) and netstandard2.0 go through BouncyCastle.
/// </remarks>
public static class AesGcm
{
    private const int KeyLength = 32;
    private const int BlockSize = 16;
    private const string EncryptFailed = "Encrypting the input $plaintext failed, please checking your $key and $iv whether or nor correct.";
    private const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $key and $iv whether or nor correct.";
    private const string Incomplete = "The inputs `$ciphertext` incomplete, the bytes length must be one of 16, 15, 14, 13, 12, 8 or 4.";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>Encrypts UTF-8 text and returns <c>base64(ciphertext || tag)</c>.</summary>
    /// <param name="plaintext">The text to encrypt.</param>
    /// <param name="key">The 32-byte (UTF-8) key, e.g. the APIv3 key.</param>
    /// <param name="iv">The IV / nonce (UTF-8); must not be empty. 12 bytes is the GCM norm, other lengths work too.</param>
    /// <param name="aad">The additional authenticated data (UTF-8), may be empty.</param>
    /// <returns>The base64 of the ciphertext followed by the 16-byte tag.</returns>
    /// <exception cref="InvalidArgumentException">The key is not 32 bytes (ParamName <c>key</c>) or the IV is empty (ParamName <c>iv</c>).</exception>
    /// <exception cref="CryptographicException"><c>Encrypting the input $plaintext failed, please checking your $key and $iv whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// AesGcm.Encrypt("hello wechatpay", "0123456789abcdef0123456789abcdef", "0123456789ab", "certificate");
    /// // "8cyLVizq736WbULJw2UFICyJIrZksUQnnGU0OXXtlA=="
    /// </code>
    /// </example>
    public static string Encrypt(string plaintext, string key, string iv = "", string aad = "")
    {
        return Convert.ToBase64String(Encrypt(Bytes(plaintext, nameof(plaintext)), Bytes(key, nameof(key)), Bytes(iv, nameof(iv)), Bytes(aad, nameof(aad)), null));
    }

    /// <summary>Encrypts raw bytes and returns <c>ciphertext || tag</c> (16 bytes).</summary>
    /// <param name="plaintext">The bytes to encrypt.</param>
    /// <param name="key">The 32-byte key.</param>
    /// <param name="iv">The non-empty IV / nonce.</param>
    /// <param name="aad">The additional authenticated data; null means none.</param>
    /// <returns>The ciphertext followed by the tag.</returns>
    /// <exception cref="InvalidArgumentException">The key is not 32 bytes or the IV is empty.</exception>
    /// <exception cref="CryptographicException">The encryption failed.</exception>
    /// <example>
    /// <code>
    /// byte[] sealedBytes = AesGcm.Encrypt(data, key32, nonce12, Encoding.UTF8.GetBytes("certificate"));
    /// </code>
    /// </example>
    public static byte[] Encrypt(byte[] plaintext, byte[] key, byte[] iv, byte[]? aad = null)
    {
        return Encrypt(plaintext, key, iv, aad, null);
    }

    /// <summary>Decrypts <c>base64(ciphertext || tag)</c> and returns the UTF-8 text.</summary>
    /// <param name="ciphertext">The base64 input, e.g. a notification's <c>resource.ciphertext</c>.</param>
    /// <param name="key">The 32-byte (UTF-8) key, e.g. the APIv3 key.</param>
    /// <param name="iv">The IV / nonce (UTF-8), e.g. <c>resource.nonce</c>.</param>
    /// <param name="aad">The additional authenticated data (UTF-8), e.g. <c>resource.associated_data</c>.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="InvalidArgumentException">The key is not 32 bytes, the IV is empty, or the input is too short
    /// for a tag: <c>The inputs `$ciphertext` incomplete, the bytes length must be one of 16, 15, 14, 13, 12, 8 or 4.</c>
    /// (ParamName <c>ciphertext</c>).</exception>
    /// <exception cref="CryptographicException">Authentication failed: <c>Decrypting the input $ciphertext failed,
    /// please checking your $key and $iv whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// string json = AesGcm.Decrypt(resource.ciphertext, apiV3Key, resource.nonce, resource.associated_data);
    /// </code>
    /// </example>
    public static string Decrypt(string ciphertext, string key, string iv = "", string aad = "")
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        byte[] keyBytes = Bytes(key, nameof(key));
        byte[] ivBytes = Bytes(iv, nameof(iv));
        CheckKeyAndIv(keyBytes, ivBytes);

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException)
        {
            throw new CryptographicException(DecryptFailed);
        }

        return Utf8.GetString(Decrypt(raw, keyBytes, ivBytes, Bytes(aad, nameof(aad)), null));
    }

    /// <summary>Decrypts raw <c>ciphertext || tag</c> bytes.</summary>
    /// <param name="ciphertext">The ciphertext followed by its tag (the last 16 bytes, or all of a shorter input).</param>
    /// <param name="key">The 32-byte key.</param>
    /// <param name="iv">The non-empty IV / nonce.</param>
    /// <param name="aad">The additional authenticated data; null means none.</param>
    /// <returns>The plaintext bytes.</returns>
    /// <exception cref="InvalidArgumentException">Bad key/IV length or an incomplete input (see the string overload).</exception>
    /// <exception cref="CryptographicException">Authentication failed.</exception>
    /// <example>
    /// <code>
    /// byte[] data = AesGcm.Decrypt(sealedBytes, key32, nonce12, Encoding.UTF8.GetBytes("certificate"));
    /// </code>
    /// </example>
    public static byte[] Decrypt(byte[] ciphertext, byte[] key, byte[] iv, byte[]? aad = null)
    {
        return Decrypt(ciphertext, key, iv, aad, null);
    }

    /// <summary>The cipher implementation used when none is forced: the BCL when it supports the lengths, else BouncyCastle.</summary>
    internal static IGcmCipher Select(int ivLength, int tagLength)
    {
#if !NETSTANDARD2_0
        if (BclGcmCipher.Instance.Supports(ivLength, tagLength))
        {
            return BclGcmCipher.Instance;
        }
#endif
        return BouncyGcmCipher.Instance;
    }

    /// <summary>Encrypts with a forced implementation (null = <see cref="Select"/>).</summary>
    internal static byte[] Encrypt(byte[] plaintext, byte[] key, byte[] iv, byte[]? aad, IGcmCipher? cipher)
    {
        if (plaintext is null)
        {
            throw new ArgumentNullException(nameof(plaintext));
        }

        CheckKeyAndIv(key, iv);
        cipher ??= Select(iv.Length, BlockSize);
        if (!cipher.Supports(iv.Length, BlockSize))
        {
            throw new NotSupportedException($"The {cipher.Name} AES-GCM cipher does not support a {iv.Length}-byte IV.");
        }

        try
        {
            return cipher.Encrypt(key, iv, aad ?? Array.Empty<byte>(), plaintext, BlockSize);
        }
        catch (Exception e) when (e is CryptographicException or Org.BouncyCastle.Crypto.CryptoException or ArgumentException)
        {
            throw new CryptographicException(EncryptFailed, e);
        }
    }

    /// <summary>Decrypts with a forced implementation (null = <see cref="Select"/>).</summary>
    internal static byte[] Decrypt(byte[] ciphertext, byte[] key, byte[] iv, byte[]? aad, IGcmCipher? cipher)
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        CheckKeyAndIv(key, iv);

        // PHP: $authTag = substr($raw, -16); $ciphertext = substr($raw, 0, -16) — a short input is all tag.
        int tagLength = Math.Min(BlockSize, ciphertext.Length);
        if (tagLength is not (16 or 15 or 14 or 13 or 12 or 8 or 4))
        {
            throw new InvalidArgumentException(Incomplete, nameof(ciphertext));
        }

        var body = new byte[ciphertext.Length - tagLength];
        var tag = new byte[tagLength];
        Buffer.BlockCopy(ciphertext, 0, body, 0, body.Length);
        Buffer.BlockCopy(ciphertext, body.Length, tag, 0, tagLength);

        cipher ??= Select(iv.Length, tagLength);
        if (!cipher.Supports(iv.Length, tagLength))
        {
            throw new NotSupportedException($"The {cipher.Name} AES-GCM cipher does not support a {iv.Length}-byte IV with a {tagLength}-byte tag.");
        }

        try
        {
            return cipher.Decrypt(key, iv, aad ?? Array.Empty<byte>(), body, tag);
        }
        catch (Exception e) when (e is CryptographicException or Org.BouncyCastle.Crypto.CryptoException or ArgumentException)
        {
            throw new CryptographicException(DecryptFailed, e);
        }
    }

    private static void CheckKeyAndIv(byte[] key, byte[] iv)
    {
        if (key is null || key.Length != KeyLength)
        {
            throw new InvalidArgumentException(
                $"The $key must be {KeyLength} bytes for aes-256-gcm, yours is {key?.Length ?? 0} bytes.", nameof(key));
        }

        if (iv is null || iv.Length == 0)
        {
            throw new InvalidArgumentException("The $iv must not be empty for aes-256-gcm.", nameof(iv));
        }
    }

    private static byte[] Bytes(string value, string name)
    {
        return value is null ? throw new ArgumentNullException(name) : Utf8.GetBytes(value);
    }
}
