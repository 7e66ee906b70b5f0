using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Crypto;

/// <summary>The public <see cref="Rsa"/> API (default key loader) against the spec's §7.1 behaviour and §11.4 vectors.</summary>
[TestFixture]
public class RsaTests
{
    private KeyInputs inputs = null!;

    [OneTimeSetUp]
    public void CreateInputs() => inputs = new KeyInputs();

    [OneTimeTearDown]
    public void DeleteInputs() => inputs.Dispose();

    [Test]
    public void KeyTypeConstantsMatchPhp()
    {
        Assert.That(Rsa.KeyTypePublic, Is.EqualTo("public"));
        Assert.That(Rsa.KeyTypePrivate, Is.EqualTo("private"));
    }

    [Test]
    public void SignOfParts_IsTheSignatureOfTheirConcatenation()
    {
        using var key = Rsa.From(TestKeys.Pkcs8PrivateKey);
        using var pub = Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic);
        var head = Encoding.UTF8.GetBytes("POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n");
        var body = Encoding.UTF8.GetBytes("{\"description\":\"Image形象店-深圳腾大-QQ公仔\"}");
        var tail = new[] { (byte)'\n' };
        var whole = head.Concat(body).Concat(tail).ToArray();
        var signature = Rsa.Sign(head, body, tail, key);
        Assert.That(signature, Is.EqualTo(Rsa.Sign(whole, key))); // PKCS#1 v1.5 is deterministic
        Assert.That(Rsa.Verify(whole, signature, pub), Is.True);
        Assert.That(Rsa.Sign(head, Array.Empty<byte>(), tail, key), Is.EqualTo(Rsa.Sign(head.Concat(tail).ToArray(), key)));
    }

    [Test]
    public void SignOfParts_WithAPublicKey_FailsWithPhpsMessage()
    {
        using var pub = Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic);
        var e = Assert.Throws<CryptographicException>(() => Rsa.Sign(new byte[] { 1 }, new byte[] { 2 }, new byte[] { 3 }, pub));
        Assert.That(e!.Message, Does.StartWith("Signing the input $message failed"));
    }

    [Test]
    public void TheDefaultLoaderOnModernTargetsIsTheBcl()
    {
        Assert.That(Rsa.DefaultLoader, Is.SameAs(ChainPay.Crypto.Internal.BclKeyLoader.Instance));
    }

    [Test]
    public void TheSpecPkcs1PublicKeyIsTheTestKeysPublicHalf()
    {
        using var reference = KeyInputs.Reference();
        Assert.That(KeyInputs.Body(KeyInputs.Pkcs1PublicKeyPem), Is.EqualTo(Convert.ToBase64String(reference.ExportRSAPublicKey())));
    }

    [Test]
    public void Pkcs1ToSpkiMatchesTheSpecVector()
    {
        string spki = Rsa.Pkcs1ToSpki(KeyInputs.Body(KeyInputs.Pkcs1PublicKeyPem));
        Assert.That(spki, Is.EqualTo(KeyInputs.Body(TestKeys.SpkiPublicKey)));
    }

    [Test]
    public void Pkcs1ToSpkiEqualsTheBclExport()
    {
        using var reference = KeyInputs.Reference();
        string spki = Rsa.Pkcs1ToSpki(Convert.ToBase64String(reference.ExportRSAPublicKey()));
        Assert.That(spki, Is.EqualTo(Convert.ToBase64String(reference.ExportSubjectPublicKeyInfo())));
    }

    [Test]
    public void Pkcs1ToSpkiIgnoresLineBreaksInTheBody()
    {
        string wrapped = string.Join("\n", KeyInputs.Pkcs1PublicKeyPem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        Assert.That(Rsa.Pkcs1ToSpki(wrapped), Is.EqualTo(KeyInputs.Body(TestKeys.SpkiPublicKey)));
    }

    [Test]
    public void Pkcs1ToSpkiUsesShortFormLengthsForSmallInputs()
    {
        byte[] der = Convert.FromBase64String(Rsa.Pkcs1ToSpki(Convert.ToBase64String(new byte[] { 1, 2, 3 })));
        byte[] expected =
        {
            0x30, 0x15,
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
            0x03, 0x04, 0x00, 0x01, 0x02, 0x03,
        };
        Assert.That(der, Is.EqualTo(expected));
    }

    [Test]
    public void Pkcs1ToSpkiRejectsNonBase64()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.Pkcs1ToSpki("not base64!"));
        Assert.That(e!.ParamName, Is.EqualTo("base64"));
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PrivateKinds))]
    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PrivateObjectKinds))]
    public void SignReproducesEveryVectorFromEveryPrivateInput(string kind)
    {
        object key = inputs.Private(kind);
        try
        {
            Assert.That(Rsa.Sign(RsaVectors.GetMessage, key), Is.EqualTo(RsaVectors.GetSignature));
            Assert.That(Rsa.Sign(RsaVectors.PostMessage, key), Is.EqualTo(RsaVectors.PostSignature));
            Assert.That(Rsa.Sign(RsaVectors.JsapiMessage, key), Is.EqualTo(RsaVectors.JsapiSignature));
        }
        finally
        {
            (key as IDisposable)?.Dispose();
        }
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PublicKinds))]
    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PublicObjectKinds))]
    public void VerifyAcceptsTheResponseSignatureWithEveryPublicInput(string kind)
    {
        object key = inputs.Public(kind);
        try
        {
            Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.ResponseSignature, key), Is.True);
            Assert.That(Rsa.Verify(RsaVectors.ResponseMessage + " ", RsaVectors.ResponseSignature, key), Is.False);
        }
        finally
        {
            (key as IDisposable)?.Dispose();
        }
    }

    [Test]
    public void FromReturnsTheSameRsaInstance()
    {
        using var rsa = KeyInputs.Reference();
        Assert.That(Rsa.From(rsa), Is.SameAs(rsa));
        Assert.That(Rsa.From(rsa, Rsa.KeyTypePublic), Is.SameAs(rsa));
    }

    [Test]
    public void FromCertificateGivesThePublicKeyOnly()
    {
        using var certificate = X509Certificate2.CreateFromPem(TestKeys.Certificate);
        using RSA key = Rsa.From(certificate, Rsa.KeyTypePublic);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.ResponseSignature, key), Is.True);

        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(certificate));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, "X509Certificate2")));
        Assert.That(e.ParamName, Is.EqualTo("thing"));
    }

    [Test]
    public void SugarLoadersUseTheBareBodies()
    {
        using RSA pkcs8 = Rsa.FromPkcs8(KeyInputs.Body(TestKeys.Pkcs8PrivateKey));
        using RSA pkcs1 = Rsa.FromPkcs1(KeyInputs.Body(inputs.Pkcs1PrivatePem));
        using RSA pkcs1Public = Rsa.FromPkcs1(KeyInputs.Body(KeyInputs.Pkcs1PublicKeyPem), Rsa.KeyTypePublic);
        using RSA spki = Rsa.FromSpki(KeyInputs.Body(TestKeys.SpkiPublicKey));

        Assert.That(Rsa.Sign(RsaVectors.GetMessage, pkcs8), Is.EqualTo(RsaVectors.GetSignature));
        Assert.That(Rsa.Sign(RsaVectors.GetMessage, pkcs1), Is.EqualTo(RsaVectors.GetSignature));
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.ResponseSignature, pkcs1Public), Is.True);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.ResponseSignature, spki), Is.True);
    }

    [Test]
    public void SugarLoadersRejectTheWrongKind()
    {
        Assert.Throws<InvalidArgumentException>(() => Rsa.FromPkcs8(KeyInputs.Body(TestKeys.SpkiPublicKey)));
        Assert.Throws<InvalidArgumentException>(() => Rsa.FromSpki(KeyInputs.Body(TestKeys.Pkcs8PrivateKey)));
        Assert.Throws<InvalidArgumentException>(() => Rsa.FromPkcs1(KeyInputs.Body(KeyInputs.Pkcs1PublicKeyPem)));
        Assert.Throws<InvalidArgumentException>(() => Rsa.FromPkcs1(KeyInputs.Body(TestKeys.Pkcs8PrivateKey), "other"));
    }

    [Test]
    public void SchemeStringsAreTypeBound()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From("public.spki://" + KeyInputs.Body(TestKeys.SpkiPublicKey)));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, "String")));

        e = Assert.Throws<InvalidArgumentException>(() => Rsa.From("private.pkcs8://" + KeyInputs.Body(TestKeys.Pkcs8PrivateKey), Rsa.KeyTypePublic));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(true, "String")));
    }

    [TestCase("")]
    [TestCase("secret")]
    [TestCase("PUBLIC")]
    [TestCase("Private")]
    public void FromRejectsAnUnknownType(string type)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(TestKeys.Pkcs8PrivateKey, type));
        Assert.That(e!.ParamName, Is.EqualTo("type"));
    }

    [Test]
    public void TheTypeErrorNeverEchoesTheTypeArgument()
    {
        // Arguments swapped by mistake: the key lands in `type` and must not reach the message.
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(Rsa.KeyTypePrivate, TestKeys.Pkcs8PrivateKey));
        Assert.That(e!.ParamName, Is.EqualTo("type"));
        KeyInputs.AssertNoSecrets(e, KeyInputs.Body(TestKeys.Pkcs8PrivateKey));
    }

    [TestCase(42, "Int32")]
    [TestCase(4.2, "Double")]
    [TestCase(true, "Boolean")]
    public void FromRejectsOtherTypesWithThePhpMessage(object thing, string kind)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(thing));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, kind)));
        Assert.That(e.ParamName, Is.EqualTo("thing"));

        e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(thing, Rsa.KeyTypePublic));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(true, kind)));
    }

    [Test]
    public void FromRejectsNullAndMalformedPairs()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(null!));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, "null")));

        e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(new[] { TestKeys.Pkcs8PrivateKey }));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, "String[]")));

        e = Assert.Throws<InvalidArgumentException>(() => Rsa.From((TestKeys.Pkcs8PrivateKey, (string)null!)));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, "ValueTuple`2")));
    }

    [Test]
    public void AMissingFileKeepsTheIoCauseButNoContent()
    {
        string path = Path.Combine(inputs.Directory, "missing.pem");
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From("file://" + path));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, "String")));
        Assert.That(e.InnerException, Is.InstanceOf<FileNotFoundException>());
    }

    [Test]
    public void VerifyReturnsFalseForBadSignatures()
    {
        string spki = TestKeys.SpkiPublicKey;
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, "not base64!", spki), Is.False);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, "", spki), Is.False);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, "AAAA", spki), Is.False);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.GetSignature, spki), Is.False);

        using var other = RSA.Create(2048);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.ResponseSignature, other), Is.False);
    }

    [Test]
    public void VerifyStillRejectsAnUnloadableKeyWhenTheSignatureIsBad()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.Verify(RsaVectors.ResponseMessage, "!", "public.spki://AAAA"));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(true, "String")));
    }

    [Test]
    public void SignWithAPublicOnlyKeyFailsWithThePhpMessage()
    {
        using RSA publicOnly = Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic);
        var e = Assert.Throws<CryptographicException>(() => Rsa.Sign(RsaVectors.GetMessage, publicOnly));
        Assert.That(e!.Message, Is.EqualTo("Signing the input $message failed, please checking your $privateKey whether or nor correct."));
    }

    [Test]
    public void InternalByteOverloadsMatchTheStringApi()
    {
        using RSA key = Rsa.From(TestKeys.Pkcs8PrivateKey);
        byte[] signature = Rsa.Sign(Encoding.UTF8.GetBytes(RsaVectors.PostMessage), key);
        Assert.That(Convert.ToBase64String(signature), Is.EqualTo(RsaVectors.PostSignature));
        Assert.That(Rsa.Verify(Encoding.UTF8.GetBytes(RsaVectors.PostMessage), signature, key), Is.True);
        Assert.That(Rsa.Verify(Encoding.UTF8.GetBytes(RsaVectors.GetMessage), signature, key), Is.False);
    }

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
    public void FailedLoadsThroughThePublicApiNeverLeakSecrets()
    {
        foreach ((object thing, string type) in inputs.LeakyFailures())
        {
            var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(thing, type).Dispose());
            inputs.AssertNoSecretsOfAnyKind(e!);
        }
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
}

