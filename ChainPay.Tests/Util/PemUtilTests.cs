using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using ChainPay.Util;

namespace ChainPay.Tests.Util;

/// <summary><see cref="PemUtil"/> against spec §7.7.</summary>
[TestFixture]
public class PemUtilTests
{
    private const string SerialFailed = "Read the $certificate failed, please check it whether or nor correct";
    private const string Subject = "CN=Port Test Vector, O=WeChatPay Community, C=CN";

    private KeyInputs inputs = null!;

    [OneTimeSetUp]
    public void CreateInputs() => inputs = new KeyInputs();

    [OneTimeTearDown]
    public void DeleteInputs() => inputs.Dispose();

    [Test]
    public void LoadCertificateReadsAPemFile()
    {
        using X509Certificate2 plain = PemUtil.LoadCertificate(inputs.CertificatePath);
        using X509Certificate2 uri = PemUtil.LoadCertificate("file://" + inputs.CertificatePath);

        Assert.That(plain.Subject, Is.EqualTo(Subject));
        Assert.That(plain.Issuer, Is.EqualTo(Subject));
        Assert.That(plain.HasPrivateKey, Is.False);
        Assert.That(uri.Thumbprint, Is.EqualTo(plain.Thumbprint));
    }

    [Test]
    public void LoadCertificateNamesTheFileItCouldNotRead()
    {
        string path = Path.Combine(inputs.Directory, "missing.pem");
        var e = Assert.Throws<InvalidArgumentException>(() => PemUtil.LoadCertificate(path));
        Assert.That(e!.Message, Is.EqualTo(RsaVectors.ArgumentMessage($"Loading the certificate failed, please checking your {path} input.", "filepath")));
        Assert.That(e.InnerException, Is.InstanceOf<FileNotFoundException>());
    }

