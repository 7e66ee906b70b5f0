using ChainPay.Redis;
using StackExchange.Redis;

namespace ChainPay.Tests.Redis;

public class RedisChainPayOptionsTests
{
    [Test]
    public void CreateConfiguration_FailsFast_WithTheTimeouts()
    {
        var options = new RedisChainPayOptions { CommandTimeout = TimeSpan.FromMilliseconds(250), ConnectTimeout = TimeSpan.FromSeconds(3) };

        var configuration = options.CreateConfiguration("redis.internal:6380,password=s3cret,ssl=true");

        Assert.That(configuration.AbortOnConnectFail, Is.False);
        Assert.That(configuration.BacklogPolicy, Is.SameAs(BacklogPolicy.FailFast));
        Assert.That((configuration.SyncTimeout, configuration.AsyncTimeout, configuration.ConnectTimeout), Is.EqualTo((250, 250, 3000)));
        Assert.That(configuration.Password, Is.EqualTo("s3cret"));
        Assert.That(configuration.Ssl, Is.True);
        Assert.That(configuration.EndPoints.Single().ToString(), Does.Contain("redis.internal:6380"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void CreateConfiguration_WithoutAString_NamesIt(string? configuration)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new RedisChainPayOptions().CreateConfiguration(configuration!));

        Assert.That(e!.ParamName, Is.EqualTo("configuration"));
    }

    [Test]
    public void CreateConfiguration_OfAnUnparsableString_DoesNotRepeatIt()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new RedisChainPayOptions().CreateConfiguration("localhost,password=hunter2,syncTimeout=soon"));

        Assert.That(e!.Message, Does.Not.Contain("hunter2"));
        Assert.That(e.ParamName, Is.EqualTo("configuration"));
    }

    [Test]
    public void Defaults_AndToString()
    {
        var options = new RedisChainPayOptions();

        Assert.That((options.KeyPrefix, options.CommandTimeout, options.ConnectTimeout, options.FallbackShare), Is.EqualTo(("chainpay", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), 1.0)));
        Assert.That(options.ToString(), Is.EqualTo("RedisChainPayOptions { KeyPrefix = chainpay, CommandTimeout = 00:00:00.5000000, ConnectTimeout = 00:00:02, FallbackShare = 1 }"));
    }
}
