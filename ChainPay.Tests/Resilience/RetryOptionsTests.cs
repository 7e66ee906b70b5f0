using ChainPay.Resilience;

namespace ChainPay.Tests.Resilience;

public class RetryOptionsTests
{
    [Test]
    public void Defaults_AreThreeAttemptsWithJitteredExponentialBackoff_OnThePrimaryDomain()
    {
        var options = new RetryOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.MaxAttempts, Is.EqualTo(3));
            Assert.That(options.BaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(options.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(options.Jitter, Is.True);
            Assert.That(options.BackupBaseUri, Is.Null);
            Assert.That(RetryOptions.BackupDomain, Is.EqualTo("https://api2.mch.weixin.qq.com/"));
        });
    }
}
