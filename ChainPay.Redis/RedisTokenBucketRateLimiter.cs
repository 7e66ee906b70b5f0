using System.Threading.RateLimiting;
using ChainPay.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ChainPay.Redis;

/// <summary>
/// One merchant × API token bucket kept in Redis at <c>{prefix}:{merchant}:ratelimit:{METHOD template}</c> and shared
/// by every instance: <see cref="ApiRateLimit.Burst"/> permits, one back per <see cref="ApiRateLimit.TokenInterval"/>,
/// each acquire one atomic Lua script timed by Redis's clock. A waiting acquire sleeps until the next permit is due and
/// tries again. While Redis is unreachable it limits in-process with a bucket of the same shape (scaled by
/// <see cref="RedisChainPayOptions.FallbackShare"/>), logs one warning, and one information when Redis is back.
/// Only <see cref="RateLimiter.AcquireAsync"/> asks Redis (<see cref="RateLimiter.AttemptAcquire"/> is refused without a
/// <c>RetryAfter</c> while the bucket is shared, and ChainPay then asks asynchronously, for one permit's interval when
/// <see cref="RateLimitOptions.MaxWait"/> is zero).
/// </summary>
/// <example>
/// <code>
/// var limit = WeChatPayRateLimits.CreateDefault().First();
/// using var limiter = new RedisTokenBucketRateLimiter(redis, "1900000001", limit);
/// using var lease = await limiter.AcquireAsync(1, cancellationToken);
/// </code>
/// </example>
public sealed class RedisTokenBucketRateLimiter : RateLimiter
{
    private readonly RedisConnection redis;
    private readonly ApiRateLimit limit;
    private readonly string merchant;
    private readonly RedisKey key;
    private readonly ILogger logger;
    private readonly TokenBucketRateLimiter fallback;
    private long successful;
    private long failed;
    private long queued;
    private int local; // 1 while Redis is away
    private long lastAvailable;

    /// <summary>Creates the bucket of <paramref name="merchant"/>'s calls of <paramref name="limit"/>'s API.</summary>
    /// <param name="multiplexer">The Redis connection.</param>
    /// <param name="merchant">The merchant id.</param>
    /// <param name="limit">The limit: its <see cref="ApiRateLimit.Burst"/> and <see cref="ApiRateLimit.TokenInterval"/> shape the bucket.</param>
    /// <param name="options">Key prefix, timeouts and the fallback share; <c>null</c> for the defaults.</param>
    /// <param name="logger">Where the fallback's warning goes; <c>null</c> for none.</param>
    /// <exception cref="InvalidArgumentException">An argument is missing, or an option is out of range (named).</exception>
    public RedisTokenBucketRateLimiter(IConnectionMultiplexer multiplexer, string merchant, ApiRateLimit limit, RedisChainPayOptions? options = null, ILogger? logger = null)
    {
        redis = new RedisConnection(multiplexer, options ?? new RedisChainPayOptions());
        this.merchant = string.IsNullOrEmpty(merchant) ? throw new InvalidArgumentException("The merchant id is required.", nameof(merchant)) : merchant;
        this.limit = limit ?? throw new InvalidArgumentException("The limit is required.", nameof(limit));
        this.logger = logger ?? NullLogger.Instance;
        key = RedisKeys.RateLimit(redis.Options.KeyPrefix, merchant, limit.Api);
        lastAvailable = limit.Burst;
        var share = redis.Options.FallbackShare;
        fallback = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Floor(limit.Burst * share)),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromTicks((long)Math.Ceiling(limit.TokenInterval.Ticks / share)),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Whether the bucket is in-process now because Redis could not be reached.</summary>
    public bool IsFallingBack => Volatile.Read(ref local) == 1;

    /// <summary>Always <c>null</c>: the bucket lives in Redis, and expires there by itself.</summary>
    public override TimeSpan? IdleDuration => null;

