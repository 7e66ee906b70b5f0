using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace ChainPay.Crypto;

// SM2 encryption: C1C3C2 in the GM/T 0009 ASN.1 form, base64 in the string overloads.
public static partial class Sm2
{
    private const int CoordinateSize = 32;
    private const string EncryptFailed = "Encrypting the input $plaintext failed, please checking your $publicKey whether or nor correct.";
    private const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $privateKey whether or nor correct.";

    /// <summary>Encrypts <paramref name="plaintext"/> with SM2 (C1C3C2, ASN.1).</summary>
    /// <param name="plaintext">The bytes to encrypt; must not be empty.</param>
    /// <param name="publicKey">An <see cref="Sm2PublicKey"/> or anything <see cref="PublicKeyFrom"/> accepts.</param>
    /// <returns>The DER ciphertext <c>SEQUENCE { x, y, C3, C2 }</c>; randomised.</returns>
    /// <exception cref="InvalidArgumentException">An empty plaintext (ParamName <c>plaintext</c>), or the key cannot be loaded.</exception>
    /// <exception cref="CryptographicException"><c>Encrypting the input $plaintext failed, please checking your $publicKey whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// byte[] der = Sm2.Encrypt(Encoding.UTF8.GetBytes("张三"), platformKey);
    /// </code>
    /// </example>
    public static byte[] Encrypt(byte[] plaintext, object publicKey)
    {
        if (plaintext is null)
        {
            throw new ArgumentNullException(nameof(plaintext));
        }

        if (plaintext.Length == 0)
        {
            throw new InvalidArgumentException("The $plaintext must not be empty for SM2 encryption.", nameof(plaintext));
        }

        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(PublicKeyFrom(publicKey).Parameters, Random));
        byte[] raw;
        try
        {
            raw = engine.ProcessBlock(plaintext, 0, plaintext.Length);
        }
        catch (Exception e) when (e is CryptoException or ArgumentException or InvalidOperationException)
        {
            throw new CryptographicException(EncryptFailed, e);
        }

        // raw = 04 || x || y || C3 (32) || C2
        int c3At = 1 + (2 * CoordinateSize);
        int c2At = c3At + Sm3.HashSize;
        return new DerSequence(
            new DerInteger(new BigInteger(1, raw, 1, CoordinateSize)),
            new DerInteger(new BigInteger(1, raw, 1 + CoordinateSize, CoordinateSize)),
            new DerOctetString(Arrays.CopyOfRange(raw, c3At, c2At)),
            new DerOctetString(Arrays.CopyOfRange(raw, c2At, raw.Length))).GetDerEncoded();
    }

    /// <summary>Encrypts the UTF-8 bytes of <paramref name="plaintext"/> with SM2 (C1C3C2, ASN.1), e.g. a sensitive field.</summary>
    /// <param name="plaintext">The text to encrypt; must not be empty.</param>
    /// <param name="publicKey">An <see cref="Sm2PublicKey"/> or anything <see cref="PublicKeyFrom"/> accepts.</param>
    /// <returns>The base64 DER ciphertext.</returns>
    /// <exception cref="InvalidArgumentException">An empty plaintext, or the key cannot be loaded.</exception>
    /// <exception cref="CryptographicException">The encryption failed.</exception>
    /// <example>
    /// <code>
    /// string name = Sm2.Encrypt("张三", platformKey); // send with the header Wechatpay-Serial
    /// </code>
    /// </example>
    public static string Encrypt(string plaintext, object publicKey)
    {
        return Convert.ToBase64String(Encrypt(Bytes(plaintext, nameof(plaintext)), publicKey));
    }

    /// <summary>Decrypts an SM2 ciphertext (C1C3C2, ASN.1).</summary>
    /// <param name="ciphertext">The DER <c>SEQUENCE { x, y, C3, C2 }</c>.</param>
    /// <param name="privateKey">An <see cref="Sm2PrivateKey"/> or anything <see cref="PrivateKeyFrom"/> accepts.</param>
    /// <returns>The plaintext bytes.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <exception cref="CryptographicException">A malformed ciphertext or the wrong key: <c>Decrypting the input
    /// $ciphertext failed, please checking your $privateKey whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// byte[] data = Sm2.Decrypt(der, merchantKey);
    /// </code>
    /// </example>
    public static byte[] Decrypt(byte[] ciphertext, object privateKey)
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(false, PrivateKeyFrom(privateKey).Parameters);
        try
        {
            byte[] raw = FromAsn1(ciphertext);
            return engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception e) when (e is CryptoException or ArgumentException or IOException or InvalidOperationException or FormatException)
        {
            throw new CryptographicException(DecryptFailed, e);
        }
    }

    /// <summary>Decrypts a base64 SM2 ciphertext (C1C3C2, ASN.1) into UTF-8 text.</summary>
    /// <param name="ciphertext">The base64 DER ciphertext.</param>
    /// <param name="privateKey">An <see cref="Sm2PrivateKey"/> or anything <see cref="PrivateKeyFrom"/> accepts.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <exception cref="CryptographicException">Not base64, malformed, or the wrong key.</exception>
    /// <example>
    /// <code>
    /// string name = Sm2.Decrypt(encryptedName, merchantKey);
    /// </code>
    /// </example>
    public static string Decrypt(string ciphertext, object privateKey)
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException)
        {
            // Still load the key, so a bad key input is reported the same way whatever the ciphertext.
            PrivateKeyFrom(privateKey);
            throw new CryptographicException(DecryptFailed);
        }

        return Utf8.GetString(Decrypt(raw, privateKey));
    }

    /// <summary>The raw C1C3C2 bytes BouncyCastle's engine reads, from the ASN.1 form.</summary>
    private static byte[] FromAsn1(byte[] ciphertext)
    {
        var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(ciphertext));
        if (sequence.Count != 4)
        {
            throw new FormatException("An SM2 ciphertext is a SEQUENCE of four elements.");
        }

        BigInteger x = DerInteger.GetInstance(sequence[0]).Value;
        BigInteger y = DerInteger.GetInstance(sequence[1]).Value;
        byte[] c3 = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
        byte[] c2 = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
        if (x.SignValue < 0 || y.SignValue < 0 || c3.Length != Sm3.HashSize || c2.Length == 0)
        {
            throw new FormatException("The SM2 ciphertext is malformed.");
        }

        return Arrays.ConcatenateAll(
            new byte[] { 0x04 },
            BigIntegers.AsUnsignedByteArray(CoordinateSize, x),
            BigIntegers.AsUnsignedByteArray(CoordinateSize, y),
            c3,
            c2);
    }
}
