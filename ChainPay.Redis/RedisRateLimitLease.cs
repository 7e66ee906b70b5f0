using System.Threading.RateLimiting;

namespace ChainPay.Redis;

/// <summary>A Redis bucket's lease: nothing to give back (a token bucket's permits return with time); a refused one carries <c>RETRY_AFTER</c>.</summary>
internal sealed class RedisRateLimitLease : RateLimitLease
{
    public static readonly RedisRateLimitLease Acquired = new(true, null);

    /// <summary>Not acquired, Redis not asked (a synchronous attempt on a shared bucket): no <c>RETRY_AFTER</c>.</summary>
    public static readonly RedisRateLimitLease NotAsked = new(false, null);

    private static readonly string[] RetryAfterName = { MetadataName.RetryAfter.Name };

    private readonly TimeSpan? retryAfter;

    private RedisRateLimitLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        this.retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => retryAfter is null ? Array.Empty<string>() : RetryAfterName;

    public static RedisRateLimitLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = after;
            return true;
        }

        metadata = null;
        return false;
    }
}
