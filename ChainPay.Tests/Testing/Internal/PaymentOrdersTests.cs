using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing.Internal;

/// <summary><see cref="PaymentOrders"/> alone: prepay answers and their idempotency, paying, and the event each payment raises.</summary>
public class PaymentOrdersTests
{
    private readonly List<(string Mchid, string? NotifyUrl, string EventType, JObject Resource)> raised = new();

    [SetUp]
    public void SetUp() => raised.Clear();

    private PaymentOrders Create() => new(() => "2024-01-01T00:00:00+08:00", (m, u, t, r) => raised.Add((m, u, t, r)));

    private static JObject Order(string outTradeNo, int total = 1) => new()
    {
        ["appid"] = "wxd678efh567hg6787", ["mchid"] = "1230000109", ["out_trade_no"] = outTradeNo, ["description"] = "d",
        ["amount"] = new JObject { ["total"] = total, ["currency"] = "CNY" },
    };

    [Test]
    public void Prepay_SameFieldsSameAnswer_OtherFieldsOutTradeNoUsed()
    {
        var orders = Create();
        var key = PaymentOrders.DirectKey("1230000109", "O1");
        var first = orders.Prepay(key, Order("O1"), "JSAPI", "https://a/");
        Assert.That((string?)orders.Prepay(key, Order("O1"), "JSAPI", "https://a/")["prepay_id"], Is.EqualTo((string?)first["prepay_id"]));
        var e = Assert.Throws<SandboxError>(() => orders.Prepay(key, Order("O1", 2), "JSAPI", "https://a/"));
        Assert.That((e!.Code, (int)e.Status), Is.EqualTo(("OUT_TRADE_NO_USED", 403)));
        Assert.That(orders.FindPrepay((string)first["prepay_id"]!)?.Key, Is.EqualTo(key));
    }

    [Test]
    public void PayOrder_RaisesTransactionSuccess_ToTheOrdersNotifyUrl_WithTheQueryAnswer()
    {
        var orders = Create();
        var key = PaymentOrders.DirectKey("1230000109", "O2");
        orders.Prepay(key, Order("O2"), "NATIVE", "http://127.0.0.1:5000/notify");
        Assert.That(orders.Pay("O2"), Is.True);
        Assert.That(orders.Pay("O2"), Is.False, "already paid");

        Assert.That(raised, Has.Count.EqualTo(1));
        Assert.That((raised[0].Mchid, raised[0].NotifyUrl, raised[0].EventType), Is.EqualTo(("1230000109", (string?)"http://127.0.0.1:5000/notify", "TRANSACTION.SUCCESS")));
        var resource = raised[0].Resource;
        Assert.That(JToken.DeepEquals(resource, orders.Get(key)), Is.True);
        foreach (var field in new[] { "appid", "mchid", "out_trade_no", "transaction_id", "trade_type", "trade_state", "trade_state_desc", "bank_type", "success_time", "payer", "amount" })
        {
            Assert.That(resource[field], Is.Not.Null, field);
        }

        Assert.That(resource["amount"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"total\":1,\"currency\":\"CNY\",\"payer_total\":1,\"payer_currency\":\"CNY\"}"));
    }

    [Test]
    public void SeededOrder_WithoutNotifyUrl_RaisesWithNone()
    {
        var orders = Create();
        orders.Create(PaymentOrders.DirectKey("1230000109", "O3"), Order("O3"));
        orders.Pay("O3");
        Assert.That(raised.Single().NotifyUrl, Is.Null);
    }
}
