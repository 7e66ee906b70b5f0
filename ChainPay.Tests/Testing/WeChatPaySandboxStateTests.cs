using System.Net;
using ChainPay.Testing;
using static ChainPay.Tests.Fixtures.SandboxFixture;

namespace ChainPay.Tests.Testing;

/// <summary>
/// <see cref="WeChatPaySandbox"/> state: transfer bills and payment orders through their lifecycles, the seeded samples
/// and injected faults.
/// </summary>
public class WeChatPaySandboxStateTests
{
    [Test]
    public async Task QqWalletBill_CancelFlow_WaitUserConfirm_Canceling_Cancelled()
    {
        var (_, instance) = Create();
        var cancel = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}/cancel");
        var query = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}");

        Assert.That((string?)(await Json(await query.GetAsync(new { out_bill_no = "plfk2020042013" })))["state"], Is.EqualTo("WAIT_USER_CONFIRM"));
        var canceled = await Json(await cancel.PostAsync(new { out_bill_no = "plfk2020042013" }));
        Assert.That((string?)canceled["state"], Is.EqualTo("CANCELING"));
        Assert.That((string?)canceled["transfer_bill_no"], Is.Not.Empty);
        Assert.That((string?)(await Json(await query.GetAsync(new { out_bill_no = "plfk2020042013" })))["state"], Is.EqualTo("CANCELLED"));
        Assert.That((string?)(await Json(await cancel.PostAsync(new { out_bill_no = "plfk2020042013" })))["state"], Is.EqualTo("CANCELLED"));
    }

    [Test]
    public async Task MerchantBill_CreateQueryCancel_AndASuccessBillCannotBeCancelled()
    {
        var (sandbox, instance) = Create();
        var created = await Json(await instance.Chain("v3/fund-app/mch-transfer/transfer-bills").PostAsync(new
        {
            json = new { appid = "wxf636efh567hg4356", out_bill_no = "B1", transfer_scene_id = "1000", openid = "o-1", transfer_amount = 100, transfer_remark = "报销" },
        }));
        Assert.That((string?)created["state"], Is.EqualTo("WAIT_USER_CONFIRM"));

        Assert.That(sandbox.ConfirmTransfer("B1"), Is.True);
        var bill = await Json(await instance.Chain("v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}").GetAsync(new { out_bill_no = "B1" }));
        Assert.That((string?)bill["state"], Is.EqualTo("SUCCESS"));

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}/cancel").PostAsync(new { out_bill_no = "B1" }));
        Assert.That(e!.StatusCode, Is.EqualTo(400));
        Assert.That(e.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(e.Verified, Is.True);
    }

    [Test]
    public async Task PartnerBill_Seed002_CancelNeedsTheSubMerchant()
    {
        var (_, instance) = Create();
        var res = await Json(await instance.Chain("v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel")
            .PostAsync(new { out_bill_no = "plfk2020042013", json = new { sub_mchid = "1900001109" } }));
        Assert.That((string?)res["state"], Is.EqualTo("CANCELING"));
        Assert.That((string?)res["sub_mchid"], Is.EqualTo("1900001109"));

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel")
            .PostAsync(new { out_bill_no = "plfk2020042013", json = new { sub_mchid = "1900009999" } }));
        Assert.That(e!.Code, Is.EqualTo("NOT_FOUND"));
        Assert.That(e.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task DirectOrder_NativeQueryPayCloseReverse()
    {
        var (sandbox, instance) = Create();
        var created = await Json(await instance.Chain("v3/pay/transactions/native").PostAsync(new
        {
            json = new { appid = "wxd678efh567hg6787", mchid = "1230000109", description = "d", out_trade_no = "T1", notify_url = "https://weixin.qq.com/", amount = new { total = 1, currency = "CNY" } },
        }));
        Assert.That((string?)created["code_url"], Does.StartWith("weixin://wxpay/bizpayurl?pr="));

        var query = instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}");
        Assert.That((string?)(await Json(await query.GetAsync(new { out_trade_no = "T1", query = new { mchid = "1230000109" } })))["trade_state"], Is.EqualTo("NOTPAY"));

        var closed = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new { out_trade_no = "T1", json = new { mchid = "1230000109" } });
        Assert.That(closed.StatusCode, Is.EqualTo(204));
        Assert.That((string?)(await Json(await query.GetAsync(new { out_trade_no = "T1", query = new { mchid = "1230000109" } })))["trade_state"], Is.EqualTo("CLOSED"));

        Assert.That(sandbox.PayOrder(WeChatPaySandbox.SampleOutTradeNo), Is.True);
        var paid = await Json(await query.GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = "1230000109" } }));
        Assert.That((string?)paid["trade_state"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)paid["transaction_id"], Is.Not.Empty);

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, json = new { mchid = "1230000109" } }));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));

        var reversed = await Json(await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" } }));
        Assert.That(reversed.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_trade_no\":\"1217752501201407033233368018\"}"));
        Assert.That((string?)(await Json(await query.GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = "1230000109" } })))["trade_state"], Is.EqualTo("REVOKED"));
    }

    [Test]
    public async Task PartnerOrder_Seed003_Reverse()
    {
        var (_, instance) = Create();
        var res = await Json(await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new
        {
            out_trade_no = WeChatPaySandbox.SampleOutTradeNo,
            json = new { sp_appid = "wxd678efh567hg6787", sp_mchid = "1230000109", sub_appid = "wxd678efh567hg6787", sub_mchid = "1230000109" },
        }));
        Assert.That((string?)res["sub_mchid"], Is.EqualTo("1230000109"));
        Assert.That((string?)res["out_trade_no"], Is.EqualTo(WeChatPaySandbox.SampleOutTradeNo));
        var order = await Json(await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}").GetAsync(new
        {
            out_trade_no = WeChatPaySandbox.SampleOutTradeNo,
            query = new { sp_mchid = "1230000109", sub_mchid = "1230000109" },
        }));
        Assert.That((string?)order["trade_state"], Is.EqualTo("REVOKED"));
    }

    [Test]
    public void SystemError_WhenInjected_OnceOnly()
    {
        var (sandbox, instance) = Create();
        sandbox.FailNext(HttpStatusCode.InternalServerError, "SYSTEM_ERROR", "系统异常，请稍后重试");
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = "plfk2020042013" }));
        Assert.That(e!.Code, Is.EqualTo("SYSTEM_ERROR"));
        Assert.That(e.StatusCode, Is.EqualTo(500));
        Assert.DoesNotThrowAsync(() => instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = "plfk2020042013" }));
    }

    [Test]
    public async Task MerchantTransfer2025_UserConfirmsWithThePackageInfo_OverLoopback()
    {
        var sandbox = new WeChatPaySandbox();
        using var server = SandboxServer.Start(sandbox);
        var instance = Builder.Factory(sandbox.CreateOptions(server));
        var created = await Json(await instance.Chain("v3/fund-app/mch-transfer/transfer-bills").PostAsync(new { json = TransferBill("L1", SensitiveField.Of("张三")) }));
        Assert.That((string?)created["state"], Is.EqualTo("WAIT_USER_CONFIRM"));

        Assert.That(sandbox.ConfirmTransfer((string)created["package_info"]!), Is.True);
        var bill = await Json(await instance.Chain("v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}").GetAsync(new { out_bill_no = "L1" }));
        Assert.That(((string?)bill["state"], (string?)bill["mch_id"], (string?)bill["transfer_bill_no"]), Is.EqualTo(("SUCCESS", "1230000109", (string?)created["transfer_bill_no"])));
        Assert.That(sandbox.ConfirmTransfer((string)created["package_info"]!), Is.False); // done: nothing left to confirm
    }

    [Test]
    public async Task MerchantTransfer2025_DeclinedOrFailed_CarryTheirStates()
    {
        var (sandbox, instance) = Create();
        var create = instance.Chain("v3/fund-app/mch-transfer/transfer-bills");
        var query = instance.Chain("v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}");
        var declined = await Json(await create.PostAsync(new { json = TransferBill("D1", null) }));
        await create.PostAsync(new { json = TransferBill("F1", null) });

        Assert.That(sandbox.DeclineTransfer((string)declined["package_info"]!), Is.True);
        Assert.That(sandbox.FailTransfer("F1", "PAYEE_ACCOUNT_ABNORMAL"), Is.True);
        Assert.That(sandbox.DeclineTransfer("F1"), Is.False);
        Assert.That((string?)(await Json(await query.GetAsync(new { out_bill_no = "D1" })))["state"], Is.EqualTo("CANCELLED"));
        var failed = await Json(await query.GetAsync(new { out_bill_no = "F1" }));
        Assert.That(((string?)failed["state"], (string?)failed["fail_reason"]), Is.EqualTo(("FAIL", "PAYEE_ACCOUNT_ABNORMAL")));
        Assert.Throws<InvalidArgumentException>(() => sandbox.FailTransfer("F1", ""));
    }

    [Test]
    public async Task MerchantTransfer2025_CancelAnswersItsShape_AndAFinishedBillCannotBeCancelled()
    {
        var (sandbox, instance) = Create();
        await instance.Chain("v3/fund-app/mch-transfer/transfer-bills").PostAsync(new { json = TransferBill("C1", null) });
        var cancel = instance.Chain("v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}/cancel");
        var canceling = await Json(await cancel.PostAsync(new { out_bill_no = "C1" }));
        Assert.That(canceling.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "out_bill_no", "transfer_bill_no", "state", "update_time" }));
        Assert.That((string?)canceling["state"], Is.EqualTo("CANCELING"));
        Assert.That((string?)(await Json(await cancel.PostAsync(new { out_bill_no = "C1" })))["state"], Is.EqualTo("CANCELLED"));
        Assert.That(sandbox.ConfirmTransfer((string)canceling["out_bill_no"]! + "-none"), Is.False);
    }

    private static object TransferBill(string outBillNo, SensitiveField? userName) => new
    {
        appid = "wxf636efh567hg4356", out_bill_no = outBillNo, transfer_scene_id = "1000", openid = "o-MYE42l80oelYMDE34nYD456Xoy",
        transfer_amount = 200000, transfer_remark = "2020年4月报销", notify_url = "https://merchant.example/transfer",
        user_name = userName ?? SensitiveField.Of("张三"),
        transfer_scene_report_infos = new[] { new { info_type = "岗位类型", info_content = "外卖员" }, new { info_type = "报酬说明", info_content = "7月份配送费" } },
    };
}
