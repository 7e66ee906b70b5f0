using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.Fixtures.SandboxFixture;
using static ChainPay.Tests.Testing.Internal.PaymentRoutesTests;

namespace ChainPay.Tests.Testing.Internal;

/// <summary>
/// <c>/v3/refund/domestic/refunds</c> through ChainPay against a <see cref="SandboxServer"/> on loopback: create by
/// <c>out_trade_no</c> or <c>transaction_id</c>, <c>PROCESSING</c> then <c>SUCCESS</c> at the query, the order's
/// <c>REFUND</c> state, <c>REFUND.SUCCESS</c>, over-refunds, unpaid and unknown orders, and partners.
/// </summary>
public class RefundRoutesTests : LoopbackSandboxTests
{
    private const string RefundNotify = "http://127.0.0.1:5000/wechatpay/refund";

    [SetUp]
    public async Task SetUp()
    {
        await instance.Chain("v3/pay/transactions/native").PostAsync(new { json = Direct("R-ORDER", total: 100) });
    }

    private async Task<JObject> Refund(object body) => await Json(await instance.Chain("v3/refund/domestic/refunds").PostAsync(new { json = body }));

    private async Task<JObject> QueryRefund(string outRefundNo, string? subMchid = null) =>
        await Json(await instance.Chain("v3/refund/domestic/refunds/{out_refund_no}").GetAsync(new
        {
            out_refund_no = outRefundNo, query = subMchid is null ? null : new { sub_mchid = subMchid },
        }));

