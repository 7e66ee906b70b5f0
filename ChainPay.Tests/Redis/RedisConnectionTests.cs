using System.Diagnostics;
using ChainPay.Redis;
using StackExchange.Redis;

namespace ChainPay.Tests.Redis;

/// <summary>Fail-fast behaviour with no server at all (a port nothing listens on).</summary>
public class RedisConnectionTests
{
    [Test]
    public async Task NoServer_FailsAtOnce_NamingTheEndpointButNotThePassword()
    {
        var port = FreePort();
        var options = new RedisChainPayOptions { ConnectTimeout = TimeSpan.FromMilliseconds(200) };
        using var redis = await ConnectionMultiplexer.ConnectAsync(options.CreateConfiguration($"127.0.0.1:{port},password=hunter2"));
        var connection = new RedisConnection(redis, options);

        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<SharedStoreUnavailableException>(() => connection.RunAsync(db => db.StringGetAsync("k"), CancellationToken.None));
        var sync = Assert.Throws<SharedStoreUnavailableException>(() => connection.Run(db => db.StringGet("k")));

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(e!.Message, Is.EqualTo($"Redis at 127.0.0.1:{port} cannot be reached: not connected."));
        Assert.That(sync!.Message, Does.Not.Contain("hunter2"));
        Assert.That(connection.IsConnected, Is.False);
    }

    [Test]
    public void ACancelledToken_IsHonouredBeforeAnything()
    {
        using var redis = ConnectionMultiplexer.Connect(new RedisChainPayOptions { ConnectTimeout = TimeSpan.FromMilliseconds(100) }.CreateConfiguration($"127.0.0.1:{FreePort()}"));
        var connection = new RedisConnection(redis, new RedisChainPayOptions());

        Assert.That(() => connection.RunAsync(db => db.PingAsync(), new CancellationToken(true)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void NoMultiplexer_IsNamed()
    {
        Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new RedisConnection(null!, new RedisChainPayOptions()))!.ParamName, Is.EqualTo("multiplexer"));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
