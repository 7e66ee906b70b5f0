using System.Net;
using System.Threading.RateLimiting;
using ChainPay.RateLimiting;
using ChainPay.Testing;

namespace ChainPay.Tests.RateLimiting;

[CancelAfter(20_000)]
public class ApiRateLimiterTests
{
    private const string Bill = "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}";

    private static BuilderChain Instance(WeChatPaySandbox sandbox, RateLimitOptions limiting, SandboxMerchant? merchant = null, HttpMessageHandler? handler = null)
    {
        var options = sandbox.CreateOptions(merchant);
        options.RateLimiting = limiting;
        if (handler is not null)
        {
            options.HttpClient = new HttpClient(handler);
        }

        return Builder.Factory(options);
    }

    private static RateLimitOptions OnePerHour(TimeSpan maxWait) => new()
    {
        Limits = new WeChatPayRateLimits { new ApiRateLimit("GET", Bill, 1, TimeSpan.FromHours(1)) },
        MaxWait = maxWait,
    };

    private static Task<Flurl.Http.IFlurlResponse> Query(BuilderChain instance, CancellationToken cancellationToken = default) =>
        instance.Chain(Bill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }, cancellationToken);

    [Test]
    public async Task ACallOverTheLimit_FailsFast_BeforeAnythingIsSent()
    {
        var sandbox = new WeChatPaySandbox();
        var instance = Instance(sandbox, OnePerHour(TimeSpan.Zero));
        Assert.That((await Query(instance)).StatusCode, Is.EqualTo(200));
        var sent = sandbox.RequestCount;

        var e = Assert.ThrowsAsync<RateLimitedException>(() => Query(instance));
        Assert.That(sandbox.RequestCount, Is.EqualTo(sent), "nothing was sent");
        Assert.That((e!.Merchant, e.Api), Is.EqualTo((sandbox.Merchant.Mchid, "GET " + Bill)));
        Assert.That(e.RetryAfter, Is.GreaterThan(TimeSpan.FromMinutes(59)).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
        Assert.That(e.Message, Is.EqualTo($"GET {Bill} is limited to 1 calls per 3600 s for merchant {sandbox.Merchant.Mchid}, and no permit came within 0 ms: nothing was sent."));
    }

    [Test]
    public async Task ACallOverTheLimit_WaitsForAPermit_UpToMaxWait()
    {
        var sandbox = new WeChatPaySandbox();
        var limiting = new RateLimitOptions
        {
            Limits = new WeChatPayRateLimits { new ApiRateLimit("GET", Bill, 2, TimeSpan.FromMilliseconds(50)) }, // a permit back every 50 ms
            MaxWait = TimeSpan.FromSeconds(10),
        };
        var instance = Instance(sandbox, limiting);
        var answers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await Query(instance)).StatusCode);
        }

        Assert.That(answers, Is.EqualTo(new[] { 200, 200, 200 }), "the second and third waited for their permits");
    }

    [Test]
    public async Task AnotherApi_AndAnotherMerchant_AreNotSlowed()
    {
        var sandbox = new WeChatPaySandbox();
        var limiting = OnePerHour(TimeSpan.Zero);
        var first = Instance(sandbox, limiting);
        var other = Instance(sandbox, limiting, sandbox.AddMerchant("1900000109"));
        await Query(first);
        Assert.ThrowsAsync<RateLimitedException>(() => Query(first));

        var sent = sandbox.RequestCount;
        Assert.That(Assert.ThrowsAsync<ApiException>(() => Query(other))!.Code, Is.EqualTo("NOT_FOUND"), "another merchant's call is sent (it has no such bill): its own bucket");
        Assert.That(sandbox.RequestCount, Is.EqualTo(sent + 1));
        var order = await first.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = sandbox.Merchant.Mchid } });
        Assert.That(order.StatusCode, Is.EqualTo(200), "an API not in the table is not limited");
    }

    [Test]
    public async Task AFrequencyLimitedAnswer_EmptiesTheBucket()
    {
        var sandbox = new WeChatPaySandbox();
        var limiting = new RateLimitOptions { Limits = new WeChatPayRateLimits { new ApiRateLimit("GET", Bill, 100, TimeSpan.FromHours(1)) }, MaxWait = TimeSpan.Zero };
        var limited = new AnswerOnce(HttpStatusCode.TooManyRequests, "{\"code\":\"FREQUENCY_LIMITED\",\"message\":\"频率超限\"}") { InnerHandler = sandbox.CreateHandler() };
        var instance = Instance(sandbox, limiting, handler: limited);

        var e = Assert.ThrowsAsync<ApiException>(() => Query(instance));
        Assert.That(e!.Code, Is.EqualTo("FREQUENCY_LIMITED"));
        Assert.ThrowsAsync<RateLimitedException>(() => Query(instance), "9 of the bucket's 10 permits were left; the answer took them");
    }

    [Test]
    public async Task AnotherErrorAnswer_LeavesTheBucketAlone()
    {
        var sandbox = new WeChatPaySandbox();
        var limiting = new RateLimitOptions { Limits = new WeChatPayRateLimits { new ApiRateLimit("GET", Bill, 100, TimeSpan.FromHours(1)) }, MaxWait = TimeSpan.Zero };
        var failing = new AnswerOnce(HttpStatusCode.BadRequest, "{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\"}") { InnerHandler = sandbox.CreateHandler() };
        var instance = Instance(sandbox, limiting, handler: failing);

        Assert.ThrowsAsync<ApiException>(() => Query(instance));
        Assert.That((await Query(instance)).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task CancellingTheCaller_WhileItWaits_IsACancellation_NotALimit()
    {
        var sandbox = new WeChatPaySandbox();
        var instance = Instance(sandbox, OnePerHour(TimeSpan.FromSeconds(30)));
        await Query(instance);
        using var cancellation = new CancellationTokenSource();
        var waiting = Query(instance, cancellation.Token);
        cancellation.Cancel();
        Assert.CatchAsync<OperationCanceledException>(() => waiting);
    }

    [Test]
    public async Task TheLimiterFactory_MakesOneLimiterPerApi_ForThisMerchant()
    {
        var sandbox = new WeChatPaySandbox();
        var factory = new CountingFactory();
        var instance = Instance(sandbox, new RateLimitOptions { Limits = new WeChatPayRateLimits { new ApiRateLimit("GET", Bill, 5, TimeSpan.FromSeconds(1)) }, LimiterFactory = factory });
        await Query(instance);
        await Query(instance);
        Assert.That(factory.Created, Is.EqualTo(new[] { $"{sandbox.Merchant.Mchid} GET {Bill}" }));
    }

    [Test]
    public async Task FailingFast_ALimiterThatAnswersOnlyAsynchronously_IsAskedSo()
    {
        var sandbox = new WeChatPaySandbox();
        var asynchronous = new AsynchronousOnly();
        var instance = Instance(sandbox, new RateLimitOptions
        {
            Limits = new WeChatPayRateLimits { new ApiRateLimit("GET", Bill, 100, TimeSpan.FromSeconds(1)) },
            MaxWait = TimeSpan.Zero,
            LimiterFactory = new FactoryOf(asynchronous),
        });

        Assert.That((await Query(instance)).StatusCode, Is.EqualTo(200));
        Assert.That(asynchronous.Asked, Is.EqualTo(1), "its AttemptAcquire could not answer; AcquireAsync did");
        asynchronous.Grant = false;
        Assert.ThrowsAsync<RateLimitedException>(() => Query(instance), "its refusal is a refusal");
    }

    [TestCase(100, 10, 1, 111_111)]
    [TestCase(1000, 100, 9, 99_999)]
    [TestCase(1_000_000, 100_000, 9_090, 99_990)]
    public void TheInProcessBucket_RefillsAtTheLimitsRate_NeverFasterThanEveryTenMilliseconds(int perSecond, int burst, int perPeriod, long periodTicks)
    {
        var options = ApiRateLimiter.LocalTokenBuckets.Options(new ApiRateLimit("GET", Bill, perSecond, TimeSpan.FromSeconds(1)));
        Assert.That((options.TokenLimit, options.TokensPerPeriod, options.ReplenishmentPeriod.Ticks), Is.EqualTo((burst, perPeriod, periodTicks)));
    }

    [TestCase(-1, "RateLimiting.MaxWait")]
    [TestCase(61_000, "RateLimiting.MaxWait")]
    public void BadOptions_AreRefusedByTheFactory(int maxWaitMs, string name)
    {
        var options = new WeChatPaySandbox().CreateOptions();
        options.RateLimiting = new RateLimitOptions { MaxWait = TimeSpan.FromMilliseconds(maxWaitMs) };
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(options));
        Assert.That(e!.ParamName, Is.EqualTo(name));
    }

    [Test]
    public void ANullLimitsTable_IsRefusedByTheFactory()
    {
        var options = new WeChatPaySandbox().CreateOptions();
        options.RateLimiting = new RateLimitOptions { Limits = null! };
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(options));
        Assert.That(e!.ParamName, Is.EqualTo("RateLimiting.Limits"));
    }

    /// <summary>Answers the first request itself (unsigned), then passes the others on.</summary>
    private sealed class AnswerOnce(HttpStatusCode status, string body) : DelegatingHandler
    {
        private int calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref calls) == 1
                ? Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") })
                : base.SendAsync(request, cancellationToken);
    }

    private sealed class FactoryOf(RateLimiter limiter) : IRateLimiterFactory
    {
        public RateLimiter Create(string merchant, ApiRateLimit limit) => limiter;
    }

    /// <summary>As a distributed bucket: refuses AttemptAcquire without an answer (no RetryAfter), answers AcquireAsync.</summary>
    private sealed class AsynchronousOnly : RateLimiter
    {
        public bool Grant { get; set; } = true;

        public int Asked { get; private set; }

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(false);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Asked++;
            return new Lease(Grant);
        }

        private sealed class Lease(bool acquired) : RateLimitLease
        {
            public override bool IsAcquired => acquired;

            public override IEnumerable<string> MetadataNames => Array.Empty<string>();

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }

    private sealed class CountingFactory : IRateLimiterFactory
    {
        public List<string> Created { get; } = new();

        public RateLimiter Create(string merchant, ApiRateLimit limit)
        {
            Created.Add(merchant + " " + limit.Api);
            return new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
        }
    }
}
