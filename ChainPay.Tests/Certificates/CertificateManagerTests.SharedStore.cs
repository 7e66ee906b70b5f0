using ChainPay.Certificates;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Certificates;

// Managers of several instances sharing one IPlatformKeyStore: one download per interval between them.
public partial class CertificateManagerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(12);

    private static BuilderChain Instance(WeChatPaySandbox sandbox, HttpMessageHandler? handler = null, Func<DateTimeOffset>? clock = null, ILoggerFactory? logs = null)
    {
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null };
        options.HttpClient = new HttpClient(handler ?? sandbox.CreateHandler());
        options.Clock = clock;
        options.LoggerFactory = logs;
        return Builder.Factory(options);
    }

    private static WeChatPaySandbox CertificateSandbox(Func<DateTimeOffset>? clock = null) =>
        new(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key, Clock = clock });

    [Test]
    public async Task InstancesRefreshingTogether_MakeOneDownload_AndAllInstallItsCertificate(CancellationToken cancellation)
    {
        const int Others = 4;
        var sandbox = CertificateSandbox();
        var store = new WatchedStore(new MemoryPlatformKeyStore(), refusalsExpected: Others);
        var hold = new DownloadHold(cancellation) { InnerHandler = sandbox.CreateHandler() };
        using var first = new CertificateManager(Instance(sandbox, hold), ApiV3Key, Interval, store);
        var others = Enumerable.Range(0, Others).Select(_ => new CertificateManager(Instance(sandbox), ApiV3Key, Interval, store) { PollInterval = TimeSpan.FromMilliseconds(5) }).ToList();

        var leading = first.RefreshAsync(cancellation);
        await hold.Arrived.Task.WaitAsync(cancellation); // the first holds the lock and is downloading
        var following = others.Select(m => m.RefreshAsync(cancellation)).ToList();
        await store.AllRefused.Task.WaitAsync(cancellation); // every other one found the lock taken and waits
        hold.Release.SetResult(true);

        var results = await Task.WhenAll(following.Prepend(leading));
        Assert.That(results.Select(r => r.Single().SerialNo), Is.All.EqualTo(sandbox.PlatformKeyId));
        Assert.That(others.Sum(m => m.Downloads) + first.Downloads, Is.EqualTo(1), "one download between the five instances");
        Assert.That(first.Downloads, Is.EqualTo(1));
        others.ForEach(m => m.Dispose());
    }

    [Test]
    public async Task ARefreshWithinTheInterval_ReadsTheStore_AndOneAfterItDownloads()
    {
        var now = DateTimeOffset.UtcNow;
        var sandbox = CertificateSandbox(() => now);
        var store = new MemoryPlatformKeyStore(() => now);
        using var a = new CertificateManager(Instance(sandbox, clock: () => now), ApiV3Key, Interval, store);
        using var b = new CertificateManager(Instance(sandbox, clock: () => now), ApiV3Key, Interval, store);

        await a.RefreshAsync();
        now = now.AddHours(11);
        Assert.That((await b.RefreshAsync()).Single().SerialNo, Is.EqualTo(sandbox.PlatformKeyId));
        await a.RefreshAsync();
        Assert.That((a.Downloads, b.Downloads), Is.EqualTo((1, 0)), "11 hours later both read what a stored");

        now = now.AddHours(1);
        await b.RefreshAsync();
        await a.RefreshAsync();
        Assert.That((a.Downloads, b.Downloads), Is.EqualTo((1, 1)), "12 hours after the download, b downloads again and a reads it");
    }

    [Test]
    public async Task AStoredDownloadThatDoesNotDecryptWithOurKey_IsNotInstalled_AndIsReplaced()
    {
        var sandbox = CertificateSandbox();
        var store = new MemoryPlatformKeyStore();
        var planter = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = "fedcba9876543210fedcba9876543210" });
        var planted = await (await Builder.Factory(planter.CreateOptions()).Chain("v3/certificates").GetAsync()).GetStringAsync();
        await store.SetAsync(sandbox.Merchant.Mchid, new PlatformKeySnapshot(planted, publicKeyMode: false, DateTimeOffset.UtcNow), TimeSpan.FromDays(1));

        var instance = Instance(sandbox);
        using var manager = new CertificateManager(instance, ApiV3Key, Interval, store);
        Assert.That((await manager.RefreshAsync()).Single().SerialNo, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(instance.Client.Keys.ContainsKey(planter.PlatformKeyId), Is.False, "the planted certificate was never trusted");
        Assert.That(manager.Downloads, Is.EqualTo(1));
        Assert.That((await store.GetAsync(sandbox.Merchant.Mchid))!.Body, Does.Not.Contain(planted), "our download replaced it");
    }

    [Test]
    public async Task PublicKeyMode_IsShared_Too()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { ApiV3Key = ApiV3Key });
        var store = new MemoryPlatformKeyStore();
        using var a = new CertificateManager(Builder.Factory(sandbox.CreateOptions()), ApiV3Key, Interval, store);
        using var b = new CertificateManager(Builder.Factory(sandbox.CreateOptions()), ApiV3Key, Interval, store);
        Assert.That(await a.RefreshAsync(), Is.Empty);
        Assert.That(await b.RefreshAsync(), Is.Empty);
        Assert.That((b.PublicKeyMode, b.Downloads), Is.EqualTo((true, 0)));
        Assert.That((await store.GetAsync(sandbox.Merchant.Mchid))!.PublicKeyMode, Is.True);
    }

    [Test]
    public async Task AnUnreachableStore_MakesTheInstanceDownloadItself_WithAWarning()
    {
        var sandbox = CertificateSandbox();
        using var logs = new LoggerFactory();
        var capture = new LogCapture();
        logs.AddProvider(capture);
        using var manager = new CertificateManager(Instance(sandbox, logs: logs), ApiV3Key, Interval, new UnreachableStore());

        Assert.That((await manager.RefreshAsync()).Single().SerialNo, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(manager.Downloads, Is.EqualTo(1));
        var warning = capture.Entries.Single(e => e.Event == "KeyStoreUnavailable");
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Does.Contain(sandbox.Merchant.Mchid).And.Contain("redis:6379 refused the connection"));
    }

    [Test]
    public async Task ALockWhoseHolderDied_IsTakenOverAfterItsLease()
    {
        var sandbox = CertificateSandbox();
        var store = new MemoryPlatformKeyStore();
        Assert.That(await store.TryLockAsync(sandbox.Merchant.Mchid, TimeSpan.FromMilliseconds(150)), Is.Not.Null, "an instance took the lock and crashed");
        using var manager = new CertificateManager(Instance(sandbox), ApiV3Key, Interval, store) { Lease = TimeSpan.FromMilliseconds(150), PollInterval = TimeSpan.FromMilliseconds(10) };

        Assert.That((await manager.RefreshAsync()).Single().SerialNo, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(manager.Downloads, Is.EqualTo(1));
        Assert.That(await store.TryLockAsync(sandbox.Merchant.Mchid, TimeSpan.FromSeconds(1)), Is.Not.Null, "and released it after its download");
    }

    /// <summary>A store whose lock refusals are counted, to know when every other instance is waiting.</summary>
    private sealed class WatchedStore(IPlatformKeyStore inner, int refusalsExpected) : IPlatformKeyStore
    {
        private int refusals;

        public TaskCompletionSource<bool> AllRefused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<PlatformKeySnapshot?> GetAsync(string merchant, CancellationToken cancellationToken = default) => inner.GetAsync(merchant, cancellationToken);

        public Task SetAsync(string merchant, PlatformKeySnapshot snapshot, TimeSpan timeToLive, CancellationToken cancellationToken = default) => inner.SetAsync(merchant, snapshot, timeToLive, cancellationToken);

        public async Task<string?> TryLockAsync(string merchant, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            var token = await inner.TryLockAsync(merchant, lease, cancellationToken);
            if (token is null && Interlocked.Increment(ref refusals) >= refusalsExpected)
            {
                AllRefused.TrySetResult(true);
            }

            return token;
        }

        public Task ReleaseAsync(string merchant, string token, CancellationToken cancellationToken = default) => inner.ReleaseAsync(merchant, token, cancellationToken);
    }

    private sealed class UnreachableStore : IPlatformKeyStore
    {
        private static Exception Down() => new SharedStoreUnavailableException("redis:6379 refused the connection");

        public Task<PlatformKeySnapshot?> GetAsync(string merchant, CancellationToken cancellationToken = default) => throw Down();

        public Task SetAsync(string merchant, PlatformKeySnapshot snapshot, TimeSpan timeToLive, CancellationToken cancellationToken = default) => throw Down();

        public Task<string?> TryLockAsync(string merchant, TimeSpan lease, CancellationToken cancellationToken = default) => throw Down();

        public Task ReleaseAsync(string merchant, string token, CancellationToken cancellationToken = default) => throw Down();
    }
}
