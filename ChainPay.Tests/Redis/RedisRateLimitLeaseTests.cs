using System.Threading.RateLimiting;
using ChainPay.Redis;

namespace ChainPay.Tests.Redis;

public class RedisRateLimitLeaseTests
{
    [Test]
    public void ARefusedLease_CarriesRetryAfter_OthersNone()
    {
        using var refused = RedisRateLimitLease.Refused(TimeSpan.FromMilliseconds(7));

        Assert.That(refused.IsAcquired, Is.False);
        Assert.That(refused.MetadataNames, Is.EqualTo(new[] { MetadataName.RetryAfter.Name }));
        Assert.That(refused.TryGetMetadata(MetadataName.RetryAfter, out var after), Is.True);
        Assert.That(after, Is.EqualTo(TimeSpan.FromMilliseconds(7)));
        Assert.That(RedisRateLimitLease.Acquired.IsAcquired, Is.True);
        Assert.That(RedisRateLimitLease.Acquired.MetadataNames, Is.Empty);
        Assert.That(RedisRateLimitLease.NotAsked.IsAcquired, Is.False);
        Assert.That(RedisRateLimitLease.NotAsked.TryGetMetadata(MetadataName.RetryAfter.Name, out _), Is.False);
    }
}
