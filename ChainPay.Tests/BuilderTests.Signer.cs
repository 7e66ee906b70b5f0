using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests;

// BuilderOptions.Signer: a merchant key held elsewhere, in place of PrivateKey.
public partial class BuilderTests
{
    [Test]
    public void Factory_TakesASigner_InPlaceOfThePrivateKey()
    {
        var o = Valid();
        o.PrivateKey = null;
        o.Signer = new KeySigner(ChainPay.Crypto.Rsa.From(TestKeys.Pkcs8PrivateKey));
        Assert.That(Builder.Factory(o), Is.Not.Null);
        Assert.That(o.ToString(), Does.Contain("PrivateKey = null, Signer = KeySigner,"));
    }

    [Test]
    public void Factory_RefusesBothAPrivateKeyAndASigner()
    {
        var o = Valid();
        o.Signer = new KeySigner(ChainPay.Crypto.Rsa.From(TestKeys.Pkcs8PrivateKey));
        AssertRefused(o, "Signer", "Set either `PrivateKey` or `Signer`, not both: the signer holds the merchant key elsewhere.");
    }

    [Test]
    public void Factory_RefusesASignerOfAnotherScheme()
    {
        var o = Valid();
        o.PrivateKey = null;
        o.Signer = new KeySigner(ChainPay.Crypto.Rsa.From(TestKeys.Pkcs8PrivateKey), BuilderOptions.SchemeSm2);
        AssertRefused(o, "Signer", "The `Signer` signs in WECHATPAY2-SM2-WITH-SM3, but the `SigningScheme` is WECHATPAY2-SHA256-RSA2048.");
    }
}
