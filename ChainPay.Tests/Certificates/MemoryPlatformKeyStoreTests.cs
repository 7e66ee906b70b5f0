using ChainPay.Certificates;

namespace ChainPay.Tests.Certificates;

public class MemoryPlatformKeyStoreTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1795455453);

    [Test]
    public async Task ASnapshot_IsKeptForItsTimeToLive_AndReplacedBySetting()
    {
        var now = Start;
        var store = new MemoryPlatformKeyStore(() => now);
        Assert.That(await store.GetAsync("1900000001"), Is.Null);
        var first = new PlatformKeySnapshot("{\"data\":[]}", publicKeyMode: false, now);
        await store.SetAsync("1900000001", first, TimeSpan.FromHours(1));
        Assert.That(await store.GetAsync("1900000001"), Is.SameAs(first));
        Assert.That(await store.GetAsync("1900000002"), Is.Null, "per merchant");

        var second = new PlatformKeySnapshot(string.Empty, publicKeyMode: true, now);
        await store.SetAsync("1900000001", second, TimeSpan.FromHours(1));
        Assert.That(await store.GetAsync("1900000001"), Is.SameAs(second));
        now = now.AddHours(1);
        Assert.That(await store.GetAsync("1900000001"), Is.Null, "gone at its time to live");
    }

    [Test]
    public async Task TheLock_IsExclusive_UntilReleasedByItsToken_OrItsLeaseRunsOut()
    {
        var now = Start;
        var store = new MemoryPlatformKeyStore(() => now);
        var token = await store.TryLockAsync("1900000001", TimeSpan.FromSeconds(30));
        Assert.That(token, Is.Not.Null);
        Assert.That(await store.TryLockAsync("1900000001", TimeSpan.FromSeconds(30)), Is.Null, "held");
        Assert.That(await store.TryLockAsync("1900000002", TimeSpan.FromSeconds(30)), Is.Not.Null, "per merchant");

        await store.ReleaseAsync("1900000001", "another-token");
        Assert.That(await store.TryLockAsync("1900000001", TimeSpan.FromSeconds(30)), Is.Null, "another token does not release it");
        await store.ReleaseAsync("1900000001", token!);
        var again = await store.TryLockAsync("1900000001", TimeSpan.FromSeconds(30));
        Assert.That(again, Is.Not.Null.And.Not.EqualTo(token));

        now = now.AddSeconds(30);
        var taken = await store.TryLockAsync("1900000001", TimeSpan.FromSeconds(30));
        Assert.That(taken, Is.Not.Null, "its lease ran out");
        await store.ReleaseAsync("1900000001", again!);
        Assert.That(await store.TryLockAsync("1900000001", TimeSpan.FromSeconds(30)), Is.Null, "the expired holder's release leaves the new holder's lock alone");
    }

    [Test]
    public void ANullSnapshot_IsRefused()
    {
        Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => new MemoryPlatformKeyStore().SetAsync("m", null!, TimeSpan.FromHours(1)))!.ParamName, Is.EqualTo("snapshot"));
    }
}
