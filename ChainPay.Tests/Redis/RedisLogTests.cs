using ChainPay.Redis;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Redis;

public class RedisLogTests
{
    [Test]
    public void TheLines_NameTheApiTheMerchantAndTheReason()
    {
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        var logger = loggers.CreateLogger(RedisLog.Category);

        RedisLog.RateLimitFallback(logger, "POST v3/x", "1900000001", "Redis at 127.0.0.1:6379 cannot be reached: not connected.");
        RedisLog.RateLimitShared(logger, "POST v3/x", "1900000001");

        Assert.That(logs.Entries.Select(e => (e.Category, e.Level, e.Event)), Is.EqualTo(new[]
        {
            ("ChainPay.Redis", LogLevel.Warning, (string?)"RateLimitFallback"),
            ("ChainPay.Redis", LogLevel.Information, (string?)"RateLimitShared"),
        }));
        Assert.That(logs.Entries[0].Message, Does.Contain("POST v3/x").And.Contain("1900000001").And.Contain("127.0.0.1:6379"));
    }
}
