using System.Text;
using ChainPay.Crypto;
using ChainPay.Pkcs11;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Pkcs11.Internal;

/// <summary>Finding the token and the key on the real SoftHSM2 token: each failure names its option, never the PIN.</summary>
public class TokenKeyTests
{
    [Test]
    public void UnknownTokenLabel_NamesTokenLabel_AndListsTheTokens()
    {
        var options = SoftHsmToken.Shared.Options();
        options.TokenLabel = "no-such-token";

        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(options));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("TokenLabel"));
            Assert.That(e.Message, Does.StartWith($"No token `no-such-token` in the PKCS#11 library {SoftHsmToken.Shared.LibraryPath}; the tokens present are: `chainpay` (slot "));
            Assert.That(e.Message, Does.Contain("Fix the `TokenLabel` (or initialise the token)."));
            Assert.That(e.ToString(), Does.Not.Contain(SoftHsmToken.Pin));
        });
    }

    [Test]
    public void UnknownSlotId_NamesSlotId()
    {
        var options = SoftHsmToken.Shared.Options();
        (options.TokenLabel, options.SlotId) = (null, 4242);

        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(options));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("SlotId"));
            Assert.That(e.Message, Does.StartWith("No slot 4242 in the PKCS#11 library"));
        });
    }

    [Test]
    public async Task TheTokenBySlotId_AndTheKeyByIdAlone_SignAsTheMerchant()
    {
        ulong slotId;
        using (var byLabel = new Pkcs11Signer(SoftHsmToken.Shared.Options()))
        {
            slotId = SlotOf(byLabel);
        }

        var options = SoftHsmToken.Shared.Options();
        (options.TokenLabel, options.SlotId, options.KeyLabel, options.KeyId) = (null, slotId, null, SoftHsmToken.MerchantKeyId);
        using var signer = new Pkcs11Signer(options);

        var signature = await signer.SignAsync(Encoding.UTF8.GetBytes(RsaVectors.GetMessage));

        Assert.That(Convert.ToBase64String(signature), Is.EqualTo(Rsa.Sign(RsaVectors.GetMessage, SoftHsmToken.MerchantKey)));
    }

    [Test]
    public void UnknownKeyLabel_NamesKeyLabel()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(SoftHsmToken.Shared.Options("no-such-key")));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("KeyLabel"));
            Assert.That(e.Message, Does.StartWith("No private key with label `no-such-key` on token `chainpay`: fix the `KeyLabel` (list the token's objects with `pkcs11-tool --module "));
            Assert.That(e.ToString(), Does.Not.Contain(SoftHsmToken.Pin));
        });
    }

    [Test]
    public void ALabelAndAnIdOfDifferentKeys_NamesKeyLabel()
    {
        var options = SoftHsmToken.Shared.Options();
        options.KeyId = SoftHsmToken.OtherKeyId;

        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(options));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("KeyLabel"));
            Assert.That(e.Message, Does.StartWith("No private key with label `merchant` and CKA_ID 02 on token `chainpay`"));
        });
    }

    [Test]
    public void UnknownKeyId_NamesKeyId()
    {
        var options = SoftHsmToken.Shared.Options();
        (options.KeyLabel, options.KeyId) = (null, "ff00");

        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(options));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("KeyId"));
            Assert.That(e.Message, Does.StartWith("No private key with CKA_ID ff00 on token `chainpay`: fix the `KeyId`"));
        });
    }

    [Test]
    public void AnEcKey_IsNotRsa_NamesKeyLabel()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(SoftHsmToken.Shared.Options(SoftHsmToken.EcKeyLabel)));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("KeyLabel"));
            Assert.That(e.Message, Does.StartWith("The private key with label `ec-key` on token `chainpay` is not an RSA key (CKK_EC"));
        });
    }

    [Test]
    public void AKeyWithoutCkaSign_NamesKeyLabel()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(SoftHsmToken.Shared.Options(SoftHsmToken.NoSignKeyLabel)));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("KeyLabel"));
            Assert.That(e.Message, Does.StartWith("The private key with label `no-sign` on token `chainpay` does not have CKA_SIGN set: ChainPay signs requests and decrypts fields with it;"));
        });
    }

    private static ulong SlotOf(Pkcs11Signer signer) => signer.Sessions.SlotId;
}
