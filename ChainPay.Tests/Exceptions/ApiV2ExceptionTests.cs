using System.Net;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Exceptions;

public class ApiV2ExceptionTests
{
    [TestCase("<xml><return_code><a>FAIL</a></return_code><return_msg><b/></return_msg></xml>")]
    [TestCase("<xml><return_code>FAIL</return_code><return_code>SUCCESS</return_code></xml>")]
    [TestCase("{\"return_code\":\"FAIL\"}")]
    [TestCase("[1]")]
    [TestCase("")]
    [TestCase("<xml><return_code>FAIL")]
    public void AnyNonSuccessBody_IsAnApiV2Exception_WithTheRawBodyKept(string body)
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.OK, body) };
        var instance = fake.Create(o => o.Secret = "0123456789abcdef0123456789abcdef");
        var e = Assert.ThrowsAsync<ApiV2Exception>(() => instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = FakeWeChatPay.Mchid } }));
        Assert.That(e!.Body, Is.EqualTo(body));
        Assert.That(e.ReturnCode, Is.Null.Or.EqualTo("FAIL"));
        Assert.That(e.Message, Does.StartWith("The APIv2 answer's return_code is not SUCCESS"));
    }
}
