using ChainPay.Pkcs11;
using ChainPay.Pkcs11.Internal;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Pkcs11.Internal;

/// <summary>The options are checked before the library is loaded: each mistake names its option, never the PIN.</summary>
public class Pkcs11TargetTests
{
    private static Pkcs11SignerOptions Valid() => new() { LibraryPath = "libsofthsm2.so", TokenLabel = "chainpay", Pin = SoftHsmToken.Pin, KeyLabel = "merchant" };

    private static IEnumerable<TestCaseData> Mistakes()
    {
        yield return Case("no library", o => o.LibraryPath = null, "LibraryPath", "The `LibraryPath` is required: the PKCS#11 module of your HSM, e.g. /usr/lib/softhsm/libsofthsm2.so for SoftHSM2.");
        yield return Case("blank library", o => o.LibraryPath = " ", "LibraryPath", "The `LibraryPath` is required…");
        yield return Case("missing library file", o => o.LibraryPath = "/nonexistent/libp11.so", "LibraryPath",
            "The `LibraryPath` /nonexistent/libp11.so does not exist: install your HSM's PKCS#11 module (SoftHSM2: apt-get install softhsm2) and set its full path.");
        yield return Case("SM2", o => o.SigningScheme = BuilderOptions.SchemeSm2, "SigningScheme",
            "The `SigningScheme` WECHATPAY2-SM2-WITH-SM3 is not supported by this token/library: ChainPay.Pkcs11 signs with RSA keys only…");
        yield return Case("other scheme", o => o.SigningScheme = "RSA", "SigningScheme", "The `SigningScheme` must be WECHATPAY2-SHA256-RSA2048, not RSA.");
        yield return Case("no token", o => o.TokenLabel = null, "TokenLabel", "Set one of `TokenLabel` (the token's label, as `softhsm2-util --show-slots` lists it) or `SlotId`.");
        yield return Case("both token and slot", o => o.SlotId = 0, "TokenLabel", "Set one of `TokenLabel`…");
        yield return Case("no PIN", o => o.Pin = "", "Pin", "The `Pin` (the token's user PIN) is required.");
        yield return Case("no key", o => o.KeyLabel = null, "KeyLabel", "Set the `KeyLabel` (CKA_LABEL) and/or `KeyId` (CKA_ID, hex) of the merchant private key.");
        yield return Case("odd hex id", o => o.KeyId = "012", "KeyId", "The `KeyId` must be the key's CKA_ID in hex, an even number of 0-9a-f digits (e.g. 01a2).");
        yield return Case("not hex id", o => o.KeyId = "0g", "KeyId", "The `KeyId` must be…");
        yield return Case("no sessions", o => o.MaxSessions = 0, "MaxSessions", "The `MaxSessions` must be at least 1, not 0.");
    }

    [TestCaseSource(nameof(Mistakes))]
    public void From_AMistake_NamesItsOption_AndNotThePin(Action<Pkcs11SignerOptions> mistake, string option, string message)
    {
        var options = Valid();
        mistake(options);

        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(options));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo(option));
            var expected = RsaVectors.ArgumentMessage(message.TrimEnd('…'), option);
            Assert.That(e.Message, message.EndsWith('…') ? Does.StartWith(message.TrimEnd('…')) : Is.EqualTo(expected));
            Assert.That(e.ToString(), Does.Not.Contain(SoftHsmToken.Pin));
        });
    }

    [Test]
    public void From_Null_NamesTheOptions()
    {
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(null!))!.ParamName, Is.EqualTo("options"));
    }

    [Test]
    public void From_ParsesTheKeyId_AndTrimsTheTokenLabel()
    {
        var target = Pkcs11Target.From(new Pkcs11SignerOptions { LibraryPath = "libp11.so", TokenLabel = "chainpay   ", Pin = "1", KeyId = "01A2ff" });

        Assert.Multiple(() =>
        {
            Assert.That(target.KeyId, Is.EqualTo(new byte[] { 0x01, 0xa2, 0xff }));
            Assert.That(target.TokenLabel, Is.EqualTo("chainpay"));
            Assert.That(target.Key, Is.EqualTo("CKA_ID 01a2ff"));
            Assert.That(target.KeyOption, Is.EqualTo("KeyId"));
        });
    }

    private static TestCaseData Case(string name, Action<Pkcs11SignerOptions> mistake, string option, string message) =>
        new TestCaseData(mistake, option, message).SetName("From_" + name.Replace(' ', '_') + "_Names" + option);
}
