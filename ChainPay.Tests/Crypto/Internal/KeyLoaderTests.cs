using System.Security.Cryptography;
using ChainPay.Crypto;
using ChainPay.Crypto.Internal;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Crypto.Internal;

/// <summary>
/// Every key input kind through each <see cref="IKeyLoader"/>: the BCL one (the net8.0+ default) and the BouncyCastle
/// one (the netstandard2.0 default), so the netstandard2.0 code path is exercised on net10.0 too.
/// </summary>
[TestFixture("bcl")]
[TestFixture("bouncy")]
public class KeyLoaderTests
{
    private readonly string loaderName;
    private IKeyLoader loader = null!;
    private KeyInputs inputs = null!;

    public KeyLoaderTests(string loaderName)
    {
        this.loaderName = loaderName;
    }

    [OneTimeSetUp]
    public void Setup()
    {
        loader = loaderName switch
        {
            "bcl" => BclKeyLoader.Instance,
            "bouncy" => BouncyKeyLoader.Instance,
            _ => throw new ArgumentOutOfRangeException(nameof(loaderName)),
        };
        inputs = new KeyInputs();
    }

    [OneTimeTearDown]
    public void TearDown() => inputs.Dispose();

    [Test]
    public void TheLoaderIsTheOneAskedFor()
    {
        Assert.That(loader.Name, Is.EqualTo(loaderName));
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PrivateKinds))]
    public void EveryPrivateInputReproducesTheSpecSignatures(string kind)
    {
        using RSA key = Rsa.From(inputs.Private(kind), Rsa.KeyTypePrivate, loader);
        Assert.That(Rsa.Sign(RsaVectors.GetMessage, key), Is.EqualTo(RsaVectors.GetSignature));
        Assert.That(Rsa.Sign(RsaVectors.PostMessage, key), Is.EqualTo(RsaVectors.PostSignature));
        Assert.That(Rsa.Sign(RsaVectors.JsapiMessage, key), Is.EqualTo(RsaVectors.JsapiSignature));
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PrivateKinds))]
    public void EveryPrivateInputHasTheReferenceParameters(string kind)
    {
        using RSA key = Rsa.From(inputs.Private(kind), Rsa.KeyTypePrivate, loader);
        using RSA reference = KeyInputs.Reference();
        RSAParameters actual = key.ExportParameters(true);
        RSAParameters expected = reference.ExportParameters(true);

        Assert.That(actual.Modulus, Is.EqualTo(expected.Modulus));
        Assert.That(actual.Exponent, Is.EqualTo(expected.Exponent));
        Assert.That(actual.D, Is.EqualTo(expected.D));
        Assert.That(actual.P, Is.EqualTo(expected.P));
        Assert.That(actual.Q, Is.EqualTo(expected.Q));
        Assert.That(actual.DP, Is.EqualTo(expected.DP));
        Assert.That(actual.DQ, Is.EqualTo(expected.DQ));
        Assert.That(actual.InverseQ, Is.EqualTo(expected.InverseQ));
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PrivateKinds))]
    public void EveryPrivateInputDecryptsOaep(string kind)
    {
        using RSA key = Rsa.From(inputs.Private(kind), Rsa.KeyTypePrivate, loader);
        string ciphertext = Rsa.Encrypt("张三", TestKeys.Certificate);
        Assert.That(Rsa.Decrypt(ciphertext, key), Is.EqualTo("张三"));
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PublicKinds))]
    public void EveryPublicInputVerifiesTheResponseSignature(string kind)
    {
        using RSA key = Rsa.From(inputs.Public(kind), Rsa.KeyTypePublic, loader);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.ResponseSignature, key), Is.True);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage.Replace("data", "date", StringComparison.Ordinal), RsaVectors.ResponseSignature, key), Is.False);
        Assert.That(Rsa.Verify(RsaVectors.GetMessage, RsaVectors.GetSignature, key), Is.True);
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PublicKinds))]
    public void EveryPublicInputIsPublicOnlyAndEncrypts(string kind)
    {
        using RSA key = Rsa.From(inputs.Public(kind), Rsa.KeyTypePublic, loader);
        Assert.Throws<CryptographicException>(() => key.ExportParameters(true));

        string ciphertext = Rsa.Encrypt("张三", key);
        Assert.That(Rsa.Decrypt(ciphertext, TestKeys.Pkcs8PrivateKey), Is.EqualTo("张三"));
    }

    [TestCaseSource(nameof(UnloadablePrivateInputs))]
    public void UnloadablePrivateInputsFailWithThePhpMessage(object thing, string kind, string found)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(thing, Rsa.KeyTypePrivate, loader).Dispose());
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, kind) + found));
        Assert.That(e.Message, Does.Contain("Expected an RSA private key in PEM"));
        Assert.That(e.ParamName, Is.EqualTo("thing"));
        Assert.That(e.InnerException, Is.Null);
    }

    [TestCaseSource(nameof(UnloadablePublicInputs))]
    public void UnloadablePublicInputsFailWithThePhpMessage(object thing, string kind, string found)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(thing, Rsa.KeyTypePublic, loader).Dispose());
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(true, kind) + found));
        Assert.That(e.Message, Does.Contain("Expected an RSA public key"));
        Assert.That(e.ParamName, Is.EqualTo("thing"));
        Assert.That(e.InnerException, Is.Null);
    }

    [Test]
    public void KeysOfTheWrongTypeAreRejected()
    {
        Assert.Throws<InvalidArgumentException>(() => Rsa.From(TestKeys.Pkcs8PrivateKey, Rsa.KeyTypePublic, loader));
        Assert.Throws<InvalidArgumentException>(() => Rsa.From(inputs.Pkcs1PrivatePem, Rsa.KeyTypePublic, loader));
        Assert.Throws<InvalidArgumentException>(() => Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePrivate, loader));
        Assert.Throws<InvalidArgumentException>(() => Rsa.From(KeyInputs.Pkcs1PublicKeyPem, Rsa.KeyTypePrivate, loader));
        Assert.Throws<InvalidArgumentException>(() => Rsa.From(TestKeys.Certificate, Rsa.KeyTypePrivate, loader));
        Assert.Throws<InvalidArgumentException>(() => Rsa.From("file://" + inputs.CertificatePath, Rsa.KeyTypePrivate, loader));
    }

    [Test]
    public void AWrongPassphraseFailsLikeAnyOtherBadInput()
    {
        foreach (object thing in new object[]
        {
            (inputs.EncryptedPkcs8Pem, KeyInputs.WrongPassphrase),
            new[] { inputs.EncryptedPkcs8Pem, KeyInputs.WrongPassphrase },
            ("file://" + inputs.EncryptedPath, KeyInputs.WrongPassphrase),
            inputs.EncryptedPkcs8Pem,
        })
        {
            var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(thing, Rsa.KeyTypePrivate, loader));
            Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, thing.GetType().Name)));
            inputs.AssertNoSecretsOfAnyKind(e);
        }
    }

    [TestCase(PbeEncryptionAlgorithm.Aes256Cbc, "SHA256")]
    [TestCase(PbeEncryptionAlgorithm.Aes128Cbc, "SHA1")]
    [TestCase(PbeEncryptionAlgorithm.TripleDes3KeyPkcs12, "SHA1")]
    public void NonAsciiPassphrasesAreEncodedLikeTheBcl(PbeEncryptionAlgorithm algorithm, string hash)
    {
        using RSA reference = KeyInputs.Reference();
        const string passphrase = "口令-pässwörd";
        string pem = reference.ExportEncryptedPkcs8PrivateKeyPem(
            passphrase, new PbeParameters(algorithm, new HashAlgorithmName(hash), 1000));

        using RSA key = Rsa.From((pem, passphrase), Rsa.KeyTypePrivate, loader);
        Assert.That(Rsa.Sign(RsaVectors.GetMessage, key), Is.EqualTo(RsaVectors.GetSignature));
        Assert.Throws<InvalidArgumentException>(() => Rsa.From((pem, "口令-passwörd"), Rsa.KeyTypePrivate, loader));
    }

    [Test]
    public void NoFailedLoadLeaksKeyMaterialOrPassphrases()
    {
        int count = 0;
        foreach ((object thing, string type) in inputs.LeakyFailures())
        {
            var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(thing, type, loader).Dispose());
            inputs.AssertNoSecretsOfAnyKind(e!);
            count++;
        }

        Assert.That(count, Is.GreaterThan(10));
    }

    [Test]
    public void TrailingBytesAfterAKeyAreRejected()
    {
        byte[] der = Convert.FromBase64String(KeyInputs.Body(TestKeys.Pkcs8PrivateKey));
        byte[] padded = der.Concat(new byte[] { 0 }).ToArray();
        Assert.That(() => loader.ImportPkcs8PrivateKey(padded), Throws.Exception);

        byte[] spki = Convert.FromBase64String(KeyInputs.Body(TestKeys.SpkiPublicKey));
        Assert.That(() => loader.ImportSubjectPublicKeyInfo(spki.Concat(new byte[] { 5, 0 }).ToArray()), Throws.Exception);
    }

    [Test]
    public void NonRsaKeysAreRejected()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.That(() => loader.ImportPkcs8PrivateKey(ec.ExportPkcs8PrivateKey()), Throws.Exception);
        Assert.That(() => loader.ImportSubjectPublicKeyInfo(ec.ExportSubjectPublicKeyInfo()), Throws.Exception);

        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ec", ec, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.That(() => loader.ImportCertificatePublicKey(certificate.RawData), Throws.Exception);

        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(ec.ExportPkcs8PrivateKeyPem(), Rsa.KeyTypePrivate, loader));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, "String")));
        e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(certificate.ExportCertificatePem(), Rsa.KeyTypePublic, loader));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(true, "String")));
    }

    [Test]
    public void OpenSslEncryptedPkcs8KeysLoad()
    {
        string openssl = OpenSsl.PathOrIgnore();
        foreach (string[] scheme in new[] { new[] { "-v2", "aes-256-cbc" }, new[] { "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA1" }, new[] { "-v1", "PBE-SHA1-3DES" } })
        {
            string output = Path.Combine(inputs.Directory, "openssl-" + string.Join("-", scheme).Replace("-", "", StringComparison.Ordinal) + ".pem");
            OpenSsl.Run(openssl, new[] { "pkcs8", "-topk8", "-in", inputs.Pkcs8Path, "-out", output, "-passout", "pass:" + KeyInputs.Passphrase }
                .Concat(scheme).ToArray());

            using RSA key = Rsa.From(("file://" + output, KeyInputs.Passphrase), Rsa.KeyTypePrivate, loader);
            Assert.That(Rsa.Sign(RsaVectors.GetMessage, key), Is.EqualTo(RsaVectors.GetSignature), string.Join(" ", scheme));
        }
    }

    private static IEnumerable<TestCaseData> UnloadablePrivateInputs()
    {
        yield return new TestCaseData("", "String", "Found an empty string.").SetName("{m}(empty)");
        yield return new TestCaseData("garbage", "String", "Found text that holds no PEM block").SetName("{m}(garbage)");
        yield return new TestCaseData("unknown://ABCD", "String", "Found the unknown scheme `unknown://`.").SetName("{m}(unknown scheme)");
        yield return new TestCaseData("private.pkcs8://", "String", "Found a `private.pkcs8://` body that is not the base64 of a PKCS#8 RSA private key").SetName("{m}(empty pkcs8 body)");
        yield return new TestCaseData("private.pkcs1://ABCD", "String", "Found a `private.pkcs1://` body that is not the base64 of a PKCS#1 RSA private key").SetName("{m}(bad pkcs1 body)");
        yield return new TestCaseData("private.pkcs8://not base64!", "String", "Found a `private.pkcs8://` body that is not").SetName("{m}(non-base64 body)");
        yield return new TestCaseData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "String", "Found a private key (`PRIVATE KEY`) that does not parse").SetName("{m}(bad PEM body)");
        yield return new TestCaseData("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----", "String", "Found a `PRIVATE KEY` block whose body is not base64").SetName("{m}(non-base64 PEM)");
        yield return new TestCaseData("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", "String", "Found a private key (`EC PRIVATE KEY`) that does not parse").SetName("{m}(EC label)");
        yield return new TestCaseData("-----BEGIN PRIVATE KEY-----\nAAAA\n", "String", "Found a PEM block without its matching `-----END …-----` line").SetName("{m}(no END line)");
        yield return new TestCaseData(new[] { "garbage", "pass" }, "String[]", "Found text that holds no PEM block").SetName("{m}(garbage array)");
        yield return new TestCaseData(new[] { "a", "b", "c" }, "String[]", "Found an array of 3 string(s).").SetName("{m}(array of three)");
        yield return new TestCaseData(("garbage", "pass"), "ValueTuple`2", "Found text that holds no PEM block").SetName("{m}(garbage tuple)");
        yield return new TestCaseData(new object(), "Object", "Found a value of type Object.").SetName("{m}(object)");
    }

    private static IEnumerable<TestCaseData> UnloadablePublicInputs()
    {
        yield return new TestCaseData("", "String", "Found an empty string.").SetName("{m}(empty)");
        yield return new TestCaseData("garbage", "String", "Found text that holds no PEM block").SetName("{m}(garbage)");
        yield return new TestCaseData("unknown://ABCD", "String", "Found the unknown scheme `unknown://`.").SetName("{m}(unknown scheme)");
        yield return new TestCaseData("public.spki://ABCD", "String", "Found a `public.spki://` body that is not the base64 of an SPKI").SetName("{m}(bad spki body)");
        yield return new TestCaseData("public.pkcs1://", "String", "Found a `public.pkcs1://` body that is not").SetName("{m}(empty pkcs1 body)");
        yield return new TestCaseData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "String", "Found a public key (`PUBLIC KEY`) that does not parse").SetName("{m}(bad PEM body)");
        yield return new TestCaseData("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----", "String", "Found a public key (`RSA PUBLIC KEY`) that does not parse").SetName("{m}(bad PKCS#1 PEM body)");
        yield return new TestCaseData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "String", "Found a certificate (`CERTIFICATE`) that does not parse").SetName("{m}(bad certificate)");
        yield return new TestCaseData(12345L, "Int64", "Found a value of type Int64.").SetName("{m}(long)");
    }
}
