using ChainPay.RateLimiting;

namespace ChainPay.Tests.RateLimiting;

public class WeChatPayRateLimitsTests
{
    [Test]
    public void TheDefaults_HoldSeed002sHundredCallsPerSecond()
    {
        var limits = WeChatPayRateLimits.CreateDefault();
        var cancel = limits.Find("POST", "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/plfk2020042013/cancel");
        Assert.That(cancel!.ToString(), Is.EqualTo("POST v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel: 100 per 00:00:01"));
        Assert.That(limits.Find("GET", "v3/pay/transactions/id/4200000000"), Is.Null, "an API not in the table is not limited");
        Assert.That(limits.Count, Is.EqualTo(1));
    }

    [Test]
    public void Add_ReplacesTheLimitOfTheSameApi_AndKeepsOthers()
    {
        var limits = new WeChatPayRateLimits { { "POST", "v3/refund/domestic/refunds", 150 }, { "GET", "v3/refund/domestic/refunds/{out_refund_no}", 50 } };
        limits.Add(new ApiRateLimit("post", "/v3/refund/domestic/refunds", 10, TimeSpan.FromSeconds(2)));
        Assert.That(limits.Select(l => l.ToString()), Is.EqualTo(new[]
        {
            "GET v3/refund/domestic/refunds/{out_refund_no}: 50 per 00:00:01",
            "POST v3/refund/domestic/refunds: 10 per 00:00:02",
        }));
        Assert.That(limits.Find("POST", "v3/refund/domestic/refunds")!.PermitLimit, Is.EqualTo(10));
    }

    [Test]
    public void Add_RefusesNothing()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new WeChatPayRateLimits().Add(null!));
        Assert.That(e!.ParamName, Is.EqualTo("limit"));
    }
}
