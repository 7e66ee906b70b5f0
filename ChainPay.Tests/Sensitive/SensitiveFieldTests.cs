using System.Security.Cryptography;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Sensitive;

public class SensitiveFieldTests
{
    private static readonly RSA PlatformPrivate = FakeWeChatPay.PlatformKey;

    [Test]
    public async Task JsonField_IsEncryptedWithThePlatformKey_AndTheSerialIsSet()
    {
        var fake = new FakeWeChatPay();
        await fake.Create().Chain("v3/fund-app/mch-transfer/transfer-bills").PostAsync(new
        {
            json = new { out_bill_no = "B1", user_name = SensitiveField.Of("张三"), nested = new[] { new { id_card = SensitiveField.Of("110101199003070000") } } },
        });
        var sent = fake.Sent.Single();
        var body = JObject.Parse(sent.BodyText);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Headers["Wechatpay-Serial"], Is.EqualTo(TestKeys.PublicKeyId));
            Assert.That(sent.BodyText, Does.Not.Contain("张三"));
            Assert.That(Rsa.Decrypt((string)body["user_name"]!, PlatformPrivate), Is.EqualTo("张三"));
            Assert.That(Rsa.Decrypt((string)body["nested"]![0]!["id_card"]!, PlatformPrivate), Is.EqualTo("110101199003070000"));
            Assert.That(FakeWeChatPay.VerifyAuthorization(sent, out _), Is.True);
        });
    }

    [Test]
    public async Task WithoutSensitiveFields_AndSendPlatformSerialOff_NoSerialHeaderIsAdded()
    {
        var fake = new FakeWeChatPay();
        await fake.Create(o => o.SendPlatformSerial = false).Chain("v3/x").PostAsync(new { json = new { a = 1 } });
        Assert.That(fake.Sent.Single().Headers.ContainsKey("Wechatpay-Serial"), Is.False);
    }

    [Test]
    public async Task ThePublicKeyId_IsPreferred_AndAPinnedSerialWins()
    {
        using var certificateKey = RSA.Create(2048);
        var fake = new FakeWeChatPay();
        var instance = fake.Create(o => o.Certs = new Dictionary<string, object?> { [TestKeys.PublicKeyId] = PlatformPrivate, ["5157F09EFDC096DE15EBE81A47057A7232F4B0F9"] = certificateKey });
        await instance.Chain("v3/x").PostAsync(new { json = new { n = SensitiveField.Of("a") } });
        await instance.Chain("v3/x").PostAsync(new { json = new { n = SensitiveField.Of("b") }, headers = new Dictionary<string, object?> { ["Wechatpay-Serial"] = "5157F09EFDC096DE15EBE81A47057A7232F4B0F9" } });
        var sent = fake.Sent.ToList();
        Assert.That(sent[0].Headers["Wechatpay-Serial"], Is.EqualTo(TestKeys.PublicKeyId));
        Assert.That(sent[1].Headers["Wechatpay-Serial"], Is.EqualTo("5157F09EFDC096DE15EBE81A47057A7232F4B0F9"));
        Assert.That(Rsa.Decrypt((string)JObject.Parse(sent[1].BodyText)["n"]!, certificateKey), Is.EqualTo("b"));
    }

    [Test]
    public void APinnedSerialNotInCerts_IsRefusedBeforeSending()
    {
        var fake = new FakeWeChatPay();
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => fake.Create().Chain("v3/x").PostAsync(new
        {
            json = new { n = SensitiveField.Of("a") },
            headers = new Dictionary<string, object?> { ["Wechatpay-Serial"] = "NOPE" },
        }));
        Assert.That(e!.ParamName, Is.EqualTo("Wechatpay-Serial"));
        Assert.That(fake.Sent, Is.Empty);
    }

    [Test]
    public void Decrypt_ReadsFieldsEncryptedForTheMerchant()
    {
        var ciphertext = Rsa.Encrypt("李四", TestKeys.SpkiPublicKey);
        Assert.That(SensitiveField.Decrypt(ciphertext, TestKeys.Pkcs8PrivateKey), Is.EqualTo("李四"));
    }

    [Test]
    public void OutsideChainPay_ItCannotBeSerialised_AndNeverShowsItsValue()
    {
        var field = SensitiveField.Of("张三");
        Assert.That(field.ToString(), Is.EqualTo("SensitiveField(***)"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => SensitiveField.Of(null!))!.ParamName, Is.EqualTo("plaintext"));
        Assert.That(() => JsonConvert.SerializeObject(new { field }, new ChainPay.SensitiveConverter()), Throws.InstanceOf<InvalidOperationException>());
    }
}
