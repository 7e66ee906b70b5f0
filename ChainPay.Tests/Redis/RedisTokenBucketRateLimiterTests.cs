using System.Diagnostics;
using System.Threading.RateLimiting;
using ChainPay.RateLimiting;
using ChainPay.Redis;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChainPay.Tests.Redis;

/// <summary>The Redis token bucket against a real redis-server: a fleet within the limit, merchants apart, outages.</summary>
[NonParallelizable]
public class RedisTokenBucketRateLimiterTests : RedisTests
{
    private const string Reverse = "v3/pay/transactions/out-trade-no/{out_trade_no}/reverse";
    private const int Fleet = 4;

    // 10 per minute: one permit, one back every 6.7 s — nothing comes back while a test looks.
    private static readonly ApiRateLimit Slow = new("POST", Reverse, 10, TimeSpan.FromMinutes(1));
    // The shared bucket is asked asynchronously: a wait short against Slow's 6.7 s, long against a loopback round trip.
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(500);
    [Test]
    public async Task AFleetCallingOneApiTogether_StaysWithinTheLimit()
    {
        var limit = new ApiRateLimit("POST", Reverse, 50, TimeSpan.FromSeconds(1));
        var sandbox = new WeChatPaySandbox(new SandboxOptions { RateLimitPerSecond = 100_000 });
        var sends = new long[Fleet];
        var fleet = Enumerable.Range(0, Fleet).Select(i => Instance(sandbox, Server.Connect(), limit, () => Interlocked.Increment(ref sends[i]))).ToList();
        try
        {
            var run = TimeSpan.FromSeconds(2.5);
            var watch = Stopwatch.StartNew();
            var workers = fleet.SelectMany(f => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (watch.Elapsed < run)
                {
                    try
                    {
                        await CallAsync(f.Instance, sandbox.Merchant.Mchid);
                    }
                    catch (RateLimitedException)
                    {
                        // no permit within MaxWait: nothing was sent
                    }
                }
            })));
            await Task.WhenAll(workers);
            var elapsed = watch.Elapsed;

            // From a full bucket, no span of Redis time can grant more than Burst + span / TokenInterval (+1 at the
            // edge); the permits were all granted within the span this test measured.
            var total = sends.Sum();
            var interval = RedisTokenBucketScript.IntervalMicroseconds(limit) / 1e6;
            var bound = limit.Burst + Math.Floor(elapsed.TotalSeconds / interval) + 1;
            TestContext.Out.WriteLine($"{total} sends in {elapsed.TotalSeconds:0.000} s by [{string.Join(", ", sends)}]; bound {bound}");
            Assert.That(total, Is.LessThanOrEqualTo(bound));
            Assert.That(total / elapsed.TotalSeconds, Is.LessThanOrEqualTo(limit.PermitLimit * 1.05 + (limit.Burst / elapsed.TotalSeconds)));
            Assert.That(total, Is.GreaterThan(bound / 2), "the fleet was limited, not stopped");
            Assert.That(sends, Is.All.GreaterThan(0), "every instance got permits from the shared bucket");
        }
        finally
        {
            fleet.ForEach(f => f.Redis.Dispose());
        }
    }

    [Test]
    public async Task AnEmptyBucket_RefusesEveryInstanceOfItsMerchant_ButNotAnotherMerchant()
    {
        var sandbox = new WeChatPaySandbox();
        var other = sandbox.AddMerchant("1900000002");
        using var a = Server.Connect();
        using var b = Server.Connect();
        using var c = Server.Connect();
        var otherSends = 0;
        var first = Instance(sandbox, a, Slow, maxWait: Wait);
        var second = Instance(sandbox, b, Slow, maxWait: Wait);
        var otherMerchant = Instance(sandbox, c, Slow, () => Interlocked.Increment(ref otherSends), maxWait: Wait, merchant: other);

        await CallAsync(first.Instance, sandbox.Merchant.Mchid);
        var refused = Assert.ThrowsAsync<RateLimitedException>(() => CallAsync(second.Instance, sandbox.Merchant.Mchid));
        var answered = Assert.ThrowsAsync<ApiException>(() => CallAsync(otherMerchant.Instance, other.Mchid)); // sent: it has no such order

        Assert.That(refused!.Merchant, Is.EqualTo(sandbox.Merchant.Mchid));
        Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(Slow.TokenInterval + TimeSpan.FromMilliseconds(1)));
        Assert.That(answered!.StatusCode, Is.EqualTo(404));
        Assert.That(otherSends, Is.EqualTo(1), "the other merchant's bucket is its own");
    }

    [Test]
    public async Task TheBucket_IsAHashAtItsKey_WithAnExpiry_AndStatisticsReadIt()
    {
        using var a = Server.Connect();
        using var b = Server.Connect();
        var limit = new ApiRateLimit("POST", Reverse, 100, TimeSpan.FromMinutes(10)); // 10 permits, one back every 6.7 s
        using var mine = new RedisTokenBucketRateLimiter(a, "1900000001", limit);
        using var theirs = new RedisTokenBucketRateLimiter(b, "1900000001", limit);

        using (var lease = await mine.AcquireAsync(3))
        {
            Assert.That(lease.IsAcquired, Is.True);
        }

        var key = "chainpay:1900000001:ratelimit:POST " + Reverse;
        var hash = (await a.GetDatabase().HashGetAllAsync(key)).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        Assert.That(hash["tokens"], Is.EqualTo(7));
        Assert.That(hash["ts"], Is.GreaterThan(1_600_000_000_000_000L), "microseconds of Redis's clock");
        Assert.That(await a.GetDatabase().KeyTimeToLiveAsync(key), Is.GreaterThan(TimeSpan.Zero));
        using (var look = await theirs.AcquireAsync(0))
        {
            Assert.That(theirs.GetStatistics()!.CurrentAvailablePermits, Is.EqualTo(7), "the other instance sees the shared count");
        }

        using var rest = await theirs.AcquireAsync(7);
        using var sync = mine.AttemptAcquire(1);
        using var none = await mine.AcquireAsync(1, new CancellationTokenSource(TimeSpan.FromMilliseconds(200)).Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
        Assert.That(rest.IsAcquired, Is.True);
        Assert.That(sync.IsAcquired, Is.False, "a shared bucket answers asynchronously only");
        Assert.That(sync.TryGetMetadata(MetadataName.RetryAfter, out _), Is.False, "Redis was not asked");
        Assert.That(none, Is.Null, "nothing comes back within 200 ms");
        Assert.That(theirs.GetStatistics()!.CurrentAvailablePermits, Is.Zero);
        var statistics = mine.GetStatistics()!;
        Assert.That((statistics.TotalSuccessfulLeases, statistics.CurrentQueuedCount), Is.EqualTo((1L, 0L)));
        Assert.That(() => mine.AttemptAcquire(11), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task AWaitingAcquire_GetsThePermitWhenItComesBack_AndCanBeCancelled()
    {
        using var redis = Server.Connect();
        var fast = new ApiRateLimit("POST", Reverse, 50, TimeSpan.FromSeconds(1));
        using var limiter = new RedisTokenBucketRateLimiter(redis, "m", fast);
        using var slow = new RedisTokenBucketRateLimiter(redis, "m2", Slow);
        (await limiter.AcquireAsync(fast.Burst)).Dispose();
        (await slow.AcquireAsync(1)).Dispose();

        using var waited = await limiter.AcquireAsync(1);
        using var cancel = new CancellationTokenSource();
        var pending = slow.AcquireAsync(1, cancel.Token).AsTask();
        cancel.Cancel();

        Assert.That(waited.IsAcquired, Is.True);
        Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(slow.GetStatistics()!.CurrentQueuedCount, Is.Zero);
    }

    [Test]
    public async Task RedisDown_FallsBackToAnInProcessBucketWithOneWarning_AndSharesAgainWhenBack()
    {
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        using var a = Server.Connect();
        using var b = Server.Connect();
        var factory = new RedisRateLimiterFactory(a, null, loggers);
        using var limiter = (RedisTokenBucketRateLimiter)factory.Create("1900000001", Slow);
        using var other = new RedisTokenBucketRateLimiter(b, "1900000001", Slow);
        using (var shared = await limiter.AcquireAsync(1))
        {
            Assert.That(shared.IsAcquired, Is.True);
        }

        Server.Stop();
        await RedisServer.WaitDisconnectedAsync(a);
        using var local = limiter.AttemptAcquire(1);
        using var localEmpty = limiter.AttemptAcquire(1);
        using var waitedLocally = await limiter.AcquireAsync(1, new CancellationTokenSource(TimeSpan.FromMilliseconds(100)).Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);

        Assert.That(local.IsAcquired, Is.True, "the in-process bucket of the same shape");
        Assert.That(localEmpty.IsAcquired, Is.False);
        Assert.That(waitedLocally, Is.Null, "waits in-process, cancelled");
        Assert.That(limiter.IsFallingBack, Is.True);
        Assert.That(limiter.ToString(), Does.Contain("in-process"));
        var warnings = logs.Entries.Where(e => e.Category == "ChainPay.Redis" && e.Level == LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Message, Does.Contain(Server.Configuration).And.Contain(Slow.Api).And.Contain("1900000001"));

        Server.StartAgain();
        await RedisServer.WaitConnectedAsync(a);
        await RedisServer.WaitConnectedAsync(b);
        using var back = await limiter.AcquireAsync(1);
        using var sharedEmpty = await other.AcquireAsync(1, new CancellationTokenSource(TimeSpan.FromMilliseconds(200)).Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);

        Assert.That(back.IsAcquired, Is.True, "the restarted Redis has a full bucket");
        Assert.That(sharedEmpty, Is.Null, "and it is shared again: the other instance waits");
        Assert.That(limiter.IsFallingBack, Is.False);
        Assert.That(logs.Entries.Count(e => e.Category == "ChainPay.Redis" && e.Level == LogLevel.Information && e.Event == "RateLimitShared"), Is.EqualTo(1));
        Assert.That(logs.Entries.Count(e => e.Level == LogLevel.Warning), Is.EqualTo(1));
    }

    [Test]
    public async Task TheFallback_IsScaledByFallbackShare()
    {
        using var redis = Server.Connect();
        var limit = new ApiRateLimit("POST", Reverse, 100, TimeSpan.FromMinutes(10)); // 10 permits
        using var limiter = new RedisTokenBucketRateLimiter(redis, "m", limit, new RedisChainPayOptions { FallbackShare = 0.5 });

        Server.Stop();
        await RedisServer.WaitDisconnectedAsync(redis);
        using var half = limiter.AttemptAcquire(5);
        using var more = limiter.AttemptAcquire(1);

        Assert.That(half.IsAcquired, Is.True);
        Assert.That(more.IsAcquired, Is.False);
        Assert.That(limiter.GetStatistics()!.CurrentAvailablePermits, Is.Zero);
    }

    [Test]
    public void Arguments_AreChecked()
    {
        using var redis = Server.Connect();
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new RedisTokenBucketRateLimiter(redis, "", Slow))!.ParamName, Is.EqualTo("merchant"));
            Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new RedisTokenBucketRateLimiter(redis, "m", null!))!.ParamName, Is.EqualTo("limit"));
            Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new RedisTokenBucketRateLimiter(redis, "m", Slow, new RedisChainPayOptions { FallbackShare = 2 }))!.Message, Does.Contain("RedisChainPayOptions.FallbackShare"));
            using var limiter = new RedisTokenBucketRateLimiter(redis, "m", Slow);
            Assert.That(limiter.IdleDuration, Is.Null);
            Assert.That(limiter.ToString(), Is.EqualTo("RedisTokenBucketRateLimiter { Merchant = m, Api = POST " + Reverse + ", 1 permits, one back every 6666667 µs }"));
        });
    }

    private static Task<Flurl.Http.IFlurlResponse> CallAsync(BuilderChain instance, string mchid) =>
        instance.Chain(Reverse).PostAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, json = new { appid = "wxd678efh567hg6787", mchid } });

    private static FleetInstance Instance(WeChatPaySandbox sandbox, ConnectionMultiplexer redis, ApiRateLimit limit, Action? onSend = null, TimeSpan? maxWait = null, SandboxMerchant? merchant = null)
    {
        var options = sandbox.CreateOptions(merchant);
        options.HttpClient = new HttpClient(new Counting(sandbox.CreateHandler(), onSend ?? (() => { })));
        var limits = new WeChatPayRateLimits { limit };
        options.RateLimiting = new RateLimitOptions { Limits = limits, LimiterFactory = new RedisRateLimiterFactory(redis), MaxWait = maxWait ?? TimeSpan.FromSeconds(1) };
        return new FleetInstance(Builder.Factory(options), redis);
    }

    private sealed record FleetInstance(BuilderChain Instance, ConnectionMultiplexer Redis);

    private sealed class Counting(HttpMessageHandler inner, Action onSend) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
