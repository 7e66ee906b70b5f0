using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace ChainPay.Crypto;

/// <summary>
/// SM4 (GB/T 32907-2016) in GCM mode with a 16-byte tag — WeChat Pay's <c>AEAD_SM4_GCM</c> for the <c>resource</c> of
/// 国密 notifications — computed with BouncyCastle on every target framework. Like <see cref="AesGcm"/>, the output is
/// <c>base64(ciphertext || tag)</c>.
/// </summary>
/// <remarks>
/// <para><b>Keys.</b> The string overloads take the key as text (its UTF-8 bytes): a 16-byte text is the SM4 key
/// itself; a 32-byte text is taken as the <b>APIv3 key</b> and turned into the SM4 key as WeChat Pay does — the first
/// 16 bytes of its SM3 digest (<see cref="DeriveKey"/>). So a notification decrypts with the same arguments as an
/// <c>AEAD_AES_256_GCM</c> one. The byte overloads take the raw 16-byte SM4 key only; decode a hex key
/// (e.g. <c>0123456789abcdeffedcba9876543210</c>) yourself and use them.</para>
/// <para>Error messages never contain the key, the nonce or the data.</para>
/// </remarks>
public static class Sm4Gcm
{
    /// <summary>The SM4 key length in bytes.</summary>
    /// <example><code>byte[] key = RandomNumberGenerator.GetBytes(Sm4Gcm.KeySize);</code></example>
    public const int KeySize = 16;

    /// <summary>The length of the authentication tag appended to the ciphertext, in bytes.</summary>
    /// <example><code>int plaintextLength = sealedBytes.Length - Sm4Gcm.TagSize;</code></example>
    public const int TagSize = 16;

    private const int ApiV3KeySize = 32;
    private const string EncryptFailed = "Encrypting the input $plaintext failed, please checking your $key and $nonce whether or nor correct.";
    private const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $key and $nonce whether or nor correct.";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>Encrypts UTF-8 text and returns <c>base64(ciphertext || tag)</c>.</summary>
    /// <param name="plaintext">The text to encrypt.</param>
    /// <param name="key">A 16-byte SM4 key, or the 32-byte APIv3 key (see the class remarks).</param>
    /// <param name="nonce">The nonce / IV (UTF-8), not empty; WeChat Pay uses 12 characters.</param>
    /// <param name="aad">The additional authenticated data (UTF-8), may be empty.</param>
    /// <returns>The base64 of the ciphertext followed by the 16-byte tag.</returns>
    /// <exception cref="InvalidArgumentException">The key is neither 16 nor 32 bytes (ParamName <c>key</c>), or the
    /// nonce is empty (ParamName <c>nonce</c>).</exception>
    /// <example>
    /// <code>
    /// string sealedText = Sm4Gcm.Encrypt("{\"mchid\":\"1900000001\"}", apiV3Key, "0123456789ab", "transaction");
    /// </code>
    /// </example>
    public static string Encrypt(string plaintext, string key, string nonce, string aad = "")
    {
        return Convert.ToBase64String(Encrypt(Bytes(plaintext, nameof(plaintext)), TextKey(key), Bytes(nonce, nameof(nonce)), Bytes(aad, nameof(aad))));
    }

    /// <summary>Encrypts raw bytes and returns <c>ciphertext || tag</c>.</summary>
    /// <param name="plaintext">The bytes to encrypt.</param>
    /// <param name="key">The raw 16-byte SM4 key.</param>
    /// <param name="nonce">The non-empty nonce / IV.</param>
    /// <param name="aad">The additional authenticated data; null means none.</param>
    /// <returns>The ciphertext followed by the 16-byte tag.</returns>
    /// <exception cref="InvalidArgumentException">The key is not 16 bytes, or the nonce is empty.</exception>
    /// <example>
    /// <code>
    /// byte[] sealedBytes = Sm4Gcm.Encrypt(data, Sm4Gcm.DeriveKey(apiV3Key), nonce12, Encoding.UTF8.GetBytes("transaction"));
    /// </code>
    /// </example>
    public static byte[] Encrypt(byte[] plaintext, byte[] key, byte[] nonce, byte[]? aad = null)
    {
        if (plaintext is null)
        {
            throw new ArgumentNullException(nameof(plaintext));
        }

        GcmBlockCipher cipher = Create(true, key, nonce, aad);
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        try
        {
            int length = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
            cipher.DoFinal(output, length);
            return output;
        }
        catch (CryptoException e)
        {
            throw new CryptographicException(EncryptFailed, e);
        }
    }

