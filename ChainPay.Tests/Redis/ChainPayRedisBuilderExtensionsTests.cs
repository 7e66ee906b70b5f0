using ChainPay.Certificates;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.RateLimiting;
using ChainPay.Redis;
using ChainPay.Replay;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChainPay.Tests.Redis;

[NonParallelizable]
public class ChainPayRedisBuilderExtensionsTests : RedisTests
{
    [Test]
    public async Task AddRedis_SetsTheMerchantsNonceStoreAndLimiterFactory_AndRegistersEachStoreOnce()
    {
        var sandbox = new WeChatPaySandbox();
        var services = new ServiceCollection();
        services.AddLogging();
        Register(services, sandbox, "a").AddRedis(Server.Configuration, o => o.KeyPrefix = "di");
        Register(services, sandbox, "b").AddRedis(Server.Configuration);
        await using var provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<ChainPayOptions>>();
        var a = monitor.Get("a").Builder;
        var b = monitor.Get("b").Builder;

        Assert.That(a.NonceStore, Is.SameAs(provider.GetRequiredService<RedisNonceStore>()).And.SameAs(b.NonceStore).And.SameAs(provider.GetRequiredService<INonceStore>()));
        Assert.That(a.RateLimiting!.LimiterFactory, Is.SameAs(provider.GetRequiredService<RedisRateLimiterFactory>()));
        Assert.That(a.RateLimiting.Limits.Count, Is.EqualTo(WeChatPayRateLimits.CreateDefault().Count), "RateLimiting created with the documented limits");
        Assert.That(provider.GetRequiredService<IPlatformKeyStore>(), Is.SameAs(provider.GetRequiredService<RedisPlatformKeyStore>()));
        Assert.That(services.Count(d => d.ServiceType == typeof(IConnectionMultiplexer)), Is.EqualTo(1));
        Assert.That(a.NonceStore!.ToString(), Does.Contain("KeyPrefix = di"));

        var nonce = Guid.NewGuid().ToString("N");
        Assert.That(await a.NonceStore.TryAddAsync("m", NoncePurpose.Answer, nonce, TimeSpan.FromMinutes(1)), Is.True);
        Assert.That(await provider.GetRequiredService<IConnectionMultiplexer>().GetDatabase().KeyExistsAsync("di:m:nonce:answer:" + nonce), Is.True);
        Assert.That(provider.GetRequiredService<IChainPayFactory>().Get("a"), Is.Not.Null);
    }

    [Test]
    public async Task AddRedis_KeepsTheMerchantsOwnRateLimitOptions()
    {
        var sandbox = new WeChatPaySandbox();
        var services = new ServiceCollection();
        Register(services, sandbox, "a", o => o.RateLimiting = new RateLimitOptions { MaxWait = TimeSpan.FromMilliseconds(300) })
            .AddRedis(_ => ConnectionMultiplexer.Connect(new RedisChainPayOptions().CreateConfiguration(Server.Configuration)));
        await using var provider = services.BuildServiceProvider();

        var rate = provider.GetRequiredService<IOptionsMonitor<ChainPayOptions>>().Get("a").Builder.RateLimiting!;

        Assert.That(rate.MaxWait, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
        Assert.That(rate.LimiterFactory, Is.TypeOf<RedisRateLimiterFactory>());
    }

    [Test]
    public async Task ABadOption_FailsValidation_NamingIt()
    {
        var services = new ServiceCollection();
        Register(services, new WeChatPaySandbox(), "a").AddRedis(Server.Configuration, o => o.FallbackShare = 3);
        await using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<RedisChainPayOptions>>().Value);

        Assert.That(e!.Message, Does.Contain("RedisChainPayOptions.FallbackShare"));
    }

    [Test]
    public void MissingArguments_AreNamed()
    {
        var builder = Register(new ServiceCollection(), new WeChatPaySandbox(), "a");

        Assert.That(Assert.Throws<InvalidArgumentException>(() => builder.AddRedis(" "))!.ParamName, Is.EqualTo("configuration"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => builder.AddRedis((Func<IServiceProvider, IConnectionMultiplexer>)null!))!.ParamName, Is.EqualTo("connect"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => ((IChainPayBuilder)null!).AddRedis("localhost"))!.ParamName, Is.EqualTo("builder"));
    }

    private static IChainPayBuilder Register(IServiceCollection services, WeChatPaySandbox sandbox, string name, Action<BuilderOptions>? more = null)
    {
        var builder = services.AddChainPay(name, o =>
        {
            var s = sandbox.CreateOptions();
            (o.Mchid, o.Serial, o.PrivateKey, o.Certs) = (s.Mchid, s.Serial, s.PrivateKey, s.Certs);
            more?.Invoke(o);
        });
        builder.HttpClient.ConfigurePrimaryHttpMessageHandler(() => sandbox.CreateHandler());
        return builder;
    }
}