/// <summary>The literal §11.4 messages and signatures.</summary>
internal static class RsaVectors
{
    public const string GetMessage = "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n";

    public const string GetSignature = "ZsLw+UeiMCHlReLndcx8uxxkGlpJXHz9iKhqt1/QtUDgWfH1pfL+bWVSasqwAjcLMAy1o2RmmBdXmdDEs/4oHaO672DF1TIn6du5e10gbCgvyf1SHL1X8oVP7AS6EgggSQMAnw0i84+ne32UFNOD1a6IpG92E59SNhZOvcvDyedsdBvZSWkxX2G0T/XsMcB3XW0qVQZldZrHQI8QiibVCbJKRct11saIoQtNUrtgXNietxQv2xjfzdgvw5GoJ2Lpl3MalBaDaUk7bpu7iye+CH77iSCyJzqWK1FpRJPFiOaoRXhm6TVbCj9vHKsnzqFKjxtQ8rW5s61aMeGm2OqtsA==";

    public const string PostMessage = "POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{\"mchid\":\"1900006XXX\"}\n";

    public const string PostSignature = "KssGmDTsxA6SWH5GfsHZRIbXyw9IwcgGS3jSZJDK0XuSb6oFHK+ef0rdm+ZH/aSPPr5V/OUvG7/AqzfgPofSXqsRWf40bikpFQSE+DsCMsmymwbUl3SnrDjRggmR1eCkqsJHo0b9M7LGziWjDMGchSeIr6Ge5cwDLIk9PO/rlBhtKIf6Dp95Aecyjg1djj/zG/fwaJduDObl/mmOF/vVdHcXzEuv883tBiBqn4tXxFHTI8yzVFevl7hVVoUFTz+42Qj+PsG5HuWVFlFo5Bf+9B2Y39UCU+TZzkgOFMi3k09vJRicK6vaRllKHs6EzPoH9mkv50Ae4OJwLfHV5g50YA==";

