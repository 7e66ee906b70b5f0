using System.Buffers;
using System.Security.Cryptography;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// <c>sha256WithRSAEncryption</c> (RSASSA-PKCS1-v1_5 over SHA-256) on loaded keys, with wechatpay-php's failure
/// messages: the hot paths behind <see cref="Rsa.Sign(string, object)"/> and <see cref="Rsa.Verify(string, string, object)"/>.
/// </summary>
internal static class RsaSignature
{
    /// <summary>PHP's signing failure.</summary>
    public const string SignFailed = "Signing the input $message failed, please checking your $privateKey whether or nor correct.";

    /// <summary>PHP's verification failure.</summary>
    public const string VerifyFailed = "Verified the input $message failed, please checking your $publicKey whether or nor correct.";

    /// <summary>Signs <paramref name="message"/>.</summary>
    /// <exception cref="CryptographicException">The key cannot sign.</exception>
    public static byte[] Sign(byte[] message, RSA key)
    {
        try
        {
            return key.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(SignFailed, e);
        }
    }

    /// <summary>Signs the concatenation of the three parts without building it.</summary>
    /// <exception cref="CryptographicException">The key cannot sign.</exception>
    public static byte[] Sign(byte[] head, byte[] body, byte[] tail, RSA key)
    {
        try
        {
            return key.SignHash(Sha256(head, body, tail), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(SignFailed, e);
        }
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="message"/>.</summary>
    /// <exception cref="CryptographicException">The key cannot verify.</exception>
    public static bool Verify(byte[] message, byte[] signature, RSA key)
    {
        try
        {
            return key.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(VerifyFailed, e);
        }
    }

    /// <summary>Verifies <paramref name="signature"/> over the concatenation of the three parts without building it.</summary>
    /// <exception cref="CryptographicException">The key cannot verify.</exception>
    public static bool Verify(byte[] head, byte[] body, byte[] tail, byte[] signature, RSA key)
    {
        try
        {
            return key.VerifyHash(Sha256(head, body, tail), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(VerifyFailed, e);
        }
    }

#if !NETSTANDARD2_0
    /// <summary>The largest signature written on the stack: RSA-4096's 512 bytes.</summary>
    public const int MaxStackSignature = 512;

    // Messages up to this size are copied into one pooled buffer and hashed in one call (no hash object per call);
    // larger ones are hashed part by part, without the copy.
    private const int OneShotLimit = 64 * 1024;

    /// <summary>
    /// Signs the SHA-256 of <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/> into
    /// <paramref name="destination"/>; the number of bytes written, or <c>-1</c> when <paramref name="destination"/>
    /// is too small for the key. The same signature as <see cref="Sign(byte[], byte[], byte[], RSA)"/>, without its arrays.
    /// </summary>
    /// <exception cref="CryptographicException">The key cannot sign.</exception>
    public static int Sign(ReadOnlySpan<byte> head, ReadOnlySpan<byte> body, ReadOnlySpan<byte> tail, RSA key, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        Sha256(head, body, tail, hash);
        try
        {
            return key.TrySignHash(hash, destination, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out var written) ? written : -1;
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(SignFailed, e);
        }
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/>, as <see cref="Verify(byte[], byte[], byte[], byte[], RSA)"/> does.</summary>
    /// <exception cref="CryptographicException">The key cannot verify.</exception>
    public static bool Verify(ReadOnlySpan<byte> head, ReadOnlySpan<byte> body, ReadOnlySpan<byte> tail, ReadOnlySpan<byte> signature, RSA key)
    {
        Span<byte> hash = stackalloc byte[32];
        Sha256(head, body, tail, hash);
        try
        {
            return key.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(VerifyFailed, e);
        }
    }

    private static void Sha256(ReadOnlySpan<byte> head, ReadOnlySpan<byte> body, ReadOnlySpan<byte> tail, Span<byte> hash)
    {
        var length = head.Length + body.Length + tail.Length;
        if (length > OneShotLimit)
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha256.AppendData(head);
            sha256.AppendData(body);
            sha256.AppendData(tail);
            sha256.GetHashAndReset(hash);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            head.CopyTo(buffer);
            body.CopyTo(buffer.AsSpan(head.Length));
            tail.CopyTo(buffer.AsSpan(head.Length + body.Length));
            SHA256.HashData(buffer.AsSpan(0, length), hash);
        }
        finally
        {
            buffer.AsSpan(0, length).Clear(); // the body may be a merchant's order
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
#endif

    private static byte[] Sha256(byte[] head, byte[] body, byte[] tail)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(head);
        sha256.AppendData(body);
        sha256.AppendData(tail);
        return sha256.GetHashAndReset();
    }
}
