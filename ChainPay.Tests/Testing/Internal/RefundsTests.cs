using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing.Internal;

/// <summary><see cref="Refunds"/> alone: <c>PROCESSING</c> until completed (by query or <c>Complete</c>), once.</summary>
public class RefundsTests
{
    private readonly List<(string Mchid, string? NotifyUrl, string EventType, JObject Resource)> raised = new();
    private PaymentOrders orders = null!;
    private readonly string scope = PaymentOrders.DirectScope("1230000109");

    [SetUp]
    public void SetUp()
    {
        orders = new PaymentOrders(() => "2024-01-01T00:00:00+08:00", (m, u, t, r) => raised.Add((m, u, t, r)));
        orders.Prepay(scope + "O1", new JObject
        {
            ["appid"] = "wx1", ["mchid"] = "1230000109", ["out_trade_no"] = "O1", ["description"] = "d", ["amount"] = new JObject { ["total"] = 10, ["currency"] = "CNY" },
        }, "NATIVE", null);
        orders.Pay("O1");
        raised.Clear();
    }

    [Test]
    public void Complete_SucceedsAProcessingRefund_Once_AndRaisesRefundSuccess()
    {
        orders.Refunds.Create(scope, scope + "O1", "R1", 3, 10, "CNY", "https://m/refund");
        Assert.That(raised, Is.Empty);
        Assert.That(orders.Refunds.Complete("R1"), Is.True);
        Assert.That(orders.Refunds.Complete("R1"), Is.False);
        Assert.That(orders.Refunds.Complete("NO-SUCH"), Is.False);

        Assert.That(raised.Single().EventType, Is.EqualTo("REFUND.SUCCESS"));
        Assert.That(raised.Single().NotifyUrl, Is.EqualTo("https://m/refund"));
        Assert.That((string?)orders.Refunds.Get(scope, "R1")["status"], Is.EqualTo("SUCCESS"));
        Assert.That(raised, Has.Count.EqualTo(1), "a query after Complete raises nothing more");
    }

    [Test]
    public void OrderIsRefund_AfterTheFirstRefund_AndTheRemainderCanStillBeRefunded()
    {
        orders.Refunds.Create(scope, scope + "O1", "R1", 3, 10, "CNY", null);
        Assert.That((string?)orders.Get(scope + "O1")["trade_state"], Is.EqualTo("REFUND"));
        Assert.That((string?)orders.Refunds.Create(scope, scope + "O1", "R2", 7, 10, "CNY", null)["status"], Is.EqualTo("PROCESSING"));
        var e = Assert.Throws<SandboxError>(() => orders.Refunds.Create(scope, scope + "O1", "R3", 1, 10, "CNY", null));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));
    }
}