    public const string ResponseMessage = "1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n{\"data\":[]}\n";

    public const string ResponseSignature = "nk7ZDENARVvGF0nAotOAlrWhV7oDevJeHu/CNQo8nP5w0RRymNjCJgiEQoHsvScTAO3H87ira6XP0aklr9xvp3CPfWOVdlztww/rsYc2f1IMH59fcYj1s6WOwaZ1ZRHCX4AlAVb195jTNM1yU2R0gx18HJVYOZUGTE1byDHBuGnkgcC4I9dcFBtWUSJzOX6HwRA5hSrmJfWJSS2W5I6oiGweTswAN+8mPxqHp/nooVHUiGCQITmDoJIW8ciT5uyTfrPp0VNQOXmUgH4GDGHLsXSBdbqU8oe7x7pQgIj6ADdGy7aBNv6XzZtVDlFiB3t2kchgUx0/G1086xmpM2aTQg==";

    public const string JsapiMessage = "wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n";

    public const string JsapiSignature = "mFUROH3oLViGLlEfX/hjOQ1FV+0M8VfDIzv+1kwb0z+dd0yV0Zldhf5kWRU1vSKyzzhFgUkUCOZKkHfEC4DTqfKKtuK4pQVC05Q384ej35UqPwzp6DrVe+cR07rG49Jxh2PbxrdS+MlDICDzbOR2xAQAxnyikFarzV7cNFrOpxFOX9CnqOAZ5AaaBDozdnm0aqCBoGdJv/Z156w1Z5OxZvRWj0BgC/w993JRyN6APQrH3BMjZBwwnWViWboZVqqDlmno8qvx4bORzDi+j4D12vARj6NC/bVLnmfDpPmFZEQ5s5KNcftQ9dTeObz0n+mdqmDUgocjhYc5cZa7hmR36g==";

