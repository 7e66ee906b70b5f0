using System.Threading.RateLimiting;
using ChainPay.RateLimiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChainPay.Redis;

/// <summary>
/// The <see cref="IRateLimiterFactory"/> of a fleet: a <see cref="RedisTokenBucketRateLimiter"/> per merchant × API,
/// shared in Redis by every instance configured with it (and the same key prefix).
/// </summary>
/// <example>
/// <code>
/// var options = new BuilderOptions { /* … */ RateLimiting = new RateLimitOptions { LimiterFactory = new RedisRateLimiterFactory(redis) } };
/// </code>
/// </example>
public sealed class RedisRateLimiterFactory : IRateLimiterFactory
{
    private readonly IConnectionMultiplexer multiplexer;
    private readonly RedisChainPayOptions options;
    private readonly ILogger? logger;

    /// <summary>Creates the factory.</summary>
    /// <param name="multiplexer">The Redis connection.</param>
    /// <param name="options">Key prefix, timeouts and the fallback share; <c>null</c> for the defaults.</param>
    /// <param name="loggerFactory">Where the fallback's warnings go (category <c>ChainPay.Redis</c>); <c>null</c> for none.</param>
    /// <exception cref="InvalidArgumentException"><paramref name="multiplexer"/> is <c>null</c>, or an option is out of range (named).</exception>
    public RedisRateLimiterFactory(IConnectionMultiplexer multiplexer, RedisChainPayOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        this.multiplexer = multiplexer ?? throw new InvalidArgumentException("The Redis connection (an IConnectionMultiplexer) is required.", nameof(multiplexer));
        this.options = RedisChainPayOptionsValidator.Checked(options);
        logger = loggerFactory?.CreateLogger(RedisLog.Category);
    }

    /// <inheritdoc />
    public RateLimiter Create(string merchant, ApiRateLimit limit) => new RedisTokenBucketRateLimiter(multiplexer, merchant, limit, options, logger);

    /// <summary>The key prefix; no connection details.</summary>
    public override string ToString() => $"RedisRateLimiterFactory {{ KeyPrefix = {options.KeyPrefix} }}";
}
