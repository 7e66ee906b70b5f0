using ChainPay.Notifications;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Notifications;

public class NotificationTests
{
    private sealed class Transaction
    {
        [JsonProperty("out_trade_no")]
        public string? OutTradeNo { get; set; }

        [JsonProperty("amount")]
        public JObject? Amount { get; set; }
    }

    [Test]
    public void DecryptResource_IntoTheCallersType()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var transaction = NotificationVerifierTests.Verifier().Verify(headers, body).DecryptResource<Transaction>();
        Assert.That(transaction.OutTradeNo, Is.EqualTo("1217752501201407033233368018"));
        Assert.That((int)transaction.Amount!["total"]!, Is.EqualTo(100));
    }

    [Test]
    public void DecryptResource_WithAnotherApiV3Key_Fails()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var verifier = new NotificationVerifier(new NotificationOptions
        {
            Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
            ApiV3Key = "fedcba9876543210fedcba9876543210",
            Clock = () => NotificationVerifierTests.Now,
        });
        var notification = verifier.Verify(headers, body);
        Assert.Throws<NotificationVerificationException>(() => notification.DecryptResourceText());
    }

    [Test]
    public void DecryptResource_WithoutAnApiV3Key_SaysSo()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var verifier = new NotificationVerifier(new NotificationOptions { Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey }, Clock = () => NotificationVerifierTests.Now });
        var e = Assert.Throws<NotificationVerificationException>(() => verifier.Verify(headers, body).DecryptResource());
        Assert.That(e!.Message, Does.Contain("ApiV3Key"));
    }
}