    public const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $privateKey whether or nor correct.";

    /// <summary>
    /// PHP's message, with its literal backslash (the PHP source is a single-quoted string): every key-loading failure
    /// starts with it, then says what was found and what was expected.
    /// </summary>
    public static string CannotLoad(bool isPublic, string kind) =>
        $"Cannot load {(isPublic ? "publicKey" : "privateKey")} from({kind}), please take care about the \\$thing input. ";

    /// <summary>How an <see cref="ArgumentException"/> (and so <see cref="InvalidArgumentException"/>) renders a message.</summary>
    public static string ArgumentMessage(string message, string paramName) => new ArgumentException(message, paramName).Message;
}

/// <summary>
/// Every key input kind of spec §7.1 for the §11.4 test key, with the files they need in a private temp directory.
/// </summary>
internal sealed class KeyInputs : IDisposable
{
    /// <summary>The spec's PKCS#1 public key.</summary>
    public const string Pkcs1PublicKeyPem = TestKeys.Pkcs1PublicKey;

    public const string Passphrase = "ChainPay-test-passphrase-9c1e";
    public const string WrongPassphrase = "Wrong-passphrase-77ab";

    /// <summary>Private inputs that go through a key loader.</summary>
    public static readonly string[] PrivateKinds =
    {
        "PKCS#8 PEM", "PKCS#8 PEM (CRLF)", "PKCS#1 PEM", "file:// PKCS#8", "file:// PKCS#1",
        "private.pkcs8://", "private.pkcs1://",
        "encrypted PKCS#8 (tuple)", "encrypted PKCS#8 (array)", "encrypted PKCS#8 file:// (tuple)",
        "encrypted PKCS#8 AES-128/SHA-1 (tuple)", "encrypted PKCS#8 3DES/PKCS#12 (tuple)",
        "unencrypted PKCS#8 with passphrase (tuple)", "certificate + PKCS#8 bundle",
    };

