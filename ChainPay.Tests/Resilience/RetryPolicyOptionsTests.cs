using System.Net;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Resilience;

/// <summary>The checks of <see cref="RetryOptions"/> (docs/resilience.md, "Retry: off unless you set it"): what is refused, naming which option, and the boundary values that are valid.</summary>
public class RetryPolicyOptionsTests
{
    private readonly List<TimeSpan> waits = new();

    [SetUp]
    public void SetUp() => waits.Clear();

    private RetryOptions Recording(RetryOptions options)
    {
        options.Jitter = false;
        options.Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; };
        return options;
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void MaxAttemptsBelowOne_IsRefused(int attempts)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new FakeWeChatPay().Create(o => o.Retry = new RetryOptions { MaxAttempts = attempts }));
        Assert.That(e!.ParamName, Is.EqualTo("Retry.MaxAttempts"));
        Assert.That(e.Message, Does.Contain("`Retry.MaxAttempts`").And.Contain("at least 1"));
    }

    [TestCase(-1, 1000)]
    [TestCase(-1, -1)]
    [TestCase(1001, 1000)]
    [TestCase(0, -1)]
    public void ANegativeBaseDelay_OrAMaxDelayBelowIt_IsRefused(int baseMs, int maxMs)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new FakeWeChatPay().Create(o => o.Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(baseMs), MaxDelay = TimeSpan.FromMilliseconds(maxMs) }));
        Assert.That(e!.ParamName, Is.EqualTo("Retry.MaxDelay"));
        Assert.That(e.Message, Does.Contain("non-negative").And.Contain("MaxDelay ≥ BaseDelay"));
    }

    [TestCase("api2.mch.weixin.qq.com")]
    [TestCase("/v3/")]
    [TestCase("ftp://api2.mch.weixin.qq.com/")]
    [TestCase("file:///etc/passwd")]
    [TestCase("ws://api2.mch.weixin.qq.com/")]
    [TestCase("")]
    public void ABackupBaseUriThatIsNotAnAbsoluteHttpUri_IsRefused(string backup)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new FakeWeChatPay().Create(o => o.Retry = new RetryOptions { BackupBaseUri = backup }));
        Assert.That(e!.ParamName, Is.EqualTo("Retry.BackupBaseUri"));
        Assert.That(e.Message, Does.Contain("`Retry.BackupBaseUri`").And.Contain("absolute http(s) URI"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task AnHttpBackupBaseUri_IsValid_AndGetsItsTrailingSlash()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        await fake.Create(o => o.Retry = Recording(new RetryOptions { BackupBaseUri = "http://127.0.0.1:8080/mirror" })).Chain("v3/x").GetAsync();
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api.mch.weixin.qq.com/v3/x", "http://127.0.0.1:8080/mirror/v3/x" }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task TheFirstAttempt_AlwaysGoesToTheBaseUri_EvenWithABackup()
    {
        var fake = new FakeWeChatPay();
        await fake.Create(o => o.Retry = Recording(new RetryOptions { BackupBaseUri = RetryOptions.BackupDomain })).Chain("v3/x").GetAsync();
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api.mch.weixin.qq.com/v3/x" }));
        Assert.That(waits, Is.Empty);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task AZeroBaseDelay_IsValid_AndRetriesWithoutWaiting()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.OK) };
        var res = await fake.Create(o => o.Retry = Recording(new RetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(1) })).Chain("v3/x").GetAsync();
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(waits, Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.Zero }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task AMaxDelayEqualToTheBaseDelay_IsValid_AndEveryWaitIsThatDelay()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        var delay = TimeSpan.FromMilliseconds(300);
        await fake.Create(o => o.Retry = Recording(new RetryOptions { MaxAttempts = 4, BaseDelay = delay, MaxDelay = delay })).Chain("v3/x").GetAsync();
        Assert.That(waits, Is.EqualTo(new[] { delay, delay, delay }));
    }

    [Test]
    [CancelAfter(10_000)]
    public void OneAttempt_IsValid_AndNeverRetries()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK) };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create(o => o.Retry = Recording(new RetryOptions { MaxAttempts = 1, BackupBaseUri = RetryOptions.BackupDomain })).Chain("v3/x").GetAsync());
        Assert.That(e!.StatusCode, Is.EqualTo(503));
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api.mch.weixin.qq.com/v3/x" }));
        Assert.That(waits, Is.Empty);
    }

    [Test]
    public void Backoff_IsCappedByMaxDelay_EvenForManyAttempts()
    {
        var policy = new RetryPolicy(Recording(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(5) }));
        Assert.That(policy.Backoff(40, null), Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(policy.Backoff(1, TimeSpan.FromSeconds(5)), Is.EqualTo(TimeSpan.FromSeconds(5)), "a Retry-After equal to MaxDelay is kept");
        Assert.That(policy.Backoff(1, TimeSpan.FromSeconds(6)), Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(policy.Backoff(1, TimeSpan.FromSeconds(2)), Is.EqualTo(TimeSpan.FromSeconds(2)));
    }
}
