using ChainPay.Testing;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing;

public class SandboxServerTests
{
    [Test]
    public async Task Serves_OnLoopback_AndAnswersVerify()
    {
        var sandbox = new WeChatPaySandbox();
        using var server = SandboxServer.Start(sandbox);
        Assert.That(server.BaseUri.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.BaseUri.Port, Is.GreaterThan(0));

        dynamic wxpay = Builder.Factory(sandbox.CreateOptions(server));
        var res = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse.PostAsync(new
        {
            out_trade_no = WeChatPaySandbox.SampleOutTradeNo,
            json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" },
        });
        string text = await res.GetStringAsync();
        Assert.That((string?)JObject.Parse(text)["out_trade_no"], Is.EqualTo(WeChatPaySandbox.SampleOutTradeNo));

        BuilderChain instance = wxpay;
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/no/such").GetAsync());
        Assert.That(e!.Code, Is.EqualTo("NOT_FOUND"));
        Assert.That(e.Verified, Is.True);
    }

    [Test]
    public void Dispose_StopsServing()
    {
        var sandbox = new WeChatPaySandbox();
        var server = SandboxServer.Start(sandbox);
        var instance = Builder.Factory(sandbox.CreateOptions(server));
        server.Dispose();
        Assert.That(() => instance.Chain("v3/certificates").GetAsync(), Throws.InstanceOf<Flurl.Http.FlurlHttpException>());
    }

    [Test]
    public void Start_NeedsASandbox()
    {
        Assert.Throws<InvalidArgumentException>(() => SandboxServer.Start(null!));
    }
}
