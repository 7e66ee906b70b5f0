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

    private static byte[] Sha256(byte[] head, byte[] body, byte[] tail)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(head);
        sha256.AppendData(body);
        sha256.AppendData(tail);
        return sha256.GetHashAndReset();
    }
}
