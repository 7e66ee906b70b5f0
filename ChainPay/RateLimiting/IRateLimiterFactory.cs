using System.Threading.RateLimiting;

namespace ChainPay.RateLimiting;

/// <summary>
/// Creates the <see cref="RateLimiter"/> of one merchant × API. The default makes an in-process
/// <see cref="TokenBucketRateLimiter"/> shaped by <see cref="ApiRateLimit.Burst"/> and <see cref="ApiRateLimit.TokenInterval"/>;
/// <c>ChainPay.Redis</c> makes one bucket shared by every instance.
/// </summary>
/// <example>
/// <code>
/// var options = new RateLimitOptions { LimiterFactory = new MyDistributedLimiterFactory() };
/// </code>
/// </example>
public interface IRateLimiterFactory
{
    /// <summary>The limiter for <paramref name="merchant"/>'s calls of <paramref name="limit"/>'s API; called once per pair and instance.</summary>
    /// <param name="merchant">The merchant id.</param>
    /// <param name="limit">The limit to enforce.</param>
    RateLimiter Create(string merchant, ApiRateLimit limit);
}
