using ChainPay.RateLimiting;

namespace ChainPay.Tests.RateLimiting;

public class ApiRateLimitTests
{
    private const string Cancel = "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel";

    [Test]
    public void AHundredPerSecond_IsABucketOfTen_RefilledEveryNinetiethOfASecond()
    {
        var limit = new ApiRateLimit("post", "/" + Cancel, 100, TimeSpan.FromSeconds(1));
        Assert.That((limit.Method, limit.Template, limit.PermitLimit, limit.Burst), Is.EqualTo(("POST", Cancel, 100, 10)));
        Assert.That(limit.TokenInterval, Is.EqualTo(TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 90)));
        Assert.That(limit.Api, Is.EqualTo("POST " + Cancel));
        Assert.That(limit.ToString(), Is.EqualTo("POST " + Cancel + ": 100 per 00:00:01"));
    }

    [TestCase(1, 1, 3600)]
    [TestCase(2, 1, 3600)]
    [TestCase(11, 1, 360)]
    [TestCase(20, 2, 200)]
    public void TheBucket_NeverLetsAWindowHoldMoreThanTheLimit(int permits, int burst, int intervalSeconds)
    {
        var limit = new ApiRateLimit("GET", "v3/x/{id}", permits, TimeSpan.FromHours(1));
        Assert.That(limit.Burst, Is.EqualTo(burst));
        Assert.That(limit.TokenInterval, Is.EqualTo(TimeSpan.FromSeconds(intervalSeconds)));
    }

    [TestCase("GET", "v3/x", 20_000, 1, "permitLimit")]
    [TestCase(null, "v3/x", 1, 1000, "method")]
    [TestCase("FETCH", "v3/x", 1, 1000, "method")]
    [TestCase("GET", null, 1, 1000, "template")]
    [TestCase("GET", "/", 1, 1000, "template")]
    [TestCase("GET", "v3/x?y=1", 1, 1000, "template")]
    [TestCase("GET", "v3/x", 0, 1000, "permitLimit")]
    [TestCase("GET", "v3/x", 1, 0, "window")]
    public void BadArguments_AreNamed(string? method, string? template, int permits, int windowMs, string name)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => _ = new ApiRateLimit(method!, template!, permits, TimeSpan.FromMilliseconds(windowMs)));
        Assert.That(e!.ParamName, Is.EqualTo(name));
    }

    [TestCase("POST", "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/plfk2020042013/cancel", true)]
    [TestCase("post", "/v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/plfk2020042013/cancel?x=1", true)]
    [TestCase("POST", "V3/Fund-App/mch-transfer/partner/transfer-bills/out-bill-no/plfk2020042013/cancel", true)]
    [TestCase("GET", "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/plfk2020042013/cancel", false)]
    [TestCase("POST", "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no//cancel", false)]
    [TestCase("POST", "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/plfk2020042013", false)]
    [TestCase("POST", "v3/fund-app/mch-transfer/transfer-bills/out-bill-no/plfk2020042013/cancel", false)]
    public void Matches_TheExpandedPath_PlaceholdersBeingAnyOneSegment(string method, string path, bool expected)
    {
        var limit = new ApiRateLimit("POST", Cancel, 100, TimeSpan.FromSeconds(1));
        Assert.That(limit.Matches(method, path), Is.EqualTo(expected));
    }
}
