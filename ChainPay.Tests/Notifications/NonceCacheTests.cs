using ChainPay.Notifications;

namespace ChainPay.Tests.Notifications;

public class NonceCacheTests
{
    [Test]
    public void RemembersWithinTheWindow_AndForgetsAfter()
    {
        var cache = new NonceCache(600);
        Assert.That(cache.TryAdd("n", 1000), Is.True);
        Assert.That(cache.TryAdd("n", 1600), Is.False);
        Assert.That(cache.TryAdd("n", 1601), Is.True);
        Assert.That(cache.TryAdd("m", 1601), Is.True);
    }
}
