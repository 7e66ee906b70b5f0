using ChainPay.RateLimiting;
using ChainPay.Redis;
using StackExchange.Redis;

namespace ChainPay.Tests.Redis;

public class RedisTokenBucketScriptTests
{
    [Test]
    public void TheArguments_HaveTheBucketsShape_TheIntervalRoundedUp()
    {
        var cancel = WeChatPayRateLimits.CreateDefault().Single(); // 100/s: 10 permits, one back every 11,111.1 µs

        var arguments = RedisTokenBucketScript.Arguments(cancel, 1);

        Assert.That(arguments.Select(a => (long)a), Is.EqualTo(new long[] { 10, 11_112, 1, (10 * 11_112 / 1000) + 1000 }));
        Assert.That(RedisTokenBucketScript.IntervalMicroseconds(new ApiRateLimit("GET", "v3/x", 10_000_000, TimeSpan.FromSeconds(1))), Is.EqualTo(1), "never below a microsecond");
    }

    [Test]
    public void TheAnswer_IsParsed()
    {
        var answer = RedisResult.Create(new[] { RedisResult.Create((RedisValue)0), RedisResult.Create((RedisValue)3), RedisResult.Create((RedisValue)2500) });

        Assert.That(RedisTokenBucketScript.Parse(answer), Is.EqualTo((false, 3L, TimeSpan.FromMilliseconds(2.5))));
    }

    [Test]
    public void TheScript_ReadsRedissClock_AndWritesWholeNumbers()
    {
        Assert.That(RedisTokenBucketScript.Source, Does.Contain("redis.call('TIME')").And.Contain("string.format('%.0f', ts)").And.Contain("PEXPIRE"));
    }
}
