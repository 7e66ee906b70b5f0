using ChainPay.RateLimiting;

namespace ChainPay.Tests.RateLimiting;

public class RateLimitOptionsTests
{
    [Test]
    public void TheDefaults_AreTheDocumentedLimits_AndAOneSecondWait()
    {
        var options = new RateLimitOptions();
        Assert.That(options.Limits.Single().PermitLimit, Is.EqualTo(100));
        Assert.That(options.MaxWait, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(options.LimiterFactory, Is.Null);
        Assert.That(options.ToString(), Is.EqualTo("RateLimitOptions { Limits = 1, MaxWait = 00:00:01, LimiterFactory = in-process }"));
    }
}
