using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Crypto.Internal;

/// <summary>
/// The diagnosis of keys that do not load, seen through the SM2 loaders (the RSA ones are covered by
/// <see cref="RsaKeyReaderTests"/>): the same sentences, with what the SM2 scheme expects.
/// </summary>
public class KeyDiagnosisTests
{
    private const string PhpPrivate = "Cannot load privateKey from(String), please take care about the \\$thing input. ";

    [Test]
    public void AnRsaKeyInTheSm2SchemePointsAtSchemeRsa()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom(TestKeys.Pkcs8PrivateKey))!;
        Assert.That(e.ParamName, Is.EqualTo("thing"));
        Assert.That(e.Message, Does.StartWith(PhpPrivate + "Found an RSA private key (`PRIVATE KEY`), not SM2."));
        Assert.That(e.Message, Does.Contain("Expected an SM2 private key in PEM"));
        Assert.That(e.Message, Does.Contain("BuilderOptions.SchemeRsa"));
        KeyInputs.AssertNoSecrets(e, KeyInputs.Body(TestKeys.Pkcs8PrivateKey));

        e = Assert.Throws<InvalidArgumentException>(() => Sm2.PublicKeyFrom(TestKeys.Certificate))!;
        Assert.That(e.Message, Does.Contain("Found an RSA certificate (`CERTIFICATE`), not SM2."));
    }

    [Test]
    public void Sm2KeysLoadFromABareAbsolutePathAndAMissingOneIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), "chainpay-sm2-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, Sm2TestKeys.Pkcs8PrivateKey);
        try
        {
            Assert.That(Sm2.PrivateKeyFrom(path).PublicKey, Is.EqualTo(Sm2.PrivateKeyFrom(Sm2TestKeys.Pkcs8PrivateKey).PublicKey));
        }
        finally
        {
            File.Delete(path);
        }

        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom("file://" + path))!;
        Assert.That(e.Message, Does.StartWith(PhpPrivate + $"The file `{path}` does not exist. Expected an SM2 private key"));
    }

    [Test]
    public void AP256KeyIsNotAnSm2Key()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom(Sm2TestKeys.P256PrivateKey))!;
        Assert.That(e.Message, Does.StartWith(PhpPrivate + "Found an EC private key"));
        Assert.That(e.Message, Does.Contain("not SM2."));
    }
}
