using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace ChainPay.RateLimiting;

/// <summary>
/// The rate-limiting step of one instance: finds the limit of a request, takes a permit from that merchant × API's
/// limiter (waiting up to <see cref="RateLimitOptions.MaxWait"/>), and empties the bucket when WeChat Pay answers that
/// the limit was exceeded.
/// </summary>
internal sealed class ApiRateLimiter
{
    private readonly string merchant;
    private readonly WeChatPayRateLimits limits;
    private readonly TimeSpan maxWait;
    private readonly IRateLimiterFactory factory;
    private readonly ConcurrentDictionary<ApiRateLimit, RateLimiter> limiters = new();

    public ApiRateLimiter(string merchant, RateLimitOptions options)
    {
        this.merchant = merchant;
        limits = options.Limits;
        maxWait = options.MaxWait;
        factory = options.LimiterFactory ?? LocalTokenBuckets.Instance;
    }

    /// <summary>Checks the options before the instance is built, naming the one at fault.</summary>
    public static void Validate(RateLimitOptions options)
    {
        if (options.Limits is null)
        {
            throw new InvalidArgumentException("The `RateLimiting.Limits` table is required (WeChatPayRateLimits.CreateDefault() for the documented limits).", "RateLimiting.Limits");
        }

        if (options.MaxWait < TimeSpan.Zero || options.MaxWait > TimeSpan.FromMinutes(1))
        {
            throw new InvalidArgumentException($"The `RateLimiting.MaxWait` must be between zero and one minute, not {options.MaxWait}.", "RateLimiting.MaxWait");
        }
    }

    /// <summary>Sends through <paramref name="send"/> once a permit came; an answer that says the limit was exceeded empties the bucket.</summary>
    public async Task<T> SendAsync<T>(string method, string path, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        await AcquireAsync(method, path, cancellationToken).ConfigureAwait(false);
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (ApiException e) when (e.StatusCode == 429 || e.Code == "FREQUENCY_LIMITED")
        {
            Throttled(method, path);
            throw;
        }
    }

    /// <summary>Waits for a permit to send <paramref name="method"/> <paramref name="path"/>; throws <see cref="RateLimitedException"/> when none comes in time.</summary>
    public async Task AcquireAsync(string method, string path, CancellationToken cancellationToken)
    {
        if (limits.Find(method, path) is not { } limit)
        {
            return;
        }

        var limiter = limiters.GetOrAdd(limit, l => factory.Create(merchant, l));
        using var lease = limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return;
        }

        // A refusal with RetryAfter is the limiter's answer; one without is a limiter that answers only asynchronously
        // (a distributed bucket): ask it so, for up to one permit's interval when failing fast.
        var answered = lease.TryGetMetadata(MetadataName.RetryAfter, out _);
        var wait = maxWait > TimeSpan.Zero ? maxWait : answered ? TimeSpan.Zero : limit.TokenInterval;
        if (wait > TimeSpan.Zero)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                using var waited = await limiter.AcquireAsync(1, timeout.Token).ConfigureAwait(false);
                if (waited.IsAcquired)
                {
                    return;
                }

                throw Refused(limit, waited);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the wait ran out: refused below
            }
        }

        throw Refused(limit, lease);
    }

    /// <summary>WeChat Pay answered that the limit was exceeded: take what the bucket still holds, so the next calls wait (a bucket that answers only asynchronously is left as it is).</summary>
    public void Throttled(string method, string path)
    {
        if (limits.Find(method, path) is { } limit && limiters.TryGetValue(limit, out var limiter))
        {
            var available = limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;
            if (available > 0)
            {
                limiter.AttemptAcquire((int)Math.Min(available, limit.Burst)).Dispose();
            }
        }
    }

    private RateLimitedException Refused(ApiRateLimit limit, RateLimitLease lease)
    {
        TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limit.TokenInterval;
        return new RateLimitedException(
            $"{limit.Api} is limited to {limit.PermitLimit} calls per {limit.Window.TotalSeconds:0.###} s for merchant {merchant}, and no permit came within {maxWait.TotalMilliseconds:0} ms: nothing was sent.",
            merchant,
            limit.Api,
            retryAfter);
    }

    /// <summary>The default factory: an in-process token bucket per merchant × API.</summary>
    internal sealed class LocalTokenBuckets : IRateLimiterFactory
    {
        public static readonly LocalTokenBuckets Instance = new();

        /// <summary>The shortest refill period: a timer fires no faster than about every millisecond, so a fast limit refills several permits at a time.</summary>
        internal static readonly TimeSpan MinPeriod = TimeSpan.FromMilliseconds(10);

        public RateLimiter Create(string merchant, ApiRateLimit limit) => new TokenBucketRateLimiter(Options(limit));

        /// <summary>The bucket of <paramref name="limit"/>: <see cref="ApiRateLimit.Burst"/> permits, one back per <see cref="ApiRateLimit.TokenInterval"/> on average, refilled at least every <see cref="MinPeriod"/>.</summary>
        internal static TokenBucketRateLimiterOptions Options(ApiRateLimit limit)
        {
            var perPeriod = (int)Math.Min(limit.Burst, Math.Max(1, MinPeriod.Ticks / limit.TokenInterval.Ticks));
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.Burst,
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = TimeSpan.FromTicks(limit.TokenInterval.Ticks * perPeriod),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            };
        }
    }
}
