using ChainPay.Testing;

namespace ChainPay.Tests.Testing;

/// <summary>SandboxNotification.CreateRequest: the POST WeChat Pay sends, byte for byte the signed body.</summary>
public class SandboxNotificationTests
{
    [Test]
    public async Task CreateRequest_PostsTheSignedBody_WithTheFourHeaders()
    {
        var notice = new WeChatPaySandbox().CreateNotification("TRANSACTION.SUCCESS", new { out_trade_no = "1" });
        using var request = notice.CreateRequest(new Uri("http://127.0.0.1:1/notify"));

        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(await request.Content!.ReadAsStringAsync(), Is.EqualTo(notice.Body));
        Assert.That(request.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        foreach (var name in new[] { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial", "Wechatpay-Signature" })
        {
            Assert.That(request.Headers.GetValues(name).Single(), Is.EqualTo(notice.Headers[name]));
        }

        Assert.That(Assert.Throws<InvalidArgumentException>(() => notice.CreateRequest(null!))!.ParamName, Is.EqualTo("endpoint"));
    }
}
