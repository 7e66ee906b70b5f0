using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using static ChainPay.Tests.Fixtures.Sm2Fixture;

namespace ChainPay.Tests.Crypto;

/// <summary>
/// <see cref="Sm2"/> key loading in every form (PEM, files, objects, certificates), the refusals of what is not an SM2
/// key, and key generation.
/// </summary>
public class Sm2KeyLoadingTests
{
    private static readonly object[] PrivateInputs =
    {
        new object[] { "pkcs8", Sm2TestKeys.Pkcs8PrivateKey },
        new object[] { "sec1 (SM2 label)", Sm2TestKeys.Sec1Sm2PrivateKey },
        new object[] { "sec1 (EC label)", Sm2TestKeys.Sec1EcPrivateKey },
        new object[] { "pem with text around", "a comment\n" + Sm2TestKeys.Pkcs8PrivateKey + "trailer" },
    };

    private static readonly object[] PublicInputs =
    {
        new object[] { "spki", Sm2TestKeys.SpkiPublicKey },
        new object[] { "certificate", Sm2TestKeys.Certificate },
        new object[] { "private pkcs8", Sm2TestKeys.Pkcs8PrivateKey },
        new object[] { "private sec1", Sm2TestKeys.Sec1Sm2PrivateKey },
    };

    [TestCaseSource(nameof(PrivateInputs))]
    public void PrivateKeyFrom_ReadsEveryPemForm(string kind, string pem)
    {
        var key = Sm2.PrivateKeyFrom(pem);
        Assert.That(Convert.ToHexString(key.PublicKey.GetEncoded()).ToLowerInvariant(), Is.EqualTo(Sm2TestKeys.PublicPointHex), kind);
    }

    [TestCaseSource(nameof(PublicInputs))]
    public void PublicKeyFrom_ReadsEveryPemForm(string kind, string pem)
    {
        var key = Sm2.PublicKeyFrom(pem);
        Assert.That(Convert.ToHexString(key.GetEncoded()).ToLowerInvariant(), Is.EqualTo(Sm2TestKeys.PublicPointHex), kind);
    }

    [Test]
    public void KeysLoadFromFileUris()
    {
        string dir = Path.Combine(Path.GetTempPath(), "chainpay-sm2-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "key.pem"), Sm2TestKeys.Sec1Sm2PrivateKey);
            File.WriteAllText(Path.Combine(dir, "cert.pem"), Sm2TestKeys.Certificate);
            var privateKey = Sm2.PrivateKeyFrom("file://" + Path.Combine(dir, "key.pem"));
            var publicKey = Sm2.PublicKeyFrom("file://" + Path.Combine(dir, "cert.pem"));
            Assert.That(privateKey.PublicKey, Is.EqualTo(publicKey));

            var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom("file://" + Path.Combine(dir, "missing.pem")));
            Assert.That(e!.ParamName, Is.EqualTo("thing"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void KeysLoadFromObjects()
    {
        var privateKey = FixturePrivate;
        Assert.Multiple(() =>
        {
            Assert.That(Sm2.PrivateKeyFrom(privateKey), Is.SameAs(privateKey));
            Assert.That(Sm2.PrivateKeyFrom(privateKey.Parameters).Parameters.D, Is.EqualTo(privateKey.Parameters.D));
            Assert.That(Sm2.PublicKeyFrom(privateKey), Is.SameAs(privateKey.PublicKey));
            Assert.That(Sm2.PublicKeyFrom(privateKey.PublicKey), Is.SameAs(privateKey.PublicKey));
            Assert.That(Sm2.PublicKeyFrom(privateKey.PublicKey.Parameters), Is.EqualTo(privateKey.PublicKey));
            Assert.That(Sm2.PublicKeyFrom(privateKey.Parameters), Is.EqualTo(privateKey.PublicKey));
        });

        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(
            Sm2TestKeys.Certificate.Replace("-----BEGIN CERTIFICATE-----", string.Empty).Replace("-----END CERTIFICATE-----", string.Empty)));
        Assert.That(Sm2.PublicKeyFrom(certificate), Is.EqualTo(privateKey.PublicKey));
    }

    [TestCase(Sm2TestKeys.P256PrivateKey)]
    [TestCase("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n")]
    [TestCase("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [TestCase(Sm2TestKeys.SpkiPublicKey)]
    [TestCase("")]
    [TestCase("garbage")]
    public void PrivateKeyFrom_RefusesWhatIsNotAnSm2PrivateKey(string input)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom(input));
        Assert.That(e!.ParamName, Is.EqualTo("thing"));
        Assert.That(e.Message, Does.StartWith("Cannot load privateKey from(String), please take care about the \\$thing input."));
        AssertNoKeyMaterial(e);
    }

    [Test]
    public void PublicKeyFrom_RefusesWhatIsNotAnSm2PublicKey()
    {
        Assert.Multiple(() =>
        {
            foreach (object input in new object[] { Sm2TestKeys.P256PrivateKey, "garbage", 42, new byte[] { 1 } })
            {
                var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PublicKeyFrom(input));
                Assert.That(e!.ParamName, Is.EqualTo("thing"));
                Assert.That(e.Message, Does.StartWith($"Cannot load publicKey from({input.GetType().Name})"));
                AssertNoKeyMaterial(e);
            }

            Assert.Throws<InvalidArgumentException>(() => Sm2.PublicKeyFrom(null!));
            Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom(null!));
        });
    }

    [Test]
    public void AnRsaCertificateIsNotAnSm2Key()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=rsa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PublicKeyFrom(certificate));
        Assert.That(e!.Message, Does.StartWith("Cannot load publicKey from(X509Certificate2)"));
    }

    [Test]
    public void GenerateKeyPair_GivesAMatchingPair()
    {
        var (privateKey, publicKey) = Sm2.GenerateKeyPair();
        Assert.That(privateKey.PublicKey, Is.EqualTo(publicKey));
        Assert.That(Sm2.GenerateKeyPair().PublicKey, Is.Not.EqualTo(publicKey));
    }

    private static void AssertNoKeyMaterial(Exception e)
    {
        string all = e.ToString();
        foreach (string secret in new[] { "MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQg", "qBow6DvK2boK0wSS", "hqQXyFGpDRqSeB4A" })
        {
            Assert.That(all, Does.Not.Contain(secret));
        }
    }
}
