#if !NETSTANDARD2_0
using System.Security.Cryptography;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// AES-GCM over <see cref="System.Security.Cryptography.AesGcm"/> (net8.0+; not on netstandard2.0): 12-byte nonces and
/// 16-byte tags only, and only where the platform supports it.
/// </summary>
internal sealed class BclGcmCipher : IGcmCipher
{
    /// <summary>The shared, stateless instance.</summary>
    public static readonly BclGcmCipher Instance = new();

    private const int NonceLength = 12;
    private const int TagLength = 16;

    private BclGcmCipher()
    {
    }

    /// <inheritdoc />
    public string Name => "bcl";

    /// <inheritdoc />
    public bool Supports(int ivLength, int tagLength) =>
        System.Security.Cryptography.AesGcm.IsSupported && ivLength == NonceLength && tagLength == TagLength;

    /// <inheritdoc />
    public byte[] Encrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext, int tagLength)
    {
        var output = new byte[plaintext.Length + TagLength];
        var ciphertext = new Span<byte>(output, 0, plaintext.Length);
        var tag = new Span<byte>(output, plaintext.Length, TagLength);
        using var gcm = new System.Security.Cryptography.AesGcm(key, TagLength);
        gcm.Encrypt(iv, plaintext, ciphertext, tag, aad);
        return output;
    }

    /// <inheritdoc />
    public byte[] Decrypt(byte[] key, byte[] iv, byte[] aad, byte[] ciphertext, byte[] tag)
    {
        var plaintext = new byte[ciphertext.Length];
        using var gcm = new System.Security.Cryptography.AesGcm(key, TagLength);
        try
        {
            gcm.Decrypt(iv, ciphertext, tag, plaintext, aad);
            return plaintext;
        }
        catch (CryptographicException)
        {
            Array.Clear(plaintext, 0, plaintext.Length);
            throw;
        }
    }
}
#endif
