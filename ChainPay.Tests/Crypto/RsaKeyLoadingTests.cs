using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Crypto;

/// <summary>
/// <see cref="Rsa"/> key loading through the public API (default key loader): every input of spec §7.1, the bare-body
/// loaders, PKCS#1 to SPKI, and the errors a bad input gets.
/// </summary>
[TestFixture]
public class RsaKeyLoadingTests : KeyInputsFixture
{
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
    public void FailedLoadsThroughThePublicApiNeverLeakSecrets()
    {
        foreach ((object thing, string type) in inputs.LeakyFailures())
        {
            var e = Assert.Throws<InvalidArgumentException>(() => Rsa.From(thing, type).Dispose());
            inputs.AssertNoSecretsOfAnyKind(e!);
        }
    }
}
