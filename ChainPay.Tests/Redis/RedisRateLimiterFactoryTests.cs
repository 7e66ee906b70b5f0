using ChainPay.RateLimiting;
using ChainPay.Redis;
using StackExchange.Redis;

namespace ChainPay.Tests.Redis;

public class RedisRateLimiterFactoryTests
{
    [Test]
    public void Create_GivesARedisBucketForTheMerchantAndApi()
    {
        using var redis = ConnectionMultiplexer.Connect(new RedisChainPayOptions { ConnectTimeout = TimeSpan.FromMilliseconds(100) }.CreateConfiguration("127.0.0.1:1"));
        var factory = new RedisRateLimiterFactory(redis, new RedisChainPayOptions { KeyPrefix = "fleet" });
        var limit = WeChatPayRateLimits.CreateDefault().Single();

        using var limiter = factory.Create("1900000001", limit);

        Assert.That(limiter, Is.TypeOf<RedisTokenBucketRateLimiter>());
        Assert.That(limiter.ToString(), Does.Contain("Merchant = 1900000001").And.Contain(limit.Api));
        Assert.That(factory.ToString(), Is.EqualTo("RedisRateLimiterFactory { KeyPrefix = fleet }"));
    }

    [Test]
    public void BadArguments_AreNamed()
    {
        using var redis = ConnectionMultiplexer.Connect(new RedisChainPayOptions { ConnectTimeout = TimeSpan.FromMilliseconds(100) }.CreateConfiguration("127.0.0.1:1"));

        Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new RedisRateLimiterFactory(null!))!.ParamName, Is.EqualTo("multiplexer"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new RedisRateLimiterFactory(redis, new RedisChainPayOptions { KeyPrefix = " " }))!.ParamName, Is.EqualTo("KeyPrefix"));
    }
}
