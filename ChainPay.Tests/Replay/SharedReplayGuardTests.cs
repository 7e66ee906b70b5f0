using ChainPay.Replay;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Replay;

/// <summary>Answers' nonces in a store shared by instances (BuilderOptions.NonceStore).</summary>
public class SharedReplayGuardTests
{
    private const string Bill = "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}";

    private static BuilderChain Instance(WeChatPaySandbox sandbox, HttpMessageHandler handler, INonceStore store, ILoggerFactory? logs = null)
    {
        var options = sandbox.CreateOptions();
        options.HttpClient = new HttpClient(handler);
        options.NonceStore = store;
        options.LoggerFactory = logs;
        return Builder.Factory(options);
    }

    private static Task<Flurl.Http.IFlurlResponse> Query(BuilderChain instance) => instance.Chain(Bill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });

    [Test]
    public async Task AnAnswerReplayedToAnotherInstance_IsRefused()
    {
        var sandbox = new WeChatPaySandbox();
        var replay = new Replayer { InnerHandler = sandbox.CreateHandler() };
        var store = new MemoryNonceStore();
        Assert.That((await Query(Instance(sandbox, replay, store))).StatusCode, Is.EqualTo(200));

        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => Query(Instance(sandbox, replay, store)));
        Assert.That(e!.Message, Does.StartWith("The answer's Wechatpay-Nonce `").And.EndWith("` was already seen within 10 minutes: a replayed answer."));
        Assert.That((await Query(Instance(sandbox, replay, new MemoryNonceStore()))).StatusCode, Is.EqualTo(200), "an instance with its own store knows nothing of it");
    }

    [Test]
    public async Task AnUnreachableStore_LetsTheCallThrough_GuardedInThisProcess_WithAWarning()
    {
        var sandbox = new WeChatPaySandbox();
        var replay = new Replayer { InnerHandler = sandbox.CreateHandler() };
        using var logs = new LoggerFactory();
        var capture = new LogCapture();
        logs.AddProvider(capture);
        var instance = Instance(sandbox, replay, new Notifications.NotificationVerifierSharedStoreTests.UnreachableStore(), logs);

        Assert.That((await Query(instance)).StatusCode, Is.EqualTo(200));
        var warning = capture.Entries.First(e => e.Event == "NonceStoreUnavailable");
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Is.EqualTo($"The shared nonce store is unreachable; answer nonces of mchid {sandbox.Merchant.Mchid} are checked in this process only until it returns: redis:6379 refused the connection"));
        Assert.ThrowsAsync<ResponseVerificationException>(() => Query(instance), "the same instance still refuses the replay");
        Assert.That(capture.Entries.Count(e => e.Event == "NonceStoreUnavailable"), Is.EqualTo(1), "one warning per outage, not per answer");
    }

    [Test]
    public async Task AStoreThatComesBack_IsUsedAgain_WithAnInformation()
    {
        var sandbox = new WeChatPaySandbox();
        using var logs = new LoggerFactory();
        var capture = new LogCapture();
        logs.AddProvider(capture);
        var store = new Flaky { Down = true };
        var options = sandbox.CreateOptions();
        options.NonceStore = store;
        options.LoggerFactory = logs;
        var instance = Builder.Factory(options);

        await Query(instance);
        store.Down = false;
        await Query(instance);
        await Query(instance);
        Assert.That(capture.Entries.Where(e => e.Event is "NonceStoreUnavailable" or "NonceStoreRecovered").Select(e => (e.Event, e.Level)),
            Is.EqualTo(new[] { ("NonceStoreUnavailable", LogLevel.Warning), ("NonceStoreRecovered", LogLevel.Information) }));
        Assert.That(store.Held, Is.EqualTo(2), "the answers after its return were recorded in it");
    }

    private sealed class Flaky : INonceStore
    {
        private readonly MemoryNonceStore inner = new();

        public bool Down { get; set; }

        public int Held { get; private set; }

        public async Task<bool> TryAddAsync(string merchant, string purpose, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default)
        {
            if (Down)
            {
                throw new SharedStoreUnavailableException("redis:6379 refused the connection");
            }

            Held++;
            return await inner.TryAddAsync(merchant, purpose, nonce, lifetime, cancellationToken);
        }
    }

    [Test]
    public async Task WithoutReplayProtection_TheStoreIsNotAsked()
    {
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        options.NonceStore = new Notifications.NotificationVerifierSharedStoreTests.UnreachableStore();
        options.ResponseReplayProtection = false;
        Assert.That((await Query(Builder.Factory(options))).StatusCode, Is.EqualTo(200));
    }

    /// <summary>Lets the first answer through and keeps it; answers every later request with a copy of it.</summary>
    private sealed class Replayer : DelegatingHandler
    {
        private (System.Net.HttpStatusCode Status, byte[] Body, List<KeyValuePair<string, IEnumerable<string>>> Headers, string? ContentType)? kept;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (kept is null)
            {
                var first = await base.SendAsync(request, cancellationToken);
                kept = (first.StatusCode, await first.Content.ReadAsByteArrayAsync(cancellationToken), first.Headers.ToList(), first.Content.Headers.ContentType?.ToString());
            }

            var (status, body, headers, contentType) = kept.Value;
            var copy = new HttpResponseMessage(status) { Content = new ByteArrayContent(body), RequestMessage = request };
            foreach (var header in headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (contentType is not null)
            {
                copy.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            return copy;
        }
    }
}
