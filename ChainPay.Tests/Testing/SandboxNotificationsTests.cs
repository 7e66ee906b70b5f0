using ChainPay.Notifications;
using ChainPay.Testing;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing;

/// <summary>WeChatPaySandbox.CreateNotification: what a merchant's verifier sees is WeChat Pay's notification, genuine.</summary>
public class SandboxNotificationsTests
{
    private static NotificationVerifier Verifier(WeChatPaySandbox sandbox, bool replay = false) => new(new NotificationOptions
    {
        Certs = { [sandbox.PlatformKeyId] = sandbox.PlatformPublicKey },
        ApiV3Key = sandbox.ApiV3Key,
        ReplayProtection = replay,
    });

    [TestCase(SandboxKeyMode.PublicKeyId)]
    [TestCase(SandboxKeyMode.CertificateSerial)]
    public void ANotification_VerifiesWithThePlatformKey_AndDecryptsWithTheApiV3Key(SandboxKeyMode mode)
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = mode });
        var notice = sandbox.CreateNotification("REFUND.SUCCESS", new { out_refund_no = "R1", refund_status = "SUCCESS" }, "EV-7");

        var notification = Verifier(sandbox).Verify(notice.Headers, notice.Body);

        Assert.That(notice.Headers["wechatpay-serial"], Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That((notification.Id, notification.EventType, notification.ResourceType), Is.EqualTo(("EV-7", "REFUND.SUCCESS", "encrypt-resource")));
        Assert.That(notification.DecryptResource()["out_refund_no"]!.ToString(), Is.EqualTo("R1"));
        Assert.That((string?)notification.Body["resource"]!["associated_data"], Is.EqualTo("refund"));
        Assert.That(notice.ToString(), Does.Contain("REFUND.SUCCESS").And.Not.Contain(notice.Headers["Wechatpay-Signature"]));
    }

    [Test]
    public void EachNotification_HasAFreshNonceAndId_AndTheSandboxClock()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1795455453);
        var sandbox = new WeChatPaySandbox(new SandboxOptions { Clock = () => at });
        var a = sandbox.CreateNotification("TRANSACTION.SUCCESS", "{\"out_trade_no\":\"1\"}");
        var b = sandbox.CreateNotification("TRANSACTION.SUCCESS", new JObject { ["out_trade_no"] = "1" });

        Assert.That(a.Headers["Wechatpay-Nonce"], Is.Not.EqualTo(b.Headers["Wechatpay-Nonce"]));
        Assert.That((string?)JObject.Parse(a.Body)["id"], Is.Not.EqualTo((string?)JObject.Parse(b.Body)["id"]));
        Assert.That(a.Headers["Wechatpay-Timestamp"], Is.EqualTo("1795455453"));
        Assert.That(a.Body, Does.Contain("\"create_time\":\"2026-11-24T01:37:33+08:00\""), "RFC 3339 in Beijing time, as WeChat Pay writes it");
    }

    [Test]
    public void NoEventType_OrNoResource_IsRefused()
    {
        var sandbox = new WeChatPaySandbox();
        Assert.That(Assert.Throws<InvalidArgumentException>(() => sandbox.CreateNotification(string.Empty, new { }))!.ParamName, Is.EqualTo("eventType"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => sandbox.CreateNotification("TRANSACTION.SUCCESS", null!))!.ParamName, Is.EqualTo("resource"));
    }
}