    private async Task<string> TradeState(string outTradeNo) =>
        (string)(await Json(await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new
        {
            out_trade_no = outTradeNo, query = new { mchid = "1230000109" },
        })))["trade_state"]!;

    [Test]
    public async Task Create_Processing_QuerySucceeds_OrderIsRefund_RefundSuccessRaised()
    {
        sandbox.PayOrder("R-ORDER");
        var created = await Refund(new { out_trade_no = "R-ORDER", out_refund_no = "RF1", reason = "商品已售完", notify_url = RefundNotify, amount = new { refund = 40, total = 100, currency = "CNY" } });
        Assert.That((string?)created["status"], Is.EqualTo("PROCESSING"));
        Assert.That((string?)created["refund_id"], Has.Length.EqualTo(29));
        Assert.That((string?)created["out_trade_no"], Is.EqualTo("R-ORDER"));
        Assert.That((long?)created["amount"]!["refund"], Is.EqualTo(40));
        Assert.That(created["success_time"], Is.Null);
        Assert.That(await TradeState("R-ORDER"), Is.EqualTo("REFUND"));
        Assert.That(sandbox.RaisedEvents.Select(e => e.EventType), Is.EqualTo(new[] { "TRANSACTION.SUCCESS" }), "nothing raised while PROCESSING");

        var queried = await QueryRefund("RF1");
        Assert.That((string?)queried["status"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)queried["success_time"], Is.Not.Empty);
        Assert.That((string?)queried["refund_id"], Is.EqualTo((string?)created["refund_id"]));

        var raised = sandbox.RaisedEvents.Last();
        Assert.That((raised.Mchid, raised.NotifyUrl, raised.EventType), Is.EqualTo(("1230000109", (string?)RefundNotify, "REFUND.SUCCESS")));
        Assert.That(raised.Resource.Properties().Select(p => p.Name), Is.EqualTo(new[]
        {
            "mchid", "out_trade_no", "transaction_id", "out_refund_no", "refund_id", "refund_status", "success_time", "user_received_account", "amount",
        }));
        Assert.That((string?)raised.Resource["refund_status"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)raised.Resource["transaction_id"], Is.EqualTo((string?)created["transaction_id"]));
        Assert.That(raised.Resource["amount"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"total\":100,\"refund\":40,\"payer_total\":100,\"payer_refund\":40}"));

        await QueryRefund("RF1");
        Assert.That(sandbox.RaisedEvents.Count(e => e.EventType == "REFUND.SUCCESS"), Is.EqualTo(1), "raised once");
    }

    [Test]
    public async Task ByTransactionId_AndTheSameRequestAgain_AnswersTheSameRefund()
    {
        sandbox.PayOrder("R-ORDER");
        var id = (string)(await Json(await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "R-ORDER", query = new { mchid = "1230000109" } })))["transaction_id"]!;
        var body = new { transaction_id = id, out_refund_no = "RF2", amount = new { refund = 100, total = 100, currency = "CNY" } };
        var created = await Refund(body);
        var again = await Refund(body);
        Assert.That((string?)again["refund_id"], Is.EqualTo((string?)created["refund_id"]));

        var e = Assert.ThrowsAsync<ApiException>(() => Refund(new { transaction_id = id, out_refund_no = "RF2", amount = new { refund = 50, total = 100, currency = "CNY" } }));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public async Task OverRefund_IsInvalidRequest_CountingEarlierRefunds()
    {
        sandbox.PayOrder("R-ORDER");
        await Refund(new { out_trade_no = "R-ORDER", out_refund_no = "RF3", amount = new { refund = 60, total = 100, currency = "CNY" } });
        var e = Assert.ThrowsAsync<ApiException>(() => Refund(new { out_trade_no = "R-ORDER", out_refund_no = "RF4", amount = new { refund = 41, total = 100, currency = "CNY" } }));
        Assert.That(e!.StatusCode, Is.EqualTo(400));
        Assert.That(e.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(e.ErrorMessage, Is.EqualTo("申请退款金额(41)超过订单可退金额(40)"));

        Assert.That((string?)(await Refund(new { out_trade_no = "R-ORDER", out_refund_no = "RF4", amount = new { refund = 40, total = 100, currency = "CNY" } }))["status"], Is.EqualTo("PROCESSING"));
    }

    [Test]
    public void UnpaidAndUnknownOrders_AreResourceNotExists()
    {
        var e = Assert.ThrowsAsync<ApiException>(() => Refund(new { out_trade_no = "R-ORDER", out_refund_no = "RF5", amount = new { refund = 1, total = 100, currency = "CNY" } }));
        Assert.That(e!.StatusCode, Is.EqualTo(404));
        Assert.That(e.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
        Assert.That(e.ErrorMessage, Does.Contain("未支付的订单不能发起退款"));

        e = Assert.ThrowsAsync<ApiException>(() => Refund(new { out_trade_no = "NO-SUCH", out_refund_no = "RF5", amount = new { refund = 1, total = 100, currency = "CNY" } }));
        Assert.That(e!.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
        Assert.That(e.ErrorMessage, Is.EqualTo("订单不存在"));

        e = Assert.ThrowsAsync<ApiException>(() => Refund(new { transaction_id = "4200000985202306999", out_refund_no = "RF5", amount = new { refund = 1, total = 100, currency = "CNY" } }));
        Assert.That((e!.StatusCode, e.Code), Is.EqualTo((404, "RESOURCE_NOT_EXISTS")), "an unknown transaction_id");

        e = Assert.ThrowsAsync<ApiException>(() => QueryRefund("RF5"));
        Assert.That(e!.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }

    [TestCase("{\"out_refund_no\":\"X\",\"amount\":{\"refund\":1,\"total\":100,\"currency\":\"CNY\"}}", "transaction_id和out_trade_no")]
    [TestCase("{\"out_trade_no\":\"R-ORDER\",\"amount\":{\"refund\":1,\"total\":100,\"currency\":\"CNY\"}}", "out_refund_no")]
    [TestCase("{\"out_trade_no\":\"R-ORDER\",\"out_refund_no\":\"X\",\"amount\":{\"refund\":1,\"total\":100}}", "amount/currency")]
    [TestCase("{\"out_trade_no\":\"R-ORDER\",\"out_refund_no\":\"X\",\"amount\":{\"refund\":0,\"total\":100,\"currency\":\"CNY\"}}", "amount/refund")]
    public void MissingOrMalformedFields_AreParamError(string body, string named)
    {
        sandbox.PayOrder("R-ORDER");
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/refund/domestic/refunds").PostAsync(new { body }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.ErrorMessage, Does.Contain(named));
    }

    [Test]
    public void AnotherTotal_IsInvalidRequest()
    {
        sandbox.PayOrder("R-ORDER");
        var e = Assert.ThrowsAsync<ApiException>(() => Refund(new { out_trade_no = "R-ORDER", out_refund_no = "RF6", amount = new { refund = 1, total = 99, currency = "CNY" } }));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(e.ErrorMessage, Does.Contain("amount.total(99)"));
    }

    [Test]
    public async Task Partner_WithSubMchid_QueryNeedsTheSubMchid_RaisedWithSpAndSubMchid()
    {
        await instance.Chain("v3/pay/partner/transactions/native").PostAsync(new { json = Partner("R-P") });
        sandbox.PayOrder("R-P");
        var created = await Refund(new { sub_mchid = "1900000109", out_trade_no = "R-P", out_refund_no = "RP1", notify_url = RefundNotify, amount = new { refund = 100, total = 100, currency = "CNY" } });
        Assert.That((string?)created["status"], Is.EqualTo("PROCESSING"));

        var e = Assert.ThrowsAsync<ApiException>(() => QueryRefund("RP1"));
        Assert.That(e!.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"), "without sub_mchid it is the direct merchant's refund");

        Assert.That((string?)(await QueryRefund("RP1", "1900000109"))["status"], Is.EqualTo("SUCCESS"));
        var raised = sandbox.RaisedEvents.Last();
        Assert.That(raised.EventType, Is.EqualTo("REFUND.SUCCESS"));
        Assert.That((string?)raised.Resource["sp_mchid"], Is.EqualTo("1230000109"));
        Assert.That((string?)raised.Resource["sub_mchid"], Is.EqualTo("1900000109"));
        Assert.That(raised.Resource["mchid"], Is.Null);
        var order = await Json(await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}").GetAsync(new
        {
            out_trade_no = "R-P", query = new { sp_mchid = "1230000109", sub_mchid = "1900000109" },
        }));
        Assert.That((string?)order["trade_state"], Is.EqualTo("REFUND"));
    }

    [Test]
    public async Task RefundedOrder_CannotBeClosedOrPaidAgain()
    {
        sandbox.PayOrder("R-ORDER");
        await Refund(new { out_trade_no = "R-ORDER", out_refund_no = "RF7", amount = new { refund = 1, total = 100, currency = "CNY" } });
        Assert.That(sandbox.PayOrder("R-ORDER"), Is.False);
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new { out_trade_no = "R-ORDER", json = new { mchid = "1230000109" } }));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));
    }
}