    /// <summary>The permits left as Redis last answered (the in-process bucket's while falling back; no round trip), the waiting calls, and this instance's leases.</summary>
    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = IsFallingBack ? fallback.GetStatistics()?.CurrentAvailablePermits ?? 0 : Interlocked.Read(ref lastAvailable),
        CurrentQueuedCount = Interlocked.Read(ref queued),
        TotalSuccessfulLeases = Interlocked.Read(ref successful),
        TotalFailedLeases = Interlocked.Read(ref failed),
    };

    /// <summary>The merchant, the API and the bucket's shape.</summary>
    public override string ToString() => $"RedisTokenBucketRateLimiter {{ Merchant = {merchant}, Api = {limit.Api}, {RedisTokenBucketScript.Describe(limit)}{(IsFallingBack ? ", in-process (Redis unreachable)" : string.Empty)} }}";

    /// <summary>
    /// Refused (without <c>RETRY_AFTER</c>) while the bucket is shared: the shared bucket answers only
    /// asynchronously (<see cref="RateLimiter.AcquireAsync"/>), because a blocking Redis round trip on a thread-pool
    /// thread starves the pool that StackExchange.Redis completes on. While falling back, the in-process bucket answers.
    /// </summary>
    /// <param name="permitCount">The permits wanted (at most <see cref="ApiRateLimit.Burst"/>).</param>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Check(permitCount);
        if (!redis.IsConnected)
        {
            FallBack(null);
            return Count(fallback.AttemptAcquire(permitCount));
        }

        return RedisRateLimitLease.NotAsked;
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Check(permitCount);
        Interlocked.Increment(ref queued);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!UseRedis() || await TryAsync(permitCount, cancellationToken).ConfigureAwait(false) is not { } answer)
                {
                    return Count(await fallback.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false));
                }

                if (answer.Acquired || permitCount == 0)
                {
                    return Count(Lease(answer));
                }

                // the next permit is due then: sleep until it, and try again (others may take it first)
                await Task.Delay(answer.Wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : answer.Wait, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref queued);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private static RateLimitLease Lease((bool Acquired, long Available, TimeSpan Wait) answer) =>
        answer.Acquired ? RedisRateLimitLease.Acquired : RedisRateLimitLease.Refused(answer.Wait);

    private void Check(int permitCount)
    {
        if (permitCount < 0 || permitCount > limit.Burst)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"The bucket of {limit.Api} holds {limit.Burst} permits at most.");
        }
    }

    private RateLimitLease Count(RateLimitLease lease)
    {
        Interlocked.Increment(ref lease.IsAcquired ? ref successful : ref failed);
        return lease;
    }

    /// <summary>Whether to ask Redis: always while it is shared; while falling back, once the connection is back.</summary>
    private bool UseRedis() => !IsFallingBack || redis.IsConnected;

    private async Task<(bool Acquired, long Available, TimeSpan Wait)?> TryAsync(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            var result = await redis.RunAsync(db => db.ScriptEvaluateAsync(RedisTokenBucketScript.Source, new[] { key }, RedisTokenBucketScript.Arguments(limit, permitCount)), cancellationToken).ConfigureAwait(false);
            return Shared(RedisTokenBucketScript.Parse(result));
        }
        catch (SharedStoreUnavailableException e)
        {
            FallBack(e);
            return null;
        }
    }

    private (bool Acquired, long Available, TimeSpan Wait) Shared((bool Acquired, long Available, TimeSpan Wait) answer)
    {
        Interlocked.Exchange(ref lastAvailable, answer.Available);
        if (Interlocked.Exchange(ref local, 0) == 1)
        {
            RedisLog.RateLimitShared(logger, limit.Api, merchant);
        }

        return answer;
    }

    private void FallBack(SharedStoreUnavailableException? e)
    {
        if (Interlocked.Exchange(ref local, 1) == 0)
        {
            RedisLog.RateLimitFallback(logger, limit.Api, merchant, e?.Message ?? $"Redis at {redis.Endpoints()} cannot be reached: not connected.");
        }
    }
}