    /// <summary>Private inputs handled without a loader.</summary>
    public static readonly string[] PrivateObjectKinds = { "RSA instance", "X509Certificate2 with private key" };

    /// <summary>Public inputs that go through a key loader.</summary>
    public static readonly string[] PublicKinds =
    {
        "SPKI file://", "SPKI PEM", "SPKI PEM (CRLF)", "PKCS#1 public PEM", "PKCS#1 public file://",
        "public.spki://", "public.pkcs1://", "certificate file://", "certificate PEM", "certificate PEM (CRLF)",
        "certificate + PKCS#8 bundle",
    };

    /// <summary>Public inputs handled without a loader.</summary>
    public static readonly string[] PublicObjectKinds = { "RSA instance", "X509Certificate2" };

    public KeyInputs()
    {
        Directory = Path.Combine(Path.GetTempPath(), "chainpay-crypto-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);

        using var reference = Reference();
        Pkcs1PrivatePem = reference.ExportRSAPrivateKeyPem();
        EncryptedPkcs8Pem = reference.ExportEncryptedPkcs8PrivateKeyPem(
            Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048));
        EncryptedPkcs8Sha1Pem = reference.ExportEncryptedPkcs8PrivateKeyPem(
            Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA1, 1000));
        EncryptedPkcs8TripleDesPem = reference.ExportEncryptedPkcs8PrivateKeyPem(
            Passphrase, new PbeParameters(PbeEncryptionAlgorithm.TripleDes3KeyPkcs12, HashAlgorithmName.SHA1, 1000));

