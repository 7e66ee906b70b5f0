using System.Diagnostics;
using ChainPay.Certificates;
using ChainPay.Redis;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChainPay.Tests.Redis;

/// <summary>RedisPlatformKeyStore against a real redis-Server, and CertificateManagers of a fleet sharing it.</summary>
[NonParallelizable]
public class RedisPlatformKeyStoreTests : RedisTests
{
    private const string ApiV3Key = "0123456789abcdef0123456789abcdef";
    private const int Fleet = 5;
    [Test]
    public async Task ASnapshot_RoundTrips_AndExpiresAfterItsTimeToLive()
    {
        using var a = Server.Connect();
        using var b = Server.Connect();
        var fetched = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123);

        await new RedisPlatformKeyStore(a).SetAsync("1900000001", new PlatformKeySnapshot("{\"data\":[]}", publicKeyMode: false, fetched), TimeSpan.FromHours(1));
        var read = await new RedisPlatformKeyStore(b).GetAsync("1900000001");
        var ttl = await b.GetDatabase().KeyTimeToLiveAsync("chainpay:1900000001:certificates");

        Assert.That(read, Is.Not.Null);
        Assert.That((read!.Body, read.PublicKeyMode, read.FetchedAt), Is.EqualTo(("{\"data\":[]}", false, fetched)));
        Assert.That(ttl, Is.GreaterThan(TimeSpan.FromMinutes(59)).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
        Assert.That(await new RedisPlatformKeyStore(b).GetAsync("1900000002"), Is.Null);
    }

