using System.Text;
using ChainPay.Notifications;
using ChainPay.Replay;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Notifications;

/// <summary>Notification nonces in a store shared by several instances (NotificationOptions.NonceStore).</summary>
public class NotificationVerifierSharedStoreTests
{
    private static NotificationVerifier Instance(INonceStore store, string? mchid = "1230000109") => new(new NotificationOptions
    {
        Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
        ApiV3Key = NotificationVerifierTests.ApiV3Key,
        Clock = () => NotificationVerifierTests.Now,
        NonceStore = store,
        Mchid = mchid,
    });

    [Test]
    public async Task ANotificationReplayedToAnotherInstance_IsRefused()
    {
        var store = new MemoryNonceStore(() => NotificationVerifierTests.Now);
        var (headers, body) = NotificationVerifierTests.Notice();
        var first = await Instance(store).VerifyAsync(name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body));
        Assert.That(first.Id, Is.EqualTo("EV-2018022511223320873"));

        var e = Assert.ThrowsAsync<NotificationVerificationException>(() => Instance(store).VerifyAsync(name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body)));
        Assert.That(e!.Message, Is.EqualTo("The notification's nonce `fdasflkja484w` was already seen: a replay."));
        Assert.That(() => Instance(store).Verify(headers, body), Throws.InstanceOf<NotificationVerificationException>(), "the synchronous form asks the store too");
    }

    [Test]
    public void TheStoreIsAsked_OnlyForANotificationThatVerified()
    {
        var store = new RecordingStore();
        var (headers, body) = NotificationVerifierTests.Notice();
        headers["Wechatpay-Signature"] = Convert.ToBase64String(new byte[256]);
        Assert.ThrowsAsync<NotificationVerificationException>(() => Instance(store).VerifyAsync(name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body)));
        Assert.That(store.Calls, Is.Empty, "a forged notification must not use up its nonce");
    }

    [Test]
    public async Task NoncesAreKeptPerMerchant_AsNotifications_ForTenMinutes()
    {
        var store = new RecordingStore();
        var (headers, body) = NotificationVerifierTests.Notice();
        await Instance(store).VerifyAsync(name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body));
        await Instance(store, mchid: null).VerifyAsync(name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body));
        Assert.That(store.Calls, Is.EqualTo(new[] { "1230000109 notification fdasflkja484w 00:10:00", "default notification fdasflkja484w 00:10:00" }));
    }

    [Test]
    public void AnUnreachableStore_RefusesTheNotification_FailingClosed()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var e = Assert.ThrowsAsync<SharedStoreUnavailableException>(() => Instance(new UnreachableStore()).VerifyAsync(name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body)));
        Assert.That(e!.Message, Is.EqualTo("redis:6379 refused the connection"));
        Assert.Throws<SharedStoreUnavailableException>(() => Instance(new UnreachableStore()).Verify(headers, body));
    }

    [Test]
    public void TheOptions_NameTheStore_NotItsInsides()
    {
        Assert.That(new NotificationOptions { NonceStore = new MemoryNonceStore() }.ToString(), Does.EndWith("ReplayProtection = False, NonceStore = MemoryNonceStore }"));
    }

    private sealed class RecordingStore : INonceStore
    {
        public List<string> Calls { get; } = new();

        public Task<bool> TryAddAsync(string merchant, string purpose, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default)
        {
            Calls.Add($"{merchant} {purpose} {nonce} {lifetime}");
            return Task.FromResult(true);
        }
    }

    internal sealed class UnreachableStore : INonceStore
    {
        public Task<bool> TryAddAsync(string merchant, string purpose, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
            Task.FromException<bool>(new SharedStoreUnavailableException("redis:6379 refused the connection"));
    }
}
