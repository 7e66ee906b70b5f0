using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto.Internal;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Tests.Crypto;

/// <summary><see cref="AesGcm"/> against spec §7.2 and the §11.5 vectors, through the public API and each cipher.</summary>
[TestFixture]
public class AesGcmTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $key and $iv whether or nor correct.";
    private const string Incomplete = "The inputs `$ciphertext` incomplete, the bytes length must be one of 16, 15, 14, 13, 12, 8 or 4.";

    private static readonly object[] Vectors =
    {
        new object[] { "hello wechatpay", "0123456789ab", "certificate", "8cyLVizq736WbULJw2UFICyJIrZksUQnnGU0OXXtlA==" },
        new object[] { "", "0123456789ab", "", "UCgvHX2BYpnZ2rOmVMPFAw==" },
        new object[] { "hello wechatpay", "0123456789abcdef", "", "APoZlYqc0/fwsIdBd7P+nE0Sb6EsFTL9o6PpMmvquQ==" },
    };

    private static readonly object[] TwelveByteIvVectors = { Vectors[0], Vectors[1] };

    [TestCaseSource(nameof(Vectors))]
    public void VectorsEncrypt(string plaintext, string iv, string aad, string expected)
    {
        Assert.That(AesGcm.Encrypt(plaintext, Key, iv, aad), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Vectors))]
    public void VectorsDecrypt(string plaintext, string iv, string aad, string ciphertext)
    {
        Assert.That(AesGcm.Decrypt(ciphertext, Key, iv, aad), Is.EqualTo(plaintext));
    }

    [TestCaseSource(nameof(Vectors))]
    public void TheBouncyCipherReproducesEveryVector(string plaintext, string iv, string aad, string expected)
    {
        AssertCipherReproduces(BouncyGcmCipher.Instance, plaintext, iv, aad, expected);
    }

    [TestCaseSource(nameof(TwelveByteIvVectors))]
    public void TheBclCipherReproducesTheTwelveByteIvVectors(string plaintext, string iv, string aad, string expected)
    {
        AssertCipherReproduces(BclGcmCipher.Instance, plaintext, iv, aad, expected);
    }

    [Test]
    public void TheBclIsPreferredOnlyForTwelveByteIvsAndFullTags()
    {
        Assert.That(AesGcm.Select(12, 16), Is.SameAs(BclGcmCipher.Instance));
        Assert.That(AesGcm.Select(16, 16), Is.SameAs(BouncyGcmCipher.Instance));
        Assert.That(AesGcm.Select(12, 12), Is.SameAs(BouncyGcmCipher.Instance));
        Assert.That(AesGcm.Select(8, 16), Is.SameAs(BouncyGcmCipher.Instance));
    }

    [Test]
    public void ForcingTheBclCipherOnASixteenByteIvIsRefused()
    {
        byte[] key = Encoding.UTF8.GetBytes(Key);
        byte[] iv = Encoding.UTF8.GetBytes("0123456789abcdef");
        Assert.Throws<NotSupportedException>(() => AesGcm.Encrypt(new byte[1], key, iv, null, BclGcmCipher.Instance));
    }

    [TestCase("bcl")]
    [TestCase("bouncy")]
    public void EachCipherDetectsTampering(string name)
    {
        IGcmCipher cipher = name == "bcl" ? BclGcmCipher.Instance : BouncyGcmCipher.Instance;
        byte[] key = Encoding.UTF8.GetBytes(Key);
        byte[] iv = Encoding.UTF8.GetBytes("0123456789ab");
        byte[] aad = Encoding.UTF8.GetBytes("certificate");
        byte[] sealedBytes = AesGcm.Encrypt(Encoding.UTF8.GetBytes("hello wechatpay"), key, iv, aad, cipher);

        Assert.That(AesGcm.Decrypt(sealedBytes, key, iv, aad, cipher), Is.EqualTo(Encoding.UTF8.GetBytes("hello wechatpay")));

        byte[] flipped = (byte[])sealedBytes.Clone();
        flipped[0] ^= 1;
        var e = Assert.Throws<CryptographicException>(() => AesGcm.Decrypt(flipped, key, iv, aad, cipher));
        Assert.That(e!.Message, Is.EqualTo(DecryptFailed));

        e = Assert.Throws<CryptographicException>(() => AesGcm.Decrypt(sealedBytes, key, iv, Encoding.UTF8.GetBytes("certificatE"), cipher));
        Assert.That(e!.Message, Is.EqualTo(DecryptFailed));
    }

    [Test]
    public void AWrongAadFailsWithThePhpMessage()
    {
        var e = Assert.Throws<CryptographicException>(() => AesGcm.Decrypt("8cyLVizq736WbULJw2UFICyJIrZksUQnnGU0OXXtlA==", Key, "0123456789ab", "transaction"));
        Assert.That(e!.Message, Is.EqualTo(DecryptFailed));

        e = Assert.Throws<CryptographicException>(() => AesGcm.Decrypt("8cyLVizq736WbULJw2UFICyJIrZksUQnnGU0OXXtlA==", Key, "0123456789ab"));
        Assert.That(e!.Message, Is.EqualTo(DecryptFailed));
    }

    [Test]
    public void AWrongIvOrKeyFails()
    {
        Assert.Throws<CryptographicException>(() => AesGcm.Decrypt("8cyLVizq736WbULJw2UFICyJIrZksUQnnGU0OXXtlA==", Key, "0123456789ac", "certificate"));
        Assert.Throws<CryptographicException>(() => AesGcm.Decrypt("8cyLVizq736WbULJw2UFICyJIrZksUQnnGU0OXXtlA==", "0123456789abcdef0123456789abcdeF", "0123456789ab", "certificate"));
        Assert.Throws<CryptographicException>(() => AesGcm.Decrypt("APoZlYqc0/fwsIdBd7P+nE0Sb6EsFTL9o6PpMmvquQ==", Key, "0123456789abcdeF"));
    }

    [TestCase("AAA=")]
    [TestCase("")]
    [TestCase("AQ==")]
    [TestCase("AAAAAAAAAAAAAAA=")]
    public void TooShortInputsFailTheTagLengthCheck(string ciphertext)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => AesGcm.Decrypt(ciphertext, Key, "0123456789ab"));
        Assert.That(e!.Message, Is.EqualTo(new ArgumentException(Incomplete, "ciphertext").Message));
        Assert.That(e.ParamName, Is.EqualTo("ciphertext"));
    }

    [TestCase(16)]
    [TestCase(15)]
    [TestCase(14)]
    [TestCase(13)]
    [TestCase(12)]
    [TestCase(8)]
    [TestCase(4)]
    public void TruncatedTagsOfTheAllowedLengthsAuthenticate(int length)
    {
        // An empty plaintext's output is its tag; GCM's truncated tags are its prefixes.
        byte[] tag = Convert.FromBase64String("UCgvHX2BYpnZ2rOmVMPFAw==");
        string truncated = Convert.ToBase64String(tag, 0, length);
        Assert.That(AesGcm.Decrypt(truncated, Key, "0123456789ab"), Is.Empty);

        byte[] forged = Convert.FromBase64String(truncated);
        forged[length - 1] ^= 0x80;
        Assert.Throws<CryptographicException>(() => AesGcm.Decrypt(Convert.ToBase64String(forged), Key, "0123456789ab"));
    }

    [TestCase(11)]
    [TestCase(10)]
    [TestCase(9)]
    [TestCase(7)]
    [TestCase(6)]
    [TestCase(5)]
    [TestCase(3)]
    [TestCase(1)]
    public void TagLengthsOutsideTheListAreRefused(int length)
    {
        byte[] tag = Convert.FromBase64String("UCgvHX2BYpnZ2rOmVMPFAw==");
        var e = Assert.Throws<InvalidArgumentException>(() => AesGcm.Decrypt(Convert.ToBase64String(tag, 0, length), Key, "0123456789ab"));
        Assert.That(e!.ParamName, Is.EqualTo("ciphertext"));
    }

    [Test]
    public void NonBase64InputFailsToDecrypt()
    {
        var e = Assert.Throws<CryptographicException>(() => AesGcm.Decrypt("not base64!", Key, "0123456789ab"));
        Assert.That(e!.Message, Is.EqualTo(DecryptFailed));
    }

    [TestCase("")]
    [TestCase("0123456789abcdef")]
    [TestCase("0123456789abcdef0123456789abcde")]
    [TestCase("0123456789abcdef0123456789abcdef0")]
    public void TheKeyMustBe32Bytes(string key)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => AesGcm.Encrypt("hello", key, "0123456789ab"));
        Assert.That(e!.ParamName, Is.EqualTo("key"));
        e = Assert.Throws<InvalidArgumentException>(() => AesGcm.Decrypt("UCgvHX2BYpnZ2rOmVMPFAw==", key, "0123456789ab"));
        Assert.That(e!.ParamName, Is.EqualTo("key"));
    }

    [Test]
    public void TheIvMustNotBeEmpty()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => AesGcm.Encrypt("hello", Key));
        Assert.That(e!.ParamName, Is.EqualTo("iv"));
        e = Assert.Throws<InvalidArgumentException>(() => AesGcm.Decrypt("UCgvHX2BYpnZ2rOmVMPFAw==", Key));
        Assert.That(e!.ParamName, Is.EqualTo("iv"));
    }

    [Test]
    public void ByteOverloadsMatchTheStringOverloads()
    {
        byte[] key = Encoding.UTF8.GetBytes(Key);
        byte[] iv = Encoding.UTF8.GetBytes("0123456789ab");
        byte[] sealedBytes = AesGcm.Encrypt(Encoding.UTF8.GetBytes("hello wechatpay"), key, iv, Encoding.UTF8.GetBytes("certificate"));
        Assert.That(Convert.ToBase64String(sealedBytes), Is.EqualTo("8cyLVizq736WbULJw2UFICyJIrZksUQnnGU0OXXtlA=="));
        Assert.That(AesGcm.Decrypt(sealedBytes, key, iv, Encoding.UTF8.GetBytes("certificate")), Is.EqualTo(Encoding.UTF8.GetBytes("hello wechatpay")));

        // A null AAD is the empty AAD.
        Assert.That(Convert.ToBase64String(AesGcm.Encrypt(Array.Empty<byte>(), key, iv)), Is.EqualTo("UCgvHX2BYpnZ2rOmVMPFAw=="));
    }

    [TestCase(12)]
    [TestCase(16)]
    [TestCase(1)]
    [TestCase(64)]
    public void RandomKeysAndIvsRoundTripWithAndWithoutAad(int ivLength)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] iv = RandomNumberGenerator.GetBytes(ivLength);
        byte[] plaintext = RandomNumberGenerator.GetBytes(1000);
        byte[] aad = RandomNumberGenerator.GetBytes(20);

        foreach (byte[]? associated in new[] { aad, null })
        {
            byte[] sealedBytes = AesGcm.Encrypt(plaintext, key, iv, associated);
            Assert.That(sealedBytes, Has.Length.EqualTo(plaintext.Length + 16));
            Assert.That(AesGcm.Decrypt(sealedBytes, key, iv, associated), Is.EqualTo(plaintext));

            // Both implementations agree wherever both apply.
            Assert.That(AesGcm.Encrypt(plaintext, key, iv, associated, BouncyGcmCipher.Instance), Is.EqualTo(sealedBytes));
        }
    }

    private static void AssertCipherReproduces(IGcmCipher cipher, string plaintext, string iv, string aad, string expected)
    {
        byte[] key = Encoding.UTF8.GetBytes(Key);
        byte[] ivBytes = Encoding.UTF8.GetBytes(iv);
        byte[] aadBytes = Encoding.UTF8.GetBytes(aad);
        byte[] sealedBytes = AesGcm.Encrypt(Encoding.UTF8.GetBytes(plaintext), key, ivBytes, aadBytes, cipher);
        Assert.That(Convert.ToBase64String(sealedBytes), Is.EqualTo(expected));
        Assert.That(AesGcm.Decrypt(Convert.FromBase64String(expected), key, ivBytes, aadBytes, cipher), Is.EqualTo(Encoding.UTF8.GetBytes(plaintext)));
    }
}
