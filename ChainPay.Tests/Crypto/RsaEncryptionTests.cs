using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Crypto;

/// <summary><see cref="Rsa"/> OAEP (SHA-1) encryption and decryption, cross-checked with the BCL and the openssl CLI.</summary>
[TestFixture]
public class RsaEncryptionTests : KeyInputsFixture
{
    [Test]
    public void OaepRoundTripsChineseTextThroughTheCertificate()
    {
        string ciphertext = Rsa.Encrypt("张三", TestKeys.Certificate);
        Assert.That(Convert.FromBase64String(ciphertext), Has.Length.EqualTo(256));
        Assert.That(Rsa.Decrypt(ciphertext, TestKeys.Pkcs8PrivateKey), Is.EqualTo("张三"));

        // OAEP is randomised: the same plaintext never encrypts the same way twice.
        Assert.That(Rsa.Encrypt("张三", TestKeys.Certificate), Is.Not.EqualTo(ciphertext));
    }

    [Test]
    public void OaepIsSha1AndInteroperatesWithTheBcl()
    {
        using var reference = KeyInputs.Reference();
        byte[] plaintext = Encoding.UTF8.GetBytes("hello");

        string sha1 = Convert.ToBase64String(reference.Encrypt(plaintext, RSAEncryptionPadding.OaepSHA1));
        Assert.That(Rsa.Decrypt(sha1, TestKeys.Pkcs8PrivateKey), Is.EqualTo("hello"));
        Assert.That(Rsa.Decrypt(sha1, TestKeys.Pkcs8PrivateKey, RSAEncryptionPadding.OaepSHA1), Is.EqualTo("hello"));

        string sha256 = Convert.ToBase64String(reference.Encrypt(plaintext, RSAEncryptionPadding.OaepSHA256));
        var e = Assert.Throws<CryptographicException>(() => Rsa.Decrypt(sha256, TestKeys.Pkcs8PrivateKey));
        Assert.That(e!.Message, Is.EqualTo(RsaVectors.DecryptFailed));

        byte[] ours = Convert.FromBase64String(Rsa.Encrypt("hello", TestKeys.SpkiPublicKey));
        Assert.That(reference.Decrypt(ours, RSAEncryptionPadding.OaepSHA1), Is.EqualTo(plaintext));
    }

    [TestCaseSource(nameof(RefusedPaddings))]
    public void OnlyOaepSha1IsAccepted(RSAEncryptionPadding padding)
    {
        string expected = RsaVectors.ArgumentMessage($"Here's only support the OPENSSL_PKCS1_OAEP_PADDING(4) mode, yours({padding}).", "padding");

        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.Encrypt("hello", TestKeys.Certificate, padding));
        Assert.That(e!.Message, Is.EqualTo(expected));
        Assert.That(e.ParamName, Is.EqualTo("padding"));

