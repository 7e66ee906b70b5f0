using System.Net;
using System.Net.Http.Json;
using ChainPay.Samples.MinimalApi;
using ChainPay.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Samples;

/// <summary>samples/ChainPay.Samples.MinimalApi on a real Kestrel at 127.0.0.1, against its in-memory sandbox, end to end.</summary>
public class MinimalApiSampleTests
{
    [Test]
    public async Task TheSample_CreatesAndQueriesAnOrder_TakesItsSignedNotification_AndIsHealthy()
    {
        await using var app = SampleApp.Build(new[] { "--urls", "http://127.0.0.1:0", "--environment", "Testing" });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var sandbox = app.Services.GetRequiredService<WeChatPaySandbox>();

        using var created = await http.PostAsJsonAsync("/orders", new { description = "Image形象店-深圳腾大-QQ公仔", total = 1 });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var order = JObject.Parse(await created.Content.ReadAsStringAsync());
        var outTradeNo = (string)order["out_trade_no"]!;
        Assert.That((string?)order["code_url"], Does.StartWith("weixin://wxpay/bizpayurl?pr="));
        Assert.That(created.Headers.Location?.OriginalString, Is.EqualTo("/orders/" + outTradeNo));

        Assert.That((string?)JObject.Parse(await http.GetStringAsync("/orders/" + outTradeNo))["trade_state"], Is.EqualTo("NOTPAY"));
        Assert.That(sandbox.PayOrder(outTradeNo), Is.True);
        var paid = JObject.Parse(await http.GetStringAsync("/orders/" + outTradeNo));
        Assert.That((string?)paid["trade_state"], Is.EqualTo("SUCCESS"));

        // WeChat Pay tells the service: the paid transaction, encrypted and signed by the sandbox.
        var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", paid);
        using (var request = notice.CreateRequest(new Uri(http.BaseAddress!, "/wechatpay/notify")))
        using (var answer = await http.SendAsync(request))
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using (var replay = notice.CreateRequest(new Uri(http.BaseAddress!, "/wechatpay/notify")))
        using (var refused = await http.SendAsync(replay))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((string?)JObject.Parse(await refused.Content.ReadAsStringAsync())["code"], Is.EqualTo("FAIL"));
        }

        Assert.That((string?)JObject.Parse(await http.GetStringAsync("/notifications"))[outTradeNo], Is.EqualTo("SUCCESS"));
        Assert.That(await http.GetStringAsync("/healthz"), Is.EqualTo("Healthy"));
        await app.StopAsync();
    }
}
