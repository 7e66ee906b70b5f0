using ChainPay.Payments;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Flurl.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing;

// Whole flows through ChainPay over loopback (a SandboxServer, its own delivery loop on a compressed schedule), each
// ending with WeChat Pay's notification at a real Kestrel MapWeChatPayNotifications endpoint: a JSAPI payment (the
// endpoint answers 500 first, so it is re-delivered), a refund, and a 2025 merchant transfer confirmed by the user.
public partial class WeChatPaySandboxDeliveryTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Test]
    public async Task AJsapiPayment_OverLoopback_ReachesTheEndpoint_AndIsReDeliveredAfterA500()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { NotifyTimeScale = 0.01 });
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sandbox.Delivered += (_, d) =>
        {
            if (d.Succeeded)
            {
                succeeded.TrySetResult();
            }
        };
        var (app, received) = await EndpointAsync(sandbox, failFirst: true);
        await using var _ = app;
        using var server = SandboxServer.Start(sandbox);
        var instance = Builder.Factory(sandbox.CreateOptions(server));

        var prepay = await instance.Chain("v3/pay/transactions/jsapi").PostAsync(new
        {
            json = new
            {
                appid = "wxd678efh567hg6787", mchid = sandbox.Merchant.Mchid, description = "QQ公仔", out_trade_no = "FLOW-PAY",
                notify_url = NotifyEndpoint.Url(app), amount = new { total = 100 }, payer = new { openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
            },
        });
        var prepayId = (string)(await prepay.GetJsonAsync<JObject>())["prepay_id"]!;
        sandbox.PayWithClient(PaySign.Jsapi("wxd678efh567hg6787", prepayId, sandbox.Merchant.PrivateKey));

        var (eventType, resource) = await received.Task.WaitAsync(Generous);
        Assert.That(eventType, Is.EqualTo("TRANSACTION.SUCCESS"));
        Assert.That((string?)resource["out_trade_no"], Is.EqualTo("FLOW-PAY"));
        Assert.That((string?)resource["trade_state"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)resource["trade_type"], Is.EqualTo("JSAPI"));
        await succeeded.Task.WaitAsync(Generous); // recorded once the endpoint's 204 is back
        var deliveries = sandbox.Deliveries;
        Assert.That(deliveries.Select(d => (d.Attempt, d.Status)), Is.EqualTo(new (int, int?)[] { (1, 500), (2, 204) }), "the 500 was delivered again");

        var queried = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "FLOW-PAY", query = new { mchid = sandbox.Merchant.Mchid } });
        Assert.That((string?)(await queried.GetJsonAsync<JObject>())["transaction_id"], Is.EqualTo((string?)resource["transaction_id"]));
    }

    [Test]
    public async Task ARefund_OverLoopback_ReachesTheEndpoint()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { NotifyTimeScale = 0.01 });
        var (app, received) = await EndpointAsync(sandbox, failFirst: false);
        await using var _ = app;
        using var server = SandboxServer.Start(sandbox);
        var instance = Builder.Factory(sandbox.CreateOptions(server));
        await instance.Chain("v3/pay/transactions/native").PostAsync(new
        {
            json = new { appid = "wxd678efh567hg6787", mchid = sandbox.Merchant.Mchid, description = "QQ公仔", out_trade_no = "FLOW-REFUND", amount = new { total = 100 } },
        });
        sandbox.PayOrder("FLOW-REFUND");

        await instance.Chain("v3/refund/domestic/refunds").PostAsync(new
        {
            json = new { out_trade_no = "FLOW-REFUND", out_refund_no = "FLOW-R1", notify_url = NotifyEndpoint.Url(app), amount = new { refund = 40, total = 100, currency = "CNY" } },
        });
        sandbox.CompleteRefund("FLOW-R1");

        var (eventType, resource) = await received.Task.WaitAsync(Generous);
        Assert.That(eventType, Is.EqualTo("REFUND.SUCCESS"));
        Assert.That((string?)resource["out_refund_no"], Is.EqualTo("FLOW-R1"));
        Assert.That((string?)resource["refund_status"], Is.EqualTo("SUCCESS"));
        Assert.That((int?)resource["amount"]?["refund"], Is.EqualTo(40));
    }

    [Test]
    public async Task AMerchantTransfer_ConfirmedByTheUser_OverLoopback_ReachesTheEndpoint()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { NotifyTimeScale = 0.01 });
        var (app, received) = await EndpointAsync(sandbox, failFirst: false);
        await using var _ = app;
        using var server = SandboxServer.Start(sandbox);
        var instance = Builder.Factory(sandbox.CreateOptions(server));

        var created = await instance.Chain("v3/fund-app/mch-transfer/transfer-bills").PostAsync(new
        {
            json = new
            {
                appid = "wxf636efh567hg4356", out_bill_no = "FLOW-BILL", transfer_scene_id = "1005", openid = "o-MYE42l80oelYMDE34nYD456Xoy",
                transfer_amount = 200000, transfer_remark = "2020年4月佣金", user_name = SensitiveField.Of("张三"), notify_url = NotifyEndpoint.Url(app),
            },
        });
        var packageInfo = (string)(await created.GetJsonAsync<JObject>())["package_info"]!;
        Assert.That(sandbox.ConfirmTransfer(packageInfo), Is.True);

        var (eventType, resource) = await received.Task.WaitAsync(Generous);
        Assert.That(eventType, Is.EqualTo("MCHTRANSFER.BILL.FINISHED"));
        Assert.That((string?)resource["out_bill_no"], Is.EqualTo("FLOW-BILL"));
        Assert.That((string?)resource["state"], Is.EqualTo("SUCCESS"));
        var queried = await instance.Chain("v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}").GetAsync(new { out_bill_no = "FLOW-BILL" });
        Assert.That((string?)(await queried.GetJsonAsync<JObject>())["state"], Is.EqualTo("SUCCESS"));
    }

    // The merchant's endpoint: verifies, decrypts and records the first notification it accepts; answers 500 once first when asked.
    private static async Task<(KestrelApp App, TaskCompletionSource<(string EventType, JObject Resource)> Received)> EndpointAsync(WeChatPaySandbox sandbox, bool failFirst)
    {
        var received = new TaskCompletionSource<(string, JObject)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var app = await NotifyEndpoint.StartAsync(sandbox, () => DateTimeOffset.UtcNow, (notification, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1 && failFirst)
            {
                throw new InvalidOperationException("the database is down: answered 500");
            }

            received.TrySetResult((notification.EventType!, notification.DecryptResource()));
            return Task.CompletedTask;
        });
        return (app, received);
    }
}
