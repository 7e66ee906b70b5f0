using System.Net;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Resilience;

/// <summary>The <c>Retrying</c> log event of each retry (docs/telemetry.md): its reason, wait and the host the next attempt goes to.</summary>
public class RetryPolicyLogTests
{
    private static RetryOptions Options(string? backup) => new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(1),
        Jitter = false,
        BackupBaseUri = backup,
        Delay = (_, _) => Task.CompletedTask,
    };

    [TestCase(HttpStatusCode.InternalServerError, RetryOptions.BackupDomain, "api2.mch.weixin.qq.com")]
    [TestCase(HttpStatusCode.InternalServerError, null, "api.mch.weixin.qq.com")]
    [TestCase((HttpStatusCode)429, RetryOptions.BackupDomain, "api.mch.weixin.qq.com")]
    [CancelAfter(10_000)]
    public async Task EachRetry_IsLogged_WithTheHostOfTheNextAttempt(HttpStatusCode status, string? backup, string next)
    {
        var log = new RetryLog();
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(status, HttpStatusCode.OK) };
        await fake.Create(o => { o.LoggerFactory = log; o.Retry = Options(backup); }).Chain("v3/x").GetAsync();
        Assert.That(log.Retries, Has.Count.EqualTo(1));
        Assert.That(log.Retries[0], Does.Contain("attempt 1 failed with " + (int)status).And.Contain($"retrying in 100 ms on {next} "));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OnceOnTheBackup_EveryLaterRetryNamesIt()
    {
        var log = new RetryLog();
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.BadGateway, (HttpStatusCode)429, HttpStatusCode.OK) };
        await fake.Create(o => { o.LoggerFactory = log; o.Retry = Options(RetryOptions.BackupDomain); }).Chain("v3/x").GetAsync();
        Assert.That(log.Retries, Has.Count.EqualTo(2));
        Assert.That(log.Retries, Has.All.Contain("on api2.mch.weixin.qq.com "));
        Assert.That(log.Retries[1], Does.Contain("attempt 2 failed with 429").And.Contain("retrying in 200 ms"));
    }

    /// <summary>Keeps the formatted messages of the <c>Retrying</c> events (id 3).</summary>
    private sealed class RetryLog : ILoggerFactory, ILogger
    {
        public List<string> Retries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 3)
            {
                lock (Retries)
                {
                    Retries.Add(formatter(state, exception));
                }
            }
        }
    }
}