    [Test]
    public async Task APublicKeyModeSnapshot_RoundTrips()
    {
        using var redis = Server.Connect();
        var store = new RedisPlatformKeyStore(redis, new RedisChainPayOptions { KeyPrefix = "p" });
        await store.SetAsync("m", new PlatformKeySnapshot(string.Empty, publicKeyMode: true, DateTimeOffset.FromUnixTimeMilliseconds(5)), TimeSpan.FromMinutes(1));

        var read = await store.GetAsync("m");

        Assert.That((read!.Body, read.PublicKeyMode, read.FetchedAt.ToUnixTimeMilliseconds()), Is.EqualTo((string.Empty, true, 5L)));
        Assert.That(await redis.GetDatabase().KeyExistsAsync("p:m:certificates"), Is.True);
    }

    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("{\"body\":1,\"publicKeyMode\":false,\"fetchedAt\":1}")]
    [TestCase("{\"body\":\"x\",\"publicKeyMode\":\"no\",\"fetchedAt\":1}")]
    [TestCase("{\"body\":\"x\",\"publicKeyMode\":false,\"fetchedAt\":99999999999999999}")]
    public async Task AValueThatIsNotASnapshot_ReadsAsNone(string planted)
    {
        using var redis = Server.Connect();
        await redis.GetDatabase().StringSetAsync("chainpay:m:certificates", planted);

        Assert.That(await new RedisPlatformKeyStore(redis).GetAsync("m"), Is.Null);
    }

    [Test]
    public async Task TheLock_IsHeldByOne_ReleasedOnlyWithItsToken_AndExpiresWithItsLease()
    {
        using var a = Server.Connect();
        using var b = Server.Connect();
        var storeA = new RedisPlatformKeyStore(a);
        var storeB = new RedisPlatformKeyStore(b);

        var token = await storeA.TryLockAsync("m", TimeSpan.FromSeconds(30));
        var refused = await storeB.TryLockAsync("m", TimeSpan.FromSeconds(30));
        await storeB.ReleaseAsync("m", "not-the-token");
        var stillHeld = await storeB.TryLockAsync("m", TimeSpan.FromSeconds(30));
        var ttl = await a.GetDatabase().KeyTimeToLiveAsync("chainpay:m:certificates:lock");
        await storeA.ReleaseAsync("m", token!);
        var taken = await storeB.TryLockAsync("m", TimeSpan.FromMilliseconds(50));

        Assert.That(token, Is.Not.Null.And.Not.Empty);
        Assert.That(refused, Is.Null);
        Assert.That(stillHeld, Is.Null);
        Assert.That(ttl, Is.GreaterThan(TimeSpan.FromSeconds(25)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(taken, Is.Not.Null.And.Not.EqualTo(token));

        // B's lock expires (polling until Redis removed it); A takes it; B's late release leaves A's lock alone.
        var waited = Stopwatch.StartNew();
        while (await a.GetDatabase().KeyExistsAsync("chainpay:m:certificates:lock") && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        var again = await storeA.TryLockAsync("m", TimeSpan.FromSeconds(30));
        await storeB.ReleaseAsync("m", taken!);
        Assert.That(again, Is.Not.Null);
        Assert.That((string?)await a.GetDatabase().StringGetAsync("chainpay:m:certificates:lock"), Is.EqualTo(again));
    }

    [Test]
    public async Task AFleetRefreshingTogether_DownloadsOnce_AndEveryInstanceInstallsTheSameCertificates()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var fleet = Enumerable.Range(0, Fleet).Select(_ => Instance(sandbox, Server.Connect())).ToList();
        try
        {
            var results = await Task.WhenAll(fleet.Select(f => f.Manager.RefreshAsync()));

            Assert.That(fleet.Sum(f => f.Manager.Downloads), Is.EqualTo(1));
            Assert.That(results.Select(r => string.Join(",", r.Select(c => c.SerialNo))).Distinct(), Is.EqualTo(new[] { sandbox.PlatformKeyId }));

            var again = await Task.WhenAll(fleet.Select(f => f.Manager.RefreshAsync()));
            Assert.That(fleet.Sum(f => f.Manager.Downloads), Is.EqualTo(1), "a second refresh within the interval reads what is stored");
            Assert.That(again.All(r => r.Single().SerialNo == sandbox.PlatformKeyId), Is.True);

            foreach (var f in fleet)
            {
                var answer = await f.Instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, json = new { appid = "wxd678efh567hg6787", mchid = sandbox.Merchant.Mchid } });
                Assert.That(answer.StatusCode, Is.EqualTo(200), "verified with the shared certificate");
            }
        }
        finally
        {
            fleet.ForEach(f => f.Dispose());
        }
    }

    [Test]
    public async Task RedisDown_EachManagerDownloadsItselfWithAWarning_AndSharesAgainWhenBack()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        var fleet = Enumerable.Range(0, Fleet).Select(_ => Instance(sandbox, Server.Connect(), loggers)).ToList();
        try
        {
            Server.Stop();
            foreach (var f in fleet)
            {
                await RedisServer.WaitDisconnectedAsync(f.Redis);
            }

            var alone = await Task.WhenAll(fleet.Select(f => f.Manager.RefreshAsync()));

            Assert.That(fleet.Select(f => f.Manager.Downloads), Is.All.EqualTo(1), "each instance downloaded itself");
            Assert.That(alone.All(r => r.Single().SerialNo == sandbox.PlatformKeyId), Is.True);
            Assert.That(logs.Entries.Count(e => e.Event == "KeyStoreUnavailable" && e.Level == LogLevel.Warning), Is.EqualTo(Fleet));

            Server.StartAgain();
            foreach (var f in fleet)
            {
                await RedisServer.WaitConnectedAsync(f.Redis);
            }

            await Task.WhenAll(fleet.Select(f => f.Manager.RefreshAsync()));
            Assert.That(fleet.Sum(f => f.Manager.Downloads), Is.EqualTo(Fleet + 1), "one download for the fleet again");
        }
        finally
        {
            fleet.ForEach(f => f.Dispose());
        }
    }

    [Test]
    public void Arguments_AreChecked()
    {
        using var redis = Server.Connect();
        var store = new RedisPlatformKeyStore(redis);

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new RedisPlatformKeyStore(null!))!.Message, Does.Contain("IConnectionMultiplexer"));
            Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => store.SetAsync("m", null!, TimeSpan.FromMinutes(1)))!.Message, Does.Contain("snapshot"));
            Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => store.SetAsync("m", new PlatformKeySnapshot("", true, DateTimeOffset.UtcNow), TimeSpan.Zero))!.Message, Does.Contain("timeToLive"));
            Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => store.TryLockAsync("m", TimeSpan.Zero))!.Message, Does.Contain("lease"));
            Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => store.ReleaseAsync("m", null!))!.Message, Does.Contain("token"));
        });
    }

    private static FleetInstance Instance(WeChatPaySandbox sandbox, ConnectionMultiplexer redis, ILoggerFactory? loggers = null)
    {
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null };
        options.LoggerFactory = loggers;
        var instance = Builder.Factory(options);
        var manager = new CertificateManager(instance, ApiV3Key, refreshInterval: null, new RedisPlatformKeyStore(redis)) { PollInterval = TimeSpan.FromMilliseconds(10) };
        return new FleetInstance(instance, manager, redis);
    }

    private sealed record FleetInstance(BuilderChain Instance, CertificateManager Manager, ConnectionMultiplexer Redis) : IDisposable
    {
        public void Dispose()
        {
            Manager.Dispose();
            Redis.Dispose();
        }
    }
}