        string ciphertext = Rsa.Encrypt("hello", TestKeys.Certificate);
        e = Assert.Throws<InvalidArgumentException>(() => Rsa.Decrypt(ciphertext, TestKeys.Pkcs8PrivateKey, padding));
        Assert.That(e!.Message, Is.EqualTo(expected));
        Assert.That(e.ParamName, Is.EqualTo("padding"));
    }

    [Test]
    public void ThePkcs1PaddingMessageNamesIt()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.Encrypt("hello", TestKeys.Certificate, RSAEncryptionPadding.Pkcs1));
        Assert.That(e!.Message, Is.EqualTo(RsaVectors.ArgumentMessage("Here's only support the OPENSSL_PKCS1_OAEP_PADDING(4) mode, yours(Pkcs1).", "padding")));
    }

    [Test]
    public void EncryptionFailuresUseThePhpMessages()
    {
        var e = Assert.Throws<CryptographicException>(() => Rsa.Encrypt(new string('x', 300), TestKeys.Certificate));
        Assert.That(e!.Message, Is.EqualTo("Encrypting the input $plaintext failed, please checking your $publicKey whether or nor correct."));

        e = Assert.Throws<CryptographicException>(() => Rsa.Decrypt("not base64!", TestKeys.Pkcs8PrivateKey));
        Assert.That(e!.Message, Is.EqualTo(RsaVectors.DecryptFailed));

        e = Assert.Throws<CryptographicException>(() => Rsa.Decrypt(Convert.ToBase64String(new byte[256]), TestKeys.Pkcs8PrivateKey));
        Assert.That(e!.Message, Is.EqualTo(RsaVectors.DecryptFailed));
    }

    [Test]
    public void OpenSslDecryptsOurOaepCiphertext()
    {
        string openssl = OpenSsl.PathOrIgnore();
        string ciphertextPath = Path.Combine(inputs.Directory, "ours.bin");
        string plaintextPath = Path.Combine(inputs.Directory, "ours.txt");
        File.WriteAllBytes(ciphertextPath, Convert.FromBase64String(Rsa.Encrypt("张三 hello", TestKeys.Certificate)));

        OpenSsl.Run(openssl, "pkeyutl", "-decrypt", "-inkey", inputs.Pkcs8Path, "-in", ciphertextPath, "-out", plaintextPath,
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1");

        Assert.That(File.ReadAllText(plaintextPath, Encoding.UTF8), Is.EqualTo("张三 hello"));
    }

    [Test]
    public void WeDecryptOpenSslOaepSha1ButNotOaepSha256()
    {
        string openssl = OpenSsl.PathOrIgnore();
        string plaintextPath = Path.Combine(inputs.Directory, "hello.txt");
        File.WriteAllText(plaintextPath, "hello");

        string sha1Path = Path.Combine(inputs.Directory, "sha1.bin");
        OpenSsl.Run(openssl, "pkeyutl", "-encrypt", "-pubin", "-inkey", inputs.SpkiPath, "-in", plaintextPath, "-out", sha1Path,
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1");
        Assert.That(Rsa.Decrypt(Convert.ToBase64String(File.ReadAllBytes(sha1Path)), TestKeys.Pkcs8PrivateKey), Is.EqualTo("hello"));

        string sha256Path = Path.Combine(inputs.Directory, "sha256.bin");
        OpenSsl.Run(openssl, "pkeyutl", "-encrypt", "-pubin", "-inkey", inputs.SpkiPath, "-in", plaintextPath, "-out", sha256Path,
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256");
        Assert.Throws<CryptographicException>(() => Rsa.Decrypt(Convert.ToBase64String(File.ReadAllBytes(sha256Path)), TestKeys.Pkcs8PrivateKey));
    }

    private static IEnumerable<RSAEncryptionPadding> RefusedPaddings()
    {
        yield return RSAEncryptionPadding.Pkcs1;
        yield return RSAEncryptionPadding.OaepSHA256;
        yield return RSAEncryptionPadding.OaepSHA384;
        yield return RSAEncryptionPadding.OaepSHA512;
    }

    [Test]
    public async Task DecryptAsync_DecryptsWithAKeyHeldElsewhere()
    {
        var held = new KeySigner(Rsa.From(TestKeys.Pkcs8PrivateKey));
        var ciphertext = Rsa.Encrypt("张三", Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic));
        Assert.That(await Rsa.DecryptAsync(ciphertext, held), Is.EqualTo("张三"));
    }

    [Test]
    public void DecryptAsync_FailsWithPhpsMessage_OnNotBase64_AndOnTheHoldersFailure()
    {
        var held = new KeySigner(Rsa.From(TestKeys.Pkcs8PrivateKey));
        const string Message = "Decrypting the input $ciphertext failed, please checking your $privateKey whether or nor correct.";
        Assert.That(Assert.ThrowsAsync<CryptographicException>(() => Rsa.DecryptAsync("not base64!", held))!.Message, Is.EqualTo(Message));
        held.Failure = new CryptographicException("CKR_ENCRYPTED_DATA_INVALID");
        var e = Assert.ThrowsAsync<CryptographicException>(() => Rsa.DecryptAsync(Convert.ToBase64String(new byte[256]), held));
        Assert.That((e!.Message, e.InnerException!.Message), Is.EqualTo((Message, "CKR_ENCRYPTED_DATA_INVALID")));
        Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => Rsa.DecryptAsync("x", null!))!.ParamName, Is.EqualTo("decryptor"));
    }
}