        Pkcs8Path = Write("apiclient_key.pem", TestKeys.Pkcs8PrivateKey);
        Pkcs1Path = Write("pkcs1.key", Pkcs1PrivatePem);
        EncryptedPath = Write("encrypted.pkcs8.key", EncryptedPkcs8Pem);
        SpkiPath = Write("pub_key.pem", TestKeys.SpkiPublicKey);
        Pkcs1PublicPath = Write("pkcs1.pub.pem", Pkcs1PublicKeyPem);
        CertificatePath = Write("cert.pem", TestKeys.Certificate);
    }

    public string Directory { get; }

    public string Pkcs1PrivatePem { get; }

    public string EncryptedPkcs8Pem { get; }

    public string EncryptedPkcs8Sha1Pem { get; }

    public string EncryptedPkcs8TripleDesPem { get; }

    public string Pkcs8Path { get; }

    public string Pkcs1Path { get; }

    public string EncryptedPath { get; }

    public string SpkiPath { get; }

    public string Pkcs1PublicPath { get; }

    public string CertificatePath { get; }

    /// <summary>The BCL's own reading of the §11.4 key, as the reference.</summary>
    public static RSA Reference()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Pkcs8PrivateKey);
        return rsa;
    }

    /// <summary>The base64 body of a PEM, without envelope or line breaks.</summary>
    public static string Body(string pem) =>
        string.Concat(pem.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)));

    public static string Crlf(string pem) => pem.Replace("\n", "\r\n", StringComparison.Ordinal);

    public object Private(string kind) => kind switch
    {
        "PKCS#8 PEM" => TestKeys.Pkcs8PrivateKey,
        "PKCS#8 PEM (CRLF)" => Crlf(TestKeys.Pkcs8PrivateKey),
        "PKCS#1 PEM" => Pkcs1PrivatePem,
        "file:// PKCS#8" => "file://" + Pkcs8Path,
        "file:// PKCS#1" => "file://" + Pkcs1Path,
        "private.pkcs8://" => "private.pkcs8://" + Body(TestKeys.Pkcs8PrivateKey),
        "private.pkcs1://" => "private.pkcs1://" + Body(Pkcs1PrivatePem),
        "encrypted PKCS#8 (tuple)" => (EncryptedPkcs8Pem, Passphrase),
        "encrypted PKCS#8 (array)" => new[] { EncryptedPkcs8Pem, Passphrase },
        "encrypted PKCS#8 file:// (tuple)" => ("file://" + EncryptedPath, Passphrase),
        "encrypted PKCS#8 AES-128/SHA-1 (tuple)" => (EncryptedPkcs8Sha1Pem, Passphrase),
        "encrypted PKCS#8 3DES/PKCS#12 (tuple)" => (EncryptedPkcs8TripleDesPem, Passphrase),
        "unencrypted PKCS#8 with passphrase (tuple)" => (TestKeys.Pkcs8PrivateKey, Passphrase),
        "certificate + PKCS#8 bundle" => TestKeys.Certificate + "\n" + TestKeys.Pkcs8PrivateKey,
        "RSA instance" => Reference(),
        "X509Certificate2 with private key" => CertificateWithPrivateKey(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public object Public(string kind) => kind switch
    {
        "SPKI file://" => "file://" + SpkiPath,
        "SPKI PEM" => TestKeys.SpkiPublicKey,
        "SPKI PEM (CRLF)" => Crlf(TestKeys.SpkiPublicKey),
        "PKCS#1 public PEM" => Pkcs1PublicKeyPem,
        "PKCS#1 public file://" => "file://" + Pkcs1PublicPath,
        "public.spki://" => "public.spki://" + Body(TestKeys.SpkiPublicKey),
        "public.pkcs1://" => "public.pkcs1://" + Body(Pkcs1PublicKeyPem),
        "certificate file://" => "file://" + CertificatePath,
        "certificate PEM" => TestKeys.Certificate,
        "certificate PEM (CRLF)" => Crlf(TestKeys.Certificate),
        "certificate + PKCS#8 bundle" => TestKeys.Pkcs8PrivateKey + "\n" + TestKeys.Certificate,
        "RSA instance" => Reference(),
        "X509Certificate2" => X509Certificate2.CreateFromPem(TestKeys.Certificate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Failing inputs that carry secrets: every resulting exception must be free of them.</summary>
    public IEnumerable<(object Thing, string Type)> LeakyFailures()
    {
        string body = Body(TestKeys.Pkcs8PrivateKey);
        string corrupted = TestKeys.Pkcs8PrivateKey.Replace("MIIEvAIBADAN", "MIIEvQIBADAN", StringComparison.Ordinal);
        string truncated = TestKeys.Pkcs8PrivateKey.Replace("dXME7AOT+VJtiEn0bl7+wQ==\n", "", StringComparison.Ordinal);

        yield return (corrupted, Rsa.KeyTypePrivate);
        yield return (truncated, Rsa.KeyTypePrivate);
        yield return (TestKeys.Pkcs8PrivateKey, Rsa.KeyTypePublic);
        yield return (Pkcs1PrivatePem, Rsa.KeyTypePublic);
        yield return ("private.pkcs8://" + body.Substring(0, body.Length - 40), Rsa.KeyTypePrivate);
        yield return ("private.pkcs1://" + body, Rsa.KeyTypePrivate);
        yield return ("public.spki://" + body, Rsa.KeyTypePublic);
        yield return ("file://" + Pkcs8Path, Rsa.KeyTypePublic);
        yield return ("file://" + EncryptedPath, Rsa.KeyTypePrivate);
        yield return (EncryptedPkcs8Pem, Rsa.KeyTypePrivate);
        yield return ((EncryptedPkcs8Pem, WrongPassphrase), Rsa.KeyTypePrivate);
        yield return (new[] { EncryptedPkcs8Pem, WrongPassphrase }, Rsa.KeyTypePrivate);
        yield return (("file://" + EncryptedPath, WrongPassphrase), Rsa.KeyTypePrivate);
        yield return ((EncryptedPkcs8Pem, ""), Rsa.KeyTypePrivate);
        yield return ((EncryptedPkcs8Pem, Passphrase), Rsa.KeyTypePublic);
    }

    /// <summary>Asserts that neither the message nor <c>ToString()</c> (inner exceptions included) holds key material or a passphrase.</summary>
    public void AssertNoSecretsOfAnyKind(Exception e)
    {
        AssertNoSecrets(e, Body(TestKeys.Pkcs8PrivateKey), Body(Pkcs1PrivatePem), Body(EncryptedPkcs8Pem), Passphrase, WrongPassphrase);
    }

    public static void AssertNoSecrets(Exception e, params string[] secrets)
    {
        string everything = e.Message + "\n" + e;
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            everything += "\n" + inner.Message;
        }

        foreach (string secret in secrets)
        {
            const int window = 16;
            if (secret.Length <= window)
            {
                Assert.That(everything, Does.Not.Contain(secret));
                continue;
            }

            for (int i = 0; i + window <= secret.Length; i += 8)
            {
                Assert.That(everything.Contains(secret.Substring(i, window), StringComparison.Ordinal), Is.False,
                    $"The exception text holds a piece of a secret (offset {i}).");
            }
        }
    }

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, true);
    }

    private static X509Certificate2 CertificateWithPrivateKey()
    {
        using var certificate = X509Certificate2.CreateFromPem(TestKeys.Certificate);
        using var key = Reference();
        return certificate.CopyWithPrivateKey(key);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
