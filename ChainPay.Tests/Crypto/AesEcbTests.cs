using System.Security.Cryptography;
using ChainPay.Crypto;

namespace ChainPay.Tests.Crypto;

/// <summary><see cref="AesEcb"/> against spec §7.3 and the §11.5 vectors.</summary>
[TestFixture]
public class AesEcbTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string RefundXml = "<root><out_refund_no>1</out_refund_no></root>";
    private const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $key and $iv whether or nor correct.";

    [TestCase("hello", Key, "pZwJZBLuy3mDACEQT4YTBw==")]
    [TestCase("", Key, "iqNiQf3o3wVNwyXGxpW4ng==")]
    [TestCase(RefundXml, "d96eb16afdd491fa1e705096edbc2205", "WBzGpzQuNpcFxIlFjUUD9E4Y0DBIc5UMWqrO1JXheTbkaBSpaWzN7BflhbDSKiFE")]
    public void VectorsEncryptAndDecrypt(string plaintext, string key, string ciphertext)
    {
        Assert.That(AesEcb.Encrypt(plaintext, key), Is.EqualTo(ciphertext));
        Assert.That(AesEcb.Decrypt(ciphertext, key), Is.EqualTo(plaintext));
    }

    [Test]
    public void TheRefundKeyIsTheMd5OfTheApiV2Key()
    {
        string key = Hash.Md5("192006250b4c09247ec02edce69f6a2d");
        Assert.That(key, Is.EqualTo("d96eb16afdd491fa1e705096edbc2205"));
        Assert.That(AesEcb.Encrypt(RefundXml, key), Is.EqualTo("WBzGpzQuNpcFxIlFjUUD9E4Y0DBIc5UMWqrO1JXheTbkaBSpaWzN7BflhbDSKiFE"));
    }

    [Test]
    public void TheIvIsIgnored()
    {
        Assert.That(AesEcb.Encrypt("hello", Key, "0123456789abcdef"), Is.EqualTo("pZwJZBLuy3mDACEQT4YTBw=="));
        Assert.That(AesEcb.Decrypt("pZwJZBLuy3mDACEQT4YTBw==", Key, "anything"), Is.EqualTo("hello"));
    }

    [Test]
    public void RoundTripsUtf8AndBlockMultiples()
    {
        foreach (string text in new[] { "张三李四", new string('a', 16), new string('b', 31), new string('c', 1000) })
        {
            string ciphertext = AesEcb.Encrypt(text, Key);
            int expectedLength = (System.Text.Encoding.UTF8.GetByteCount(text) / 16 + 1) * 16;
            Assert.That(Convert.FromBase64String(ciphertext), Has.Length.EqualTo(expectedLength));
            Assert.That(AesEcb.Decrypt(ciphertext, Key), Is.EqualTo(text));
        }
    }

    [TestCase("")]
    [TestCase("0123456789abcdef")]
    [TestCase("0123456789abcdef0123456789abcde")]
    [TestCase("0123456789abcdef0123456789abcdef0")]
    public void TheKeyMustBe32Bytes(string key)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => AesEcb.Encrypt("hello", key));
        Assert.That(e!.ParamName, Is.EqualTo("key"));
        e = Assert.Throws<InvalidArgumentException>(() => AesEcb.Decrypt("pZwJZBLuy3mDACEQT4YTBw==", key));
        Assert.That(e!.ParamName, Is.EqualTo("key"));
    }

    [Test]
    public void TheKeyLengthIsCountedInUtf8Bytes()
    {
        // 16 Chinese characters = 48 UTF-8 bytes, although the string is 16 characters long.
        var e = Assert.Throws<InvalidArgumentException>(() => AesEcb.Encrypt("hello", new string('中', 16)));
        Assert.That(e!.ParamName, Is.EqualTo("key"));
    }

    [TestCase("pZwJZBLuy3mDACEQT4YT")]
    [TestCase("not base64!")]
    [TestCase("AAAA")]
    public void MalformedCiphertextFailsWithThePhpMessage(string ciphertext)
    {
        var e = Assert.Throws<CryptographicException>(() => AesEcb.Decrypt(ciphertext, Key));
        Assert.That(e!.Message, Is.EqualTo(DecryptFailed));
    }

    [Test]
    public void AWrongKeyFailsThePaddingCheck()
    {
        var e = Assert.Throws<CryptographicException>(() => AesEcb.Decrypt("pZwJZBLuy3mDACEQT4YTBw==", "fedcba9876543210fedcba9876543210"));
        Assert.That(e!.Message, Is.EqualTo(DecryptFailed));
    }
}
