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

    private static Func<SentRequest, (HttpStatusCode, string)> Sequence(params HttpStatusCode[] statuses)
    {
        var i = 0;
        return _ =>
        {
            var status = statuses[Math.Min(i++, statuses.Length - 1)];
            return (status, status == HttpStatusCode.OK ? "{\"ok\":true}" : "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统异常\"}");
        };
    }

    [Test]
    public async Task ServerErrors_AreRetried_EachAttemptSignedAnew()
    {
        var fake = new FakeWeChatPay { Reply = Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.OK) };
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
        var fake = new FakeWeChatPay { Reply = Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"mchid\":\"1230000109\"}"));
        await fake.Create(o => o.Retry = Options()).Chain("v3/x").PostAsync(new { body });
        Assert.That(fake.Sent.Select(s => s.BodyText), Is.EqualTo(new[] { "{\"mchid\":\"1230000109\"}", "{\"mchid\":\"1230000109\"}" }));
        Assert.That(fake.Sent.All(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.True);
    }

    [Test]
    public void AfterTheLastAttempt_TheLastErrorIsRaised()
    {
        var fake = new FakeWeChatPay { Reply = Sequence(HttpStatusCode.ServiceUnavailable) };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create(o => o.Retry = Options(attempts: 2)).Chain("v3/x").GetAsync());
        Assert.That(e!.StatusCode, Is.EqualTo(503));
        Assert.That(fake.Sent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task TooManyRequests_HonoursRetryAfter_CappedByMaxDelay()
    {
        var fake = new FakeWeChatPay { Reply = Sequence((HttpStatusCode)429, (HttpStatusCode)429, HttpStatusCode.OK) };
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
        var fake = new FakeWeChatPay { Reply = Sequence(status, HttpStatusCode.OK) };
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
        var http = new HttpClient(new FailFirst { InnerHandler = fake.Handler });
        var res = await fake.Create(o => { o.HttpClient = http; o.Retry = Options(backup: RetryOptions.BackupDomain); }).Chain("v3/x").GetAsync(new { query = new { a = 1 } });
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api2.mch.weixin.qq.com/v3/x?a=1" }), "the first attempt never reached a server");
        Assert.That(FakeWeChatPay.VerifyAuthorization(fake.Sent.Single(), out _), Is.True);
        Assert.That(waits, Has.Count.EqualTo(1));
    }

    /// <summary>Refuses the first connection, as a dead access point would.</summary>
    private sealed class FailFirst : DelegatingHandler
    {
        private int calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new HttpRequestException("Connection refused (api.mch.weixin.qq.com:443)")
                : base.SendAsync(request, cancellationToken);
    }

    [Test]
    public void CancellationDuringTheWait_Stops()
    {
        var fake = new FakeWeChatPay { Reply = Sequence(HttpStatusCode.InternalServerError) };
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
}
