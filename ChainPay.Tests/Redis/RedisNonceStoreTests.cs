using System.Diagnostics;
using System.Net;
using System.Text;
using ChainPay.Notifications;
using ChainPay.Redis;
using ChainPay.Replay;
using ChainPay.Testing;
using ChainPay.Tests.AspNetCore;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using StackExchange.Redis;

namespace ChainPay.Tests.Redis;

/// <summary>RedisNonceStore against a real redis-Server, each simulated instance with its own connection.</summary>
[NonParallelizable]
public class RedisNonceStoreTests : RedisTests
{
    private static readonly object Paid = new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, trade_state = "SUCCESS" };
    [Test]
    public async Task ANonceRecordedByOneInstance_IsRefusedByAnother_AndKeptApartByMerchantAndPurpose()
    {
        using var a = Server.Connect();
        using var b = Server.Connect();
        var storeA = new RedisNonceStore(a);
        var storeB = new RedisNonceStore(b);
        var lifetime = TimeSpan.FromMinutes(10);

        Assert.That(await storeA.TryAddAsync("1900000001", NoncePurpose.Notification, "n-1", lifetime), Is.True);
        Assert.That(await storeB.TryAddAsync("1900000001", NoncePurpose.Notification, "n-1", lifetime), Is.False);
        Assert.That(await storeA.TryAddAsync("1900000001", NoncePurpose.Notification, "n-1", lifetime), Is.False);
        Assert.That(await storeB.TryAddAsync("1900000001", NoncePurpose.Answer, "n-1", lifetime), Is.True);
        Assert.That(await storeB.TryAddAsync("1900000002", NoncePurpose.Notification, "n-1", lifetime), Is.True);
    }

    [Test]
    public async Task TheKey_IsSetIfAbsent_WithTheLifetimeAsExpiry()
    {
        using var redis = Server.Connect();
        await new RedisNonceStore(redis).TryAddAsync("1900000001", NoncePurpose.Notification, "abc", TimeSpan.FromSeconds(600));

        var db = redis.GetDatabase();
        Assert.That((string?)await db.StringGetAsync("chainpay:1900000001:nonce:notification:abc"), Is.EqualTo("1"));
        var ttl = await db.KeyTimeToLiveAsync("chainpay:1900000001:nonce:notification:abc");
        Assert.That(ttl, Is.Not.Null.And.GreaterThan(TimeSpan.FromSeconds(590)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(600)));
    }

    [Test]
    public async Task ANonceThatExpired_IsRecordedAgain()
    {
        using var redis = Server.Connect();
        var store = new RedisNonceStore(redis);
        Assert.That(await store.TryAddAsync("m", NoncePurpose.Answer, "short", TimeSpan.FromMilliseconds(50)), Is.True);

        // Redis expires it: wait (polling) until the key is gone, then it is fresh again.
        var waited = Stopwatch.StartNew();
        while (await redis.GetDatabase().KeyExistsAsync("chainpay:m:nonce:answer:short") && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.That(await store.TryAddAsync("m", NoncePurpose.Answer, "short", TimeSpan.FromMinutes(1)), Is.True);
    }

    [Test]
    public async Task AHostileNonce_IsKeyedByItsSha256_AndStillRefusedWhenReplayed()
    {
        using var redis = Server.Connect();
        var store = new RedisNonceStore(redis, new RedisChainPayOptions { KeyPrefix = "hostile" });
        var nonce = new string('x', 100_000);

        Assert.That(await store.TryAddAsync("m", NoncePurpose.Notification, nonce, TimeSpan.FromMinutes(1)), Is.True);
        Assert.That(await store.TryAddAsync("m", NoncePurpose.Notification, nonce, TimeSpan.FromMinutes(1)), Is.False);

        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "hostile:*").Select(k => (string)k!).ToList();
        var expected = "hostile:m:nonce:notification:sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));
        Assert.That(keys, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task ANotificationReplayedToASecondInstance_IsRefused()
    {
        var sandbox = new WeChatPaySandbox();
        using var a = Server.Connect();
        using var b = Server.Connect();
        var first = Verifier(sandbox, a);
        var second = Verifier(sandbox, b);
        var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);
        var body = Encoding.UTF8.GetBytes(notice.Body);

        var verified = await first.VerifyAsync(n => notice.Headers.TryGetValue(n, out var v) ? v : null, body);
        var replay = Assert.ThrowsAsync<NotificationVerificationException>(() => second.VerifyAsync(n => notice.Headers.TryGetValue(n, out var v) ? v : null, body));

        Assert.That((string?)verified.DecryptResource()["trade_state"], Is.EqualTo("SUCCESS"));
        Assert.That(replay!.Message, Does.Contain("replay"));
    }

    [Test]
    public async Task ANotificationReplayedToASecondEndpoint_IsRefused_AndHandledOnce()
    {
        var sandbox = new WeChatPaySandbox();
        var handled = new List<JObject>();
        await using var appA = await StartAppAsync(sandbox, handled);
        await using var appB = await StartAppAsync(sandbox, handled);
        var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);

        var first = await NotificationApp.PostAsync(appA, "/notify", notice);
        var second = await NotificationApp.PostAsync(appB, "/notify", notice);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.NoContent));
        NotificationApp.AssertFail(second, HttpStatusCode.Unauthorized);
        Assert.That(handled, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RedisDown_RefusesNotificationsAtOnce_AcceptsAnswersWithAWarning_AndSharesAgainWhenBack()
    {
        var sandbox = new WeChatPaySandbox();
        var handled = new List<JObject>();
        await using var app = await StartAppAsync(sandbox, handled);
        using var a = Server.Connect();
        using var b = Server.Connect();
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        var options = sandbox.CreateOptions();
        options.NonceStore = new RedisNonceStore(a);
        options.LoggerFactory = loggers;
        var instance = Builder.Factory(options);
        var verifier = Verifier(sandbox, b);
        var app503 = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);

        var appRedis = app.App.Services.GetRequiredService<IConnectionMultiplexer>();
        await RedisServer.WaitConnectedAsync(appRedis);

        Server.Stop();
        await RedisServer.WaitDisconnectedAsync(appRedis);
        await RedisServer.WaitDisconnectedAsync(a);
        await RedisServer.WaitDisconnectedAsync(b);
        var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);
        var watch = Stopwatch.StartNew();
        var refused = Assert.ThrowsAsync<SharedStoreUnavailableException>(() => verifier.VerifyAsync(n => notice.Headers.TryGetValue(n, out var v) ? v : null, Encoding.UTF8.GetBytes(notice.Body)));
        watch.Stop();
        var endpoint = await NotificationApp.PostAsync(app, "/notify", app503);
        var answer = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, json = new { appid = "wxd678efh567hg6787", mchid = sandbox.Merchant.Mchid } });

        Assert.That(refused!.Message, Does.Contain(Server.Configuration).And.Not.Contain(notice.Headers["Wechatpay-Nonce"]));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "refused at once, not after StackExchange.Redis's 5 s backlog");
        NotificationApp.AssertFail(endpoint, HttpStatusCode.ServiceUnavailable);
        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(logs.Entries.Count(e => e.Event == "NonceStoreUnavailable" && e.Level == LogLevel.Warning), Is.EqualTo(1));
        Assert.That(handled, Is.Empty);

        Server.StartAgain();
        await RedisServer.WaitConnectedAsync(appRedis);
        await RedisServer.WaitConnectedAsync(a);
        await RedisServer.WaitConnectedAsync(b);
        var again = await NotificationApp.PostAsync(app, "/notify", app503); // WeChat Pay's re-delivery
        var replay = Assert.ThrowsAsync<NotificationVerificationException>(() => verifier.VerifyAsync(n => app503.Headers.TryGetValue(n, out var v) ? v : null, Encoding.UTF8.GetBytes(app503.Body)));

        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(replay!.Message, Does.Contain("replay"));
        Assert.That(handled, Has.Count.EqualTo(1));
    }

    [Test]
    public void Arguments_AreChecked_BeforeAnythingIsSent()
    {
        using var redis = Server.Connect();
        var store = new RedisNonceStore(redis);

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new RedisNonceStore(null!))!.Message, Does.Contain("IConnectionMultiplexer"));
            Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => store.TryAddAsync("m", NoncePurpose.Answer, null!, TimeSpan.FromMinutes(1)))!.Message, Does.Contain("nonce"));
            Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => store.TryAddAsync("m", NoncePurpose.Answer, "n", TimeSpan.Zero))!.Message, Does.Contain("lifetime"));
            Assert.That(store.ToString(), Is.EqualTo("RedisNonceStore { KeyPrefix = chainpay }"));
        });
    }

    private static NotificationVerifier Verifier(WeChatPaySandbox sandbox, IConnectionMultiplexer redis) => new(new NotificationOptions
    {
        Certs = { [sandbox.PlatformKeyId] = sandbox.PlatformPublicKey },
        ApiV3Key = sandbox.ApiV3Key,
        Mchid = sandbox.Merchant.Mchid,
        NonceStore = new RedisNonceStore(redis),
    });

    private Task<KestrelApp> StartAppAsync(WeChatPaySandbox sandbox, List<JObject> handled) =>
        KestrelApp.StartAsync(
            b => NotificationApp.Register(b.Services, sandbox).AddRedis(Server.Configuration, o => o.CommandTimeout = TimeSpan.FromMilliseconds(500)),
            app => app.MapWeChatPayNotifications("/notify", n =>
            {
                lock (handled)
                {
                    handled.Add(n.DecryptResource());
                }

                return Task.CompletedTask;
            }));
}
