using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Crypto.Internal;

/// <summary>
/// Issue 10, item 9: every key-loading failure keeps wechatpay-php's sentence and then says what was found (for a file,
/// its path), what was expected and how to fix it, never echoing key bytes; a bare absolute path loads like
/// <c>file://</c>. Everything goes through the public API (<see cref="Rsa.From(object, string)"/>, <see cref="Builder.Factory(BuilderOptions)"/>).
/// </summary>
public class RsaKeyReaderTests
{
    private const string PhpPrivate = "Cannot load privateKey from(String), please take care about the \\$thing input. ";
    private const string PhpPublic = "Cannot load publicKey from(String), please take care about the \\$thing input. ";

    /// <summary>A key-shaped PEM whose body carries a marker that must never reach a message.</summary>
    private const string Marker = "SECRETMARKERSECRETMARKER";
    private const string MarkedPrivatePem = "-----BEGIN PRIVATE KEY-----\n" + Marker + "0123456789ABCDEF\n-----END PRIVATE KEY-----\n";

    private string directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        directory = Path.Combine(Path.GetTempPath(), "chainpay-keyreader-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, true);

    [Test]
    public void AMissingFileNamesItsPathAndWhatWasExpected()
    {
        string path = Path.Combine(directory, "apiclient_key.pem");
        var e = Fails(() => Rsa.From("file://" + path));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + $"The file `{path}` does not exist. Expected an RSA private key in PEM"));
        Assert.That(e.InnerException, Is.InstanceOf<FileNotFoundException>());
    }

    [Test]
    public void ABareAbsolutePathLoadsLikeFileScheme()
    {
        string path = Write("apiclient_key.pem", TestKeys.Pkcs8PrivateKey);
        using RSA key = Rsa.From(path);
        Assert.That(Rsa.Sign(RsaVectors.GetMessage, key), Is.EqualTo(RsaVectors.GetSignature));

        using RSA pub = Rsa.From(Write("pub_key.pem", TestKeys.SpkiPublicKey), Rsa.KeyTypePublic);
        Assert.That(Rsa.Verify(RsaVectors.GetMessage, RsaVectors.GetSignature, pub), Is.True);

        string missing = Path.Combine(directory, "nope.pem");
        Assert.That(Fails(() => Rsa.From(missing)).Message, Does.Contain($"The file `{missing}` does not exist."));
    }

    [Test]
    public void AWindowsAbsolutePathIsReadAsAPathOnEveryPlatform()
    {
        const string path = @"C:\wechatpay-missing-dir\apiclient_key.pem";
        Assume.That(File.Exists(path), Is.False);
        Assert.That(Fails(() => Rsa.From(path)).Message, Does.Contain($"The file `{path}` does not exist."));
    }

    [Test]
    public void ARelativePathIsRefusedSuggestingAnAbsoluteOne()
    {
        var e = Fails(() => Rsa.From("cert/apiclient_key.pem"));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + "Found the relative path `cert/apiclient_key.pem`."));
        Assert.That(e.Message, Does.Contain("Give an absolute path (or `file://` + an absolute path)"));
    }

    [Test]
    public void ADirectoryAndAnEmptyFileAreNamed()
    {
        Assert.That(Fails(() => Rsa.From("file://" + directory)).Message, Does.Contain($"Found a directory at `{directory}`, not a key file."));
        string empty = Write("empty.pem", "");
        Assert.That(Fails(() => Rsa.From(empty)).Message, Does.Contain($"The file `{empty}` is empty."));
    }

    [Test]
    public void APublicKeyOrCertificateOrCsrAsThePrivateKeySaysSo()
    {
        string pub = Write("pub_key.pem", TestKeys.SpkiPublicKey);
        var e = Fails(() => Rsa.From("file://" + pub));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + $"Found a public key (`PUBLIC KEY`), not a private key in the file `{pub}`."));
        Assert.That(e.Message, Does.Contain("the WeChat Pay public key (pub_key.pem) belongs in Certs"));

        Assert.That(Fails(() => Rsa.From(TestKeys.Certificate)).Message, Does.StartWith(PhpPrivate + "Found a certificate (`CERTIFICATE`), which holds no private key."));

        using RSA rsa = KeyInputs.Reference();
        string csr = new CertificateRequest("CN=1900000001", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
        Assert.That(Fails(() => Rsa.From(csr)).Message, Does.StartWith(PhpPrivate + "Found a certificate signing request (`CERTIFICATE REQUEST`)"));

        using var certificate = X509Certificate2.CreateFromPem(TestKeys.Certificate);
        Assert.That(Fails(() => Rsa.From(certificate)).Message, Does.Contain("Found an X509Certificate2 without a private key."));
    }

    [Test]
    public void APrivateKeyGivenAsAPublicKeyIsNamedButNeverEchoed()
    {
        var e = Fails(() => Rsa.From(TestKeys.Pkcs8PrivateKey, Rsa.KeyTypePublic));
        Assert.That(e.Message, Does.StartWith(PhpPublic + "Found a private key (`PRIVATE KEY`). Expected an RSA public key"));
        Assert.That(e.Message, Does.Contain("This is a private key: Certs wants the platform public key"));
        KeyInputs.AssertNoSecrets(e, KeyInputs.Body(TestKeys.Pkcs8PrivateKey));
    }

    [Test]
    public void APkcs12BundleSuggestsExportingPem()
    {
        using var bundle = CertificateWithKey();
        byte[] pfx = bundle.Export(X509ContentType.Pfx, "1900000001");
        string path = Path.Combine(directory, "apiclient_cert.p12");
        File.WriteAllBytes(path, pfx);

        var e = Fails(() => Rsa.From(path));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + $"Found a PKCS#12 bundle (.p12/.pfx) in the file `{path}`."));
        Assert.That(e.Message, Does.Contain("openssl pkcs12 -in apiclient_cert.p12 -nocerts -nodes -out apiclient_key.pem"));
        Assert.That(e.Message, Does.Contain("X509Certificate2"));

        Assert.That(Fails(() => Rsa.From(Convert.ToBase64String(pfx))).Message, Does.StartWith(PhpPrivate + "Found a base64-encoded PKCS#12 bundle"));
        Assert.That(Fails(() => Rsa.From(path, Rsa.KeyTypePublic)).Message, Does.Contain("Certs wants the WeChat Pay public key"));
    }

    [Test]
    public void AnEncryptedKeyWithoutPassphraseAsksForIt()
    {
        using RSA rsa = KeyInputs.Reference();
        string pem = rsa.ExportEncryptedPkcs8PrivateKeyPem("pass", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var e = Fails(() => Rsa.From(pem));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + "Found an encrypted private key (`ENCRYPTED PRIVATE KEY`) but no passphrase."));
        Assert.That(e.Message, Does.Contain("Rsa.From((pem, passphrase))"));

        Assert.That(Fails(() => Rsa.From((pem, "wrong"))).Message, Does.Contain("that the passphrase does not decrypt"));
    }

    [Test]
    public void ALegacyProcTypeEncryptedKeySuggestsPkcs8()
    {
        string pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" + Marker + "\n-----END RSA PRIVATE KEY-----\n";
        var e = Fails(() => Rsa.From(pem));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + "Found a legacy OpenSSL-encrypted PEM key (`Proc-Type: 4,ENCRYPTED`)"));
        Assert.That(e.Message, Does.Contain("openssl pkcs8 -topk8"));
        Assert.That(e.Message, Does.Not.Contain(Marker));
    }

    [Test]
    public void GarbageAndDamagedKeysSaySoWithoutEchoingThem()
    {
        Assert.That(Fails(() => Rsa.From("garbage")).Message, Does.StartWith(PhpPrivate + "Found text that holds no PEM block"));
        var e = Fails(() => Rsa.From(MarkedPrivatePem));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + "Found a private key (`PRIVATE KEY`) that does not parse"));
        Assert.That(e.ToString(), Does.Not.Contain(Marker));
    }

    [Test]
    public void AnSm2KeyInTheRsaSchemePointsAtSchemeSm2()
    {
        var e = Fails(() => Rsa.From(Sm2TestKeys.Pkcs8PrivateKey));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + "Found an SM2 private key (`PRIVATE KEY`), not RSA."));
        Assert.That(e.Message, Does.Contain("BuilderOptions.SchemeSm2"));
        Assert.That(Fails(() => Rsa.From(Sm2TestKeys.Certificate, Rsa.KeyTypePublic)).Message, Does.StartWith(PhpPublic + "Found an SM2 certificate (`CERTIFICATE`), not RSA."));
    }

    [Test]
    public void FactoryNamesTheOptionAndThePath()
    {
        string missing = Path.Combine(directory, "apiclient_key.pem");
        string pub = Write("pub_key.pem", TestKeys.SpkiPublicKey);
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(Options(missing, pub)))!;
        Assert.That(e.ParamName, Is.EqualTo("PrivateKey"));
        Assert.That(e.Message, Does.StartWith("The `PrivateKey` cannot be loaded as an RSA private key: "));
        Assert.That(e.Message, Does.Contain($"The file `{missing}` does not exist."));

        string key = Write("apiclient_key.pem", TestKeys.Pkcs8PrivateKey);
        e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(Options(key, key)))!;
        Assert.That(e.ParamName, Is.EqualTo($"Certs[{TestKeys.PublicKeyId}]"));
        Assert.That(e.Message, Does.StartWith($"The `Certs[{TestKeys.PublicKeyId}]` cannot be loaded as an RSA public key: "));
        Assert.That(e.Message, Does.Contain("This is a private key: Certs wants the platform public key"));
        KeyInputs.AssertNoSecrets(e, KeyInputs.Body(TestKeys.Pkcs8PrivateKey));

        e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(Options(MarkedPrivatePem, pub)))!;
        Assert.That(e.ToString(), Does.Not.Contain(Marker));
    }

    private static BuilderOptions Options(string privateKey, string publicKey) => new()
    {
        Mchid = "1900000001",
        Serial = TestKeys.MerchantSerial,
        PrivateKey = privateKey,
        Certs = { [TestKeys.PublicKeyId] = publicKey },
    };

    private static InvalidArgumentException Fails(TestDelegate load)
    {
        var e = Assert.Throws<InvalidArgumentException>(load)!;
        Assert.That(e.ParamName, Is.EqualTo("thing"));
        return e;
    }

    private static X509Certificate2 CertificateWithKey()
    {
        using var certificate = X509Certificate2.CreateFromPem(TestKeys.Certificate);
        using var key = KeyInputs.Reference();
        return certificate.CopyWithPrivateKey(key);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
