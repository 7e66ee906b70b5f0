using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ChainPay.RateLimiting;
using ChainPay.Redis;
using ChainPay.Replay;
using StackExchange.Redis;

namespace Benchmarks;

/// <summary>
/// What sharing state on Redis adds per call, on loopback: the nonce check (<see cref="RedisNonceStore"/> against
/// <see cref="MemoryNonceStore"/>) and the rate limiter's acquire (<see cref="RedisTokenBucketRateLimiter"/> against an
/// in-process <see cref="TokenBucketRateLimiter"/> of the same shape), each against its baseline in the same run. The
/// limits are far above what the benchmark reaches, so no acquire waits. Starts and stops its own redis-server.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RedisBenchmarks
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private static readonly ApiRateLimit Limit = new("POST", "v3/benchmark/{id}", 10_000_000, TimeSpan.FromSeconds(1));

    private RedisBenchmarkServer server = null!;
    private ConnectionMultiplexer redis = null!;
    private MemoryNonceStore memoryNonces = null!;
    private RedisNonceStore redisNonces = null!;
    private TokenBucketRateLimiter localLimiter = null!;
    private RedisTokenBucketRateLimiter redisLimiter = null!;
    private long counter;

    [GlobalSetup]
    public void Setup()
    {
        server = RedisBenchmarkServer.Start();
        var options = new RedisChainPayOptions { KeyPrefix = "bench", CommandTimeout = TimeSpan.FromSeconds(5) };
        redis = ConnectionMultiplexer.Connect(options.CreateConfiguration(server.Configuration));
        memoryNonces = new MemoryNonceStore();
        redisNonces = new RedisNonceStore(redis, options);
        // Refilled in large steps: one permit per TokenInterval (100 ns here) is far below a timer's resolution, and an
        // emptied bucket would measure the timer instead of the acquire.
        localLimiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Limit.Burst,
            TokensPerPeriod = Limit.Burst,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = int.MaxValue,
            AutoReplenishment = true,
        });
        redisLimiter = new RedisTokenBucketRateLimiter(redis, "1900000001", Limit, options);
        if (!redisNonces.TryAddAsync("1900000001", NoncePurpose.Answer, "warm-up", Lifetime).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The fresh redis-server already held the warm-up nonce.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        redisLimiter.Dispose();
        localLimiter.Dispose();
        redis.Dispose();
        server.Dispose();
    }

    [Benchmark(Baseline = true, Description = "nonce: in-process")]
    [BenchmarkCategory("nonce")]
    public Task<bool> MemoryNonce() => memoryNonces.TryAddAsync("1900000001", NoncePurpose.Answer, Next(), Lifetime);

    [Benchmark(Description = "nonce: Redis SET NX PX")]
    [BenchmarkCategory("nonce")]
    public Task<bool> RedisNonce() => redisNonces.TryAddAsync("1900000001", NoncePurpose.Answer, Next(), Lifetime);

    [Benchmark(Baseline = true, Description = "rate limit: in-process bucket")]
    [BenchmarkCategory("ratelimit")]
    public async Task<bool> LocalAcquire()
    {
        using var lease = await localLimiter.AcquireAsync(1);
        return lease.IsAcquired;
    }

    [Benchmark(Description = "rate limit: Redis bucket (Lua)")]
    [BenchmarkCategory("ratelimit")]
    public async Task<bool> RedisAcquire()
    {
        using var lease = await redisLimiter.AcquireAsync(1);
        return lease.IsAcquired;
    }

    private string Next() => "n" + Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
