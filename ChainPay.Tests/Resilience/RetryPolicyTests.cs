using System.Net;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Resilience;

public class RetryPolicyTests
{
    private readonly List<TimeSpan> waits = new();

    [SetUp]
    public void SetUp() => waits.Clear();

    private RetryOptions Options(int attempts = 3, string? backup = null) => new()
    {
        MaxAttempts = attempts,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(1),
        Jitter = false,
        BackupBaseUri = backup,
        Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; },
    };

    [Test]
    public async Task ServerErrors_AreRetried_EachAttemptSignedAnew()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.OK) };
        var res = await fake.Create(o => o.Retry = Options()).Chain("v3/pay/transactions/native").PostAsync(new { json = new { a = 1 } });
        Assert.That(res.StatusCode, Is.EqualTo(200));
        var sent = fake.Sent.ToList();
        Assert.That(sent, Has.Count.EqualTo(3));
        Assert.That(sent.Select(s => { FakeWeChatPay.VerifyAuthorization(s, out var f); return f["nonce_str"]; }).Distinct().Count(), Is.EqualTo(3));
        Assert.That(sent.All(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.True);
        Assert.That(waits, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200) }));
    }

    [Test]
    public async Task AStreamBody_IsSentWhole_OnEveryAttempt()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"mchid\":\"1230000109\"}"));
        await fake.Create(o => o.Retry = Options()).Chain("v3/x").PostAsync(new { body });
        Assert.That(fake.Sent.Select(s => s.BodyText), Is.EqualTo(new[] { "{\"mchid\":\"1230000109\"}", "{\"mchid\":\"1230000109\"}" }));
        Assert.That(fake.Sent.All(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.True);
    }

    [Test]
    public void AfterTheLastAttempt_TheLastErrorIsRaised()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.ServiceUnavailable) };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create(o => o.Retry = Options(attempts: 2)).Chain("v3/x").GetAsync());
        Assert.That(e!.StatusCode, Is.EqualTo(503));
        Assert.That(fake.Sent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task TooManyRequests_HonoursRetryAfter_CappedByMaxDelay()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence((HttpStatusCode)429, (HttpStatusCode)429, HttpStatusCode.OK) };
        var calls = 0;
        fake.Tamper = r => r.Headers.TryAddWithoutValidation("Retry-After", ++calls == 1 ? "0" : "30");
        await fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync();
        Assert.That(waits, Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1) }));
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.NotFound)]
    public void ClientErrors_AreNotRetried(HttpStatusCode status)
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(status, HttpStatusCode.OK) };
        Assert.ThrowsAsync<ApiException>(() => fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync());
        Assert.That(fake.Sent, Has.Count.EqualTo(1));
        Assert.That(waits, Is.Empty);
    }

    [Test]
    public void VerificationFailures_AreNotRetried()
    {
        var fake = new FakeWeChatPay { Tamper = r => r.Headers.Remove("Wechatpay-Signature") };
        Assert.ThrowsAsync<ResponseVerificationException>(() => fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync());
        Assert.That(fake.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ConnectionFailures_MoveToTheBackupDomain()
    {
        var fake = new FakeWeChatPay();
        var http = new HttpClient(new RefuseFirstConnection { InnerHandler = fake.Handler });
        var res = await fake.Create(o => { o.HttpClient = http; o.Retry = Options(backup: RetryOptions.BackupDomain); }).Chain("v3/x").GetAsync(new { query = new { a = 1 } });
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api2.mch.weixin.qq.com/v3/x?a=1" }), "the first attempt never reached a server");
        Assert.That(FakeWeChatPay.VerifyAuthorization(fake.Sent.Single(), out _), Is.True);
        Assert.That(waits, Has.Count.EqualTo(1));
    }

    [Test]
    public void CancellationDuringTheWait_Stops()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError) };
        using var cts = new CancellationTokenSource();
        var options = Options();
        options.Delay = (_, token) => { cts.Cancel(); return Task.Delay(Timeout.Infinite, token); };
        Assert.That(() => fake.Create(o => o.Retry = options).Chain("v3/x").GetAsync(null, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(fake.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public void Backoff_DoublesUpToTheCap_AndJitterStaysWithinHalf()
    {
        var policy = new RetryPolicy(Options());
        Assert.That(Enumerable.Range(1, 6).Select(n => policy.Backoff(n, null).TotalMilliseconds), Is.EqualTo(new[] { 100d, 200, 400, 800, 1000, 1000 }));
        var jittered = new RetryPolicy(new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) });
        Assert.That(Enumerable.Range(0, 50).Select(_ => jittered.Backoff(1, null).TotalMilliseconds), Is.All.InRange(500, 1000));
    }

    [Test]
    public void Options_AreValidatedAtFactory()
    {
        var fake = new FakeWeChatPay();
        Assert.That(Assert.Throws<InvalidArgumentException>(() => fake.Create(o => o.Retry = new RetryOptions { MaxAttempts = 0 }))!.ParamName, Is.EqualTo("Retry.MaxAttempts"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => fake.Create(o => o.Retry = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1) }))!.ParamName, Is.EqualTo("Retry.MaxDelay"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => fake.Create(o => o.Retry = new RetryOptions { BackupBaseUri = "api2" }))!.ParamName, Is.EqualTo("Retry.BackupBaseUri"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void WithoutRetry_ACallIsSentOnce()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/x").GetAsync());
        Assert.That(fake.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public void MaxAttemptsOfOne_TurnsRetriesOff()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        Assert.ThrowsAsync<ApiException>(() => fake.Create(o => o.Retry = Options(attempts: 1)).Chain("v3/x").GetAsync());
        Assert.That(fake.Sent, Has.Count.EqualTo(1));
        Assert.That(waits, Is.Empty);
    }

    [Test]
    [CancelAfter(10_000)]
    public void TheLastFailure_IsRaised_NotTheFirst()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK) };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync());
        Assert.That(e!.StatusCode, Is.EqualTo(503));
        Assert.That(fake.Sent, Has.Count.EqualTo(3));
    }

    [Test]
    [CancelAfter(10_000)]
    public void BadInput_IsNeverRetried_AndNothingIsSent()
    {
        var fake = new FakeWeChatPay();
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync(new { headers = new Dictionary<string, object?> { ["X-A"] = "a\nb" } }));
        Assert.That(e!.ParamName, Is.EqualTo("X-A"));
        Assert.That(fake.Sent, Is.Empty);
        Assert.That(waits, Is.Empty);
    }

    [Test]
    [CancelAfter(10_000)]
    public void AnAnswerAboveMaxResponseSize_IsNotRetried()
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.OK, "{\"big\":\"" + new string('x', 4096) + "\"}") };
        var e = Assert.ThrowsAsync<Flurl.Http.FlurlHttpException>(() => fake.Create(o => { o.MaxResponseSize = 1024; o.Retry = Options(); }).Chain("v3/x").GetAsync());
        Assert.That(e!.StatusCode, Is.Null);
        Assert.That(fake.Sent, Has.Count.EqualTo(1));
        Assert.That(waits, Is.Empty);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RetryAfter_IsNotJittered_AndWithoutItTheUsualWaitApplies()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence((HttpStatusCode)429, (HttpStatusCode)429, HttpStatusCode.OK) };
        var calls = 0;
        fake.Tamper = r =>
        {
            if (++calls == 1)
            {
                r.Headers.TryAddWithoutValidation("Retry-After", "1"); // seconds: waited exactly, jitter on
            }
            else
            {
                r.Headers.TryAddWithoutValidation("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"); // not seconds: the usual wait
            }
        };
        var options = Options();
        options.Jitter = true;
        options.MaxDelay = TimeSpan.FromSeconds(5);
        await fake.Create(o => o.Retry = options).Chain("v3/x").GetAsync();
        Assert.That(waits[0], Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(waits[1].TotalMilliseconds, Is.InRange(100, 200), "BaseDelay × 2, jittered");
    }

    [Test]
    public void Classify_TimeoutsAndConnectionFailuresAndServerErrors_MoveToTheBackup_429DoesNot()
    {
        var call = new Flurl.Http.FlurlCall { Request = new Flurl.Http.FlurlRequest("https://api.mch.weixin.qq.com/v3/x"), HttpRequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com/v3/x") };
        Assert.That(RetryPolicy.Classify(new Flurl.Http.FlurlHttpTimeoutException(call, new TaskCanceledException())), Is.EqualTo(((bool, TimeSpan?)?)(true, null)));
        Assert.That(RetryPolicy.Classify(new Flurl.Http.FlurlHttpException(call, new HttpRequestException("Connection refused"))), Is.EqualTo(((bool, TimeSpan?)?)(true, null)));
        Assert.That(RetryPolicy.Classify(new InvalidArgumentException("bad", "x")), Is.Null);
        Assert.That(RetryPolicy.Classify(new OperationCanceledException()), Is.Null);
    }

    [Test]
    public void Options_NegativeBaseDelay_AndANonHttpBackup_AreRefused()
    {
        var fake = new FakeWeChatPay();
        Assert.That(Assert.Throws<InvalidArgumentException>(() => fake.Create(o => o.Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(-1) }))!.ParamName, Is.EqualTo("Retry.MaxDelay"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => fake.Create(o => o.Retry = new RetryOptions { BackupBaseUri = "ftp://api2.mch.weixin.qq.com/" }))!.ParamName, Is.EqualTo("Retry.BackupBaseUri"));
        Assert.DoesNotThrow(() => fake.Create(o => o.Retry = new RetryOptions { MaxAttempts = 1, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, BackupBaseUri = "http://127.0.0.1:8080" }));
    }

    // docs/resilience.md: an answer above MaxResponseSize is never retried. On runtimes without HttpRequestError the
    // .NET message ("… the configured maximum buffer size: …") is the only sign, at any depth, in any case.
    [TestCase("Cannot write more bytes to the buffer than the configured maximum buffer size: 1024.")]
    [TestCase("maximum buffer size exceeded")]
    [TestCase("MAXIMUM BUFFER SIZE")]
    public void Classify_AnAnswerAboveTheBufferSize_IsNotRetried(string message)
    {
        var call = new Flurl.Http.FlurlCall { Request = new Flurl.Http.FlurlRequest("https://api.mch.weixin.qq.com/v3/x"), HttpRequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com/v3/x") };
        Assert.That(RetryPolicy.Classify(new Flurl.Http.FlurlHttpException(call, new HttpRequestException(message))), Is.Null);
        Assert.That(RetryPolicy.Classify(new Flurl.Http.FlurlHttpException(call, new HttpRequestException("Error while copying content", new IOException(message)))), Is.Null);
        Assert.That(RetryPolicy.IsAnswerTooLarge(new Flurl.Http.FlurlHttpException(call, new HttpRequestException("Connection reset", new IOException("buffer")))), Is.False);
    }
}
