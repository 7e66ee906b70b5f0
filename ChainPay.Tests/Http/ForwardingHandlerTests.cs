using System.Net;
using ChainPay.Http;
using RichardSzalay.MockHttp;

namespace ChainPay.Tests.Http;

public class ForwardingHandlerTests
{
    [Test]
    public async Task Forwards_ACopy_WithRawHeadersAndTheSameContent_AndNeverDisposesTheInnerClient()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.Fallback.Respond(r => { seen = r; return new HttpResponseMessage(HttpStatusCode.OK); });
        var inner = new HttpClient(mock);
        var outer = new HttpClient(new ForwardingHandler(inner));
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.mch.weixin.qq.com/v3/x") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Accept", "image/*;q=0.5");
        var response = await outer.SendAsync(request);
        Assert.That(response.RequestMessage, Is.SameAs(request));
        Assert.That(seen, Is.Not.SameAs(request));
        Assert.That(string.Join(",", seen!.Headers.NonValidated["Accept"]), Is.EqualTo("image/*;q=0.5"));
        Assert.That(seen.Content, Is.SameAs(request.Content));
        outer.Dispose();
        Assert.DoesNotThrowAsync(() => inner.GetAsync("https://api.mch.weixin.qq.com/v3/y"));
    }
}
