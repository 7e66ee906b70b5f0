using ChainPay.Replay;

namespace ChainPay.Tests.Replay;

public class MemoryNonceStoreTests
{
    [Test]
    public async Task ANonce_IsRefusedWithinItsLifetime_AndAcceptedAfter()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1795455453);
        var store = new MemoryNonceStore(() => now);
        Assert.That(await store.TryAddAsync("1900000001", NoncePurpose.Answer, "n1", TimeSpan.FromMinutes(10)), Is.True);
        now = now.AddMinutes(10);
        Assert.That(await store.TryAddAsync("1900000001", NoncePurpose.Answer, "n1", TimeSpan.FromMinutes(10)), Is.False, "still held at exactly its lifetime");
        now = now.AddSeconds(1);
        Assert.That(await store.TryAddAsync("1900000001", NoncePurpose.Answer, "n1", TimeSpan.FromMinutes(10)), Is.True, "gone after it");
    }

    [Test]
    public async Task MerchantsAndPurposes_AreKeptApart()
    {
        var store = new MemoryNonceStore();
        Assert.That(await store.TryAddAsync("1900000001", NoncePurpose.Answer, "n1", TimeSpan.FromMinutes(10)), Is.True);
        Assert.That(await store.TryAddAsync("1900000001", NoncePurpose.Notification, "n1", TimeSpan.FromMinutes(10)), Is.True);
        Assert.That(await store.TryAddAsync("1900000002", NoncePurpose.Answer, "n1", TimeSpan.FromMinutes(10)), Is.True);
        Assert.That(await store.TryAddAsync("1900000001", NoncePurpose.Answer, "n1", TimeSpan.FromMinutes(10)), Is.False);
    }

    [Test]
    public async Task ManyInstances_OnOneStore_AcceptANonceOnce()
    {
        var store = new MemoryNonceStore();
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.TryAddAsync("1900000001", NoncePurpose.Notification, "same", TimeSpan.FromMinutes(10)))));
        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }

    [Test]
    public void ANullNonce_IsRefused()
    {
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new MemoryNonceStore().TryAddAsync("m", NoncePurpose.Answer, null!, TimeSpan.FromMinutes(1)))!.ParamName, Is.EqualTo("nonce"));
    }
}