    /// <summary>Decrypts <c>base64(ciphertext || tag)</c> and returns the UTF-8 text.</summary>
    /// <param name="ciphertext">The base64 input, e.g. a 国密 notification's <c>resource.ciphertext</c>.</param>
    /// <param name="key">A 16-byte SM4 key, or the 32-byte APIv3 key (see the class remarks).</param>
    /// <param name="nonce">The nonce / IV (UTF-8), e.g. <c>resource.nonce</c>.</param>
    /// <param name="aad">The additional authenticated data (UTF-8), e.g. <c>resource.associated_data</c>.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="InvalidArgumentException">A bad key or nonce length, or an input shorter than the tag
    /// (ParamName <c>ciphertext</c>).</exception>
    /// <exception cref="CryptographicException">Not base64, or authentication failed (wrong key, nonce, AAD or
    /// tampered data): <c>Decrypting the input $ciphertext failed, please checking your $key and $nonce whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// // resource.algorithm == "AEAD_SM4_GCM"
    /// string json = Sm4Gcm.Decrypt(resource.ciphertext, apiV3Key, resource.nonce, resource.associated_data);
    /// </code>
    /// </example>
    public static string Decrypt(string ciphertext, string key, string nonce, string aad = "")
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        byte[] keyBytes = TextKey(key);
        byte[] nonceBytes = Bytes(nonce, nameof(nonce));
        CheckNonce(nonceBytes);

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException)
        {
            throw new CryptographicException(DecryptFailed);
        }

        return Utf8.GetString(Decrypt(raw, keyBytes, nonceBytes, Bytes(aad, nameof(aad))));
    }

    /// <summary>Decrypts raw <c>ciphertext || tag</c> bytes.</summary>
    /// <param name="ciphertext">The ciphertext followed by its 16-byte tag.</param>
    /// <param name="key">The raw 16-byte SM4 key.</param>
    /// <param name="nonce">The non-empty nonce / IV.</param>
    /// <param name="aad">The additional authenticated data; null means none.</param>
    /// <returns>The plaintext bytes.</returns>
    /// <exception cref="InvalidArgumentException">A bad key or nonce length, or an input shorter than the tag.</exception>
    /// <exception cref="CryptographicException">Authentication failed.</exception>
    /// <example>
    /// <code>
    /// byte[] data = Sm4Gcm.Decrypt(sealedBytes, Sm4Gcm.DeriveKey(apiV3Key), nonce12, Encoding.UTF8.GetBytes("transaction"));
    /// </code>
    /// </example>
    public static byte[] Decrypt(byte[] ciphertext, byte[] key, byte[] nonce, byte[]? aad = null)
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        GcmBlockCipher cipher = Create(false, key, nonce, aad);
        if (ciphertext.Length < TagSize)
        {
            throw new InvalidArgumentException($"The $ciphertext is incomplete: it must hold at least the {TagSize}-byte tag.", nameof(ciphertext));
        }

        var output = new byte[cipher.GetOutputSize(ciphertext.Length)];
        try
        {
            int length = cipher.ProcessBytes(ciphertext, 0, ciphertext.Length, output, 0);
            cipher.DoFinal(output, length);
            return output;
        }
        catch (CryptoException e)
        {
            Array.Clear(output, 0, output.Length);
            throw new CryptographicException(DecryptFailed, e);
        }
    }

    /// <summary>
    /// WeChat Pay's SM4 key for a merchant: the first 16 bytes of the SM3 digest of the (UTF-8) APIv3 key.
    /// </summary>
    /// <param name="apiV3Key">The 32-character APIv3 key.</param>
    /// <returns>The 16-byte SM4 key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="apiV3Key"/> is null.</exception>
    /// <example>
    /// <code>
    /// byte[] key = Sm4Gcm.DeriveKey(apiV3Key); // = Sm3.Hash(UTF-8 apiV3Key)[0..16]
    /// </code>
    /// </example>
    public static byte[] DeriveKey(string apiV3Key)
    {
        byte[] digest = Sm3.Hash(Bytes(apiV3Key, nameof(apiV3Key)));
        var key = new byte[KeySize];
        Buffer.BlockCopy(digest, 0, key, 0, KeySize);
        return key;
    }

    private static GcmBlockCipher Create(bool forEncryption, byte[] key, byte[] nonce, byte[]? aad)
    {
        if (key is null || key.Length != KeySize)
        {
            throw new InvalidArgumentException($"The $key must be {KeySize} bytes for sm4-gcm, yours is {key?.Length ?? 0} bytes.", nameof(key));
        }

        CheckNonce(nonce);
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagSize * 8, nonce, aad ?? Array.Empty<byte>()));
        return cipher;
    }

    private static void CheckNonce(byte[] nonce)
    {
        if (nonce is null || nonce.Length == 0)
        {
            throw new InvalidArgumentException("The $nonce must not be empty for sm4-gcm.", nameof(nonce));
        }
    }

    private static byte[] TextKey(string key)
    {
        byte[] bytes = Bytes(key, nameof(key));
        return bytes.Length switch
        {
            KeySize => bytes,
            ApiV3KeySize => DeriveKey(key),
            _ => throw new InvalidArgumentException(
                $"The $key must be a {KeySize}-byte SM4 key or the {ApiV3KeySize}-byte APIv3 key, yours is {bytes.Length} bytes.", nameof(key)),
        };
    }

    private static byte[] Bytes(string value, string name)
    {
        return value is null ? throw new ArgumentNullException(name) : Utf8.GetBytes(value);
    }
}
