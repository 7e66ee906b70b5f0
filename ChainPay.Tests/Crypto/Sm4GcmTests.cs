using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace ChainPay.Tests.Crypto;

/// <summary><see cref="Sm4Gcm"/>: the SM4 block vector, the RFC 8998 SM4-GCM vector, WeChat's key derivation, round trips.</summary>
public class Sm4GcmTests
{
    private const string ApiV3Key = "0123456789abcdef0123456789abcdef";

    private static byte[] FromHex(string hex) => Convert.FromHexString(hex);

    [Test]
    public void TheBouncyCastleEngineReproducesTheGmt0002BlockVector()
    {
        byte[] key = FromHex("0123456789abcdeffedcba9876543210");
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        var block = new byte[16];
        engine.ProcessBlock(key, 0, block, 0);
        Assert.That(Convert.ToHexString(block).ToLowerInvariant(), Is.EqualTo("681edf34d206965e86b3e94f536e4246"));
    }

    [Test]
    public void TheRfc8998Vector()
    {
        byte[] key = FromHex("0123456789ABCDEFFEDCBA9876543210");
        byte[] nonce = FromHex("00001234567800000000ABCD");
        byte[] aad = FromHex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        byte[] plaintext = FromHex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        byte[] expected = FromHex(
            "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
            + "83DE3541E4C2B58177E065A9BF7B62EC");

        Assert.That(Sm4Gcm.Encrypt(plaintext, key, nonce, aad), Is.EqualTo(expected));
        Assert.That(Sm4Gcm.Decrypt(expected, key, nonce, aad), Is.EqualTo(plaintext));
    }

    [Test]
    public void TheApiV3KeyDerivation_ReproducesWeChatPayJavasShangmiVector()
    {
        // wechatpay-java's shangmi tests (an independent implementation of the same scheme): an APIv3 key, a nonce,
        // an AAD and a plaintext, and the ciphertext WeChat Pay's SM4-GCM produces for them.
        const string key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
        const string sealedText = "+lcLNfkZQQx+iQm20Apa3x9Mb/5L7PgZ7w==";
        Assert.That(Sm4Gcm.Encrypt("plaintext", key, "uluk4a9R25RW", "associatedData"), Is.EqualTo(sealedText));
        Assert.That(Sm4Gcm.Decrypt(sealedText, key, "uluk4a9R25RW", "associatedData"), Is.EqualTo("plaintext"));
    }

    [Test]
    public void TheDerivedKey_IsTheFirstHalfOfTheKeysSm3Digest()
    {
        // Computed with BouncyCastle's SM3 directly, not ChainPay's Sm3 (whose own vectors are in Sm3Tests).
        var digest = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
        var input = Encoding.UTF8.GetBytes(ApiV3Key);
        digest.BlockUpdate(input, 0, input.Length);
        var full = new byte[32];
        digest.DoFinal(full, 0);
        Assert.That(Sm4Gcm.DeriveKey(ApiV3Key), Is.EqualTo(full.Take(16).ToArray()));
    }

    [TestCase("hello wechatpay", "0123456789abcdef", "0123456789ab", "certificate")]
    [TestCase("", "0123456789abcdef", "0123456789ab", "")]
    [TestCase("{\"mchid\":\"1900000001\",\"名\":\"值\"}", ApiV3Key, "0123456789abcdef", "transaction")]
    public void RoundTrips(string plaintext, string key, string nonce, string aad)
    {
        string sealedText = Sm4Gcm.Encrypt(plaintext, key, nonce, aad);
        Assert.That(Convert.FromBase64String(sealedText), Has.Length.EqualTo(Encoding.UTF8.GetByteCount(plaintext) + Sm4Gcm.TagSize));
        Assert.That(Sm4Gcm.Decrypt(sealedText, key, nonce, aad), Is.EqualTo(plaintext));
    }

    [Test]
    public void TamperingWrongKeyNonceOrAadFail()
    {
        string sealedText = Sm4Gcm.Encrypt("hello wechatpay", ApiV3Key, "0123456789ab", "transaction");
        byte[] flipped = Convert.FromBase64String(sealedText);
        flipped[0] ^= 1;

        Assert.Multiple(() =>
        {
            AssertDecryptFails(() => Sm4Gcm.Decrypt(Convert.ToBase64String(flipped), ApiV3Key, "0123456789ab", "transaction"));
            AssertDecryptFails(() => Sm4Gcm.Decrypt(sealedText, "fedcba9876543210fedcba9876543210", "0123456789ab", "transaction"));
            AssertDecryptFails(() => Sm4Gcm.Decrypt(sealedText, ApiV3Key, "0123456789ac", "transaction"));
            AssertDecryptFails(() => Sm4Gcm.Decrypt(sealedText, ApiV3Key, "0123456789ab", "certificate"));
            AssertDecryptFails(() => Sm4Gcm.Decrypt("not base64!", ApiV3Key, "0123456789ab", "transaction"));
        });
    }

    [Test]
    public void BadArgumentsAreNamed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<InvalidArgumentException>(() => Sm4Gcm.Encrypt("x", "short", "nonce"))!.ParamName, Is.EqualTo("key"));
            Assert.That(Assert.Throws<InvalidArgumentException>(() => Sm4Gcm.Encrypt(new byte[1], new byte[32], new byte[12]))!.ParamName, Is.EqualTo("key"));
            Assert.That(Assert.Throws<InvalidArgumentException>(() => Sm4Gcm.Encrypt("x", ApiV3Key, ""))!.ParamName, Is.EqualTo("nonce"));
            Assert.That(Assert.Throws<InvalidArgumentException>(() => Sm4Gcm.Decrypt("AAA=", ApiV3Key, "0123456789ab"))!.ParamName, Is.EqualTo("ciphertext"));
            Assert.Throws<ArgumentNullException>(() => Sm4Gcm.Decrypt((string)null!, ApiV3Key, "0123456789ab"));
            Assert.Throws<ArgumentNullException>(() => Sm4Gcm.Encrypt((string)null!, ApiV3Key, "0123456789ab"));
        });
    }

    [Test]
    public void MessagesNeverCarryTheKey()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Sm4Gcm.Encrypt("x", "secret-key-material", "nonce"));
        Assert.That(e!.Message, Does.Not.Contain("secret-key-material"));
        var d = Assert.Throws<CryptographicException>(() => Sm4Gcm.Decrypt(Sm4Gcm.Encrypt("x", ApiV3Key, "n"), "fedcba9876543210", "n"));
        Assert.That(d!.Message, Does.Not.Contain("fedcba9876543210"));
    }

    private static void AssertDecryptFails(TestDelegate action)
    {
        var e = Assert.Throws<CryptographicException>(action);
        Assert.That(e!.Message, Is.EqualTo("Decrypting the input $ciphertext failed, please checking your $key and $nonce whether or nor correct."));
    }
}
