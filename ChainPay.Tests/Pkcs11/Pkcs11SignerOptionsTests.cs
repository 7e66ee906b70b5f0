using ChainPay.Pkcs11;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Pkcs11;

public class Pkcs11SignerOptionsTests
{
    [Test]
    public void Defaults_AreRsaAndFourSessions()
    {
        var options = new Pkcs11SignerOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.SigningScheme, Is.EqualTo(BuilderOptions.SchemeRsa));
            Assert.That(options.MaxSessions, Is.EqualTo(Pkcs11SignerOptions.DefaultMaxSessions).And.EqualTo(4));
        });
    }

    [Test]
    public void ToString_ShowsEverythingButThePin()
    {
        var options = new Pkcs11SignerOptions { LibraryPath = "/lib/p11.so", SlotId = 7, Pin = SoftHsmToken.Pin, KeyLabel = "merchant", KeyId = "01" };

        Assert.That(options.ToString(), Is.EqualTo(
            "Pkcs11SignerOptions { LibraryPath = /lib/p11.so, TokenLabel = null, SlotId = 7, Pin = (set), KeyLabel = merchant, KeyId = 01, SigningScheme = WECHATPAY2-SHA256-RSA2048, MaxSessions = 4 }"));
        Assert.That(new Pkcs11SignerOptions().ToString(), Does.Contain("Pin = null"));
    }
}