    [Test]
    public void LoadCertificateRefusesAFileWithoutACertificateAndKeepsItsContentSecret()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PemUtil.LoadCertificate(inputs.Pkcs8Path));
        Assert.That(e!.Message, Is.EqualTo(RsaVectors.ArgumentMessage($"Loading the certificate failed, please checking your {inputs.Pkcs8Path} input.", "filepath")));
        inputs.AssertNoSecretsOfAnyKind(e);
    }

    [Test]
    public void LoadCertificateFromStringReadsPemAndFileUris()
    {
        using X509Certificate2 pem = PemUtil.LoadCertificateFromString(TestKeys.Certificate);
        using X509Certificate2 crlf = PemUtil.LoadCertificateFromString(KeyInputs.Crlf(TestKeys.Certificate));
        using X509Certificate2 uri = PemUtil.LoadCertificateFromString("file://" + inputs.CertificatePath);

        Assert.That(pem.Subject, Is.EqualTo(Subject));
        Assert.That(crlf.Thumbprint, Is.EqualTo(pem.Thumbprint));
        Assert.That(uri.Thumbprint, Is.EqualTo(pem.Thumbprint));
    }

    [TestCase("")]
    [TestCase("garbage")]
    [TestCase("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    [TestCase("file:///nonexistent/cert.pem")]
    public void LoadCertificateFromStringRejectsBadInput(string pem)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PemUtil.LoadCertificateFromString(pem));
        Assert.That(e!.Message, Is.EqualTo(RsaVectors.ArgumentMessage("Loading the certificate failed, please checking your $pem input.", "pem")));
        Assert.That(e.ParamName, Is.EqualTo("pem"));
    }

    [Test]
    public void LoadCertificateFromStringDoesNotEchoAPrivateKey()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PemUtil.LoadCertificateFromString(TestKeys.Pkcs8PrivateKey));
        inputs.AssertNoSecretsOfAnyKind(e!);
    }

    [Test]
    public void LoadPrivateKeyAcceptsPathsWithAndWithoutTheScheme()
    {
        using RSA plain = PemUtil.LoadPrivateKey(inputs.Pkcs8Path);
        using RSA uri = PemUtil.LoadPrivateKey("file://" + inputs.Pkcs1Path);
        Assert.That(Rsa.Sign(RsaVectors.GetMessage, plain), Is.EqualTo(RsaVectors.GetSignature));
        Assert.That(Rsa.Sign(RsaVectors.GetMessage, uri), Is.EqualTo(RsaVectors.GetSignature));
    }

    [Test]
    public void LoadPrivateKeyFromStringIsRsaFrom()
    {
        using RSA key = PemUtil.LoadPrivateKeyFromString(inputs.Pkcs1PrivatePem);
        Assert.That(Rsa.Sign(RsaVectors.JsapiMessage, key), Is.EqualTo(RsaVectors.JsapiSignature));

        var e = Assert.Throws<InvalidArgumentException>(() => PemUtil.LoadPrivateKeyFromString(TestKeys.SpkiPublicKey));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(false, "String")));
    }

    [Test]
    public void TheSpecCertificateSerialFromEveryInputKind()
    {
        using var certificate = X509Certificate2.CreateFromPem(TestKeys.Certificate);
        Assert.That(PemUtil.ParseCertificateSerialNo(certificate), Is.EqualTo("5157F09EFDC096DE15EBE81A47057A7232F4B0F9"));
        Assert.That(PemUtil.ParseCertificateSerialNo(TestKeys.Certificate), Is.EqualTo(TestKeys.CertificateSerial));
        Assert.That(PemUtil.ParseCertificateSerialNo("file://" + inputs.CertificatePath), Is.EqualTo(TestKeys.CertificateSerial));
    }

    [Test]
    public void AHighBitSerialHasNoLeadingZeroByte()
    {
        byte[] serial = Convert.FromHexString("C057F09EFDC096DE15EBE81A47057A7232F4B0F9");
        using var key = KeyInputs.Reference();
        var request = new CertificateRequest("CN=High Bit Serial", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.Create(
            request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), serial);

        // The BCL shows the DER sign byte; OpenSSL (and so PHP) does not.
        Assert.That(certificate.SerialNumber, Is.EqualTo("00C057F09EFDC096DE15EBE81A47057A7232F4B0F9"));

        Assert.That(PemUtil.ParseCertificateSerialNo(certificate), Is.EqualTo("C057F09EFDC096DE15EBE81A47057A7232F4B0F9"));
        Assert.That(PemUtil.ParseCertificateSerialNo(certificate.ExportCertificatePem()), Is.EqualTo("C057F09EFDC096DE15EBE81A47057A7232F4B0F9"));

        string path = Path.Combine(inputs.Directory, "highbit.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        Assert.That(PemUtil.ParseCertificateSerialNo("file://" + path), Is.EqualTo("C057F09EFDC096DE15EBE81A47057A7232F4B0F9"));
    }

    [Test]
    public void ALowSerialKeepsItsSignificantDigits()
    {
        using var key = KeyInputs.Reference();
        var request = new CertificateRequest("CN=Small Serial", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.Create(
            request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), new byte[] { 0x01, 0x00 });

        Assert.That(PemUtil.ParseCertificateSerialNo(certificate), Is.EqualTo("0100"));
    }

    [TestCaseSource(nameof(BadCertificates))]
    public void ParseCertificateSerialNoRejectsBadInput(object certificate)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PemUtil.ParseCertificateSerialNo(certificate));
        Assert.That(e!.Message, Is.EqualTo(RsaVectors.ArgumentMessage(SerialFailed, "certificate")));
        Assert.That(e.ParamName, Is.EqualTo("certificate"));
    }

    [Test]
    public void ParseCertificateSerialNoDoesNotEchoAKey()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PemUtil.ParseCertificateSerialNo(TestKeys.Pkcs8PrivateKey));
        inputs.AssertNoSecretsOfAnyKind(e!);
    }

    private static IEnumerable<TestCaseData> BadCertificates()
    {
        yield return new TestCaseData("").SetName("{m}(empty)");
        yield return new TestCaseData("garbage").SetName("{m}(garbage)");
        yield return new TestCaseData(TestKeys.SpkiPublicKey).SetName("{m}(public key)");
        yield return new TestCaseData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").SetName("{m}(bad body)");
        yield return new TestCaseData("file:///nonexistent/cert.pem").SetName("{m}(missing file)");
        yield return new TestCaseData(42).SetName("{m}(int)");
    }
}
