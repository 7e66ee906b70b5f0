using ChainPay.Util;

namespace ChainPay.Tests.Util;

public class NonceCacheTests
{
    [Test]
    public void RemembersWithinTheWindow_AndForgetsAfter()
    {
        var cache = new NonceCache(600);
        Assert.That(cache.TryAdd("n", 1000), Is.True);
        Assert.That(cache.TryAdd("n", 1600), Is.False);
        Assert.That(cache.TryAdd("m", 1601), Is.True);
        Assert.That(cache.TryAdd("n", 1601), Is.True, "n was forgotten once 600 s had passed");
    }

    [Test]
    public void ExpiredEntries_AreDropped_SoTheCacheStaysBounded()
    {
        var cache = new NonceCache(10);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.That(cache.TryAdd("n" + i, i), Is.True);
        }

        Assert.That(cache.Count, Is.EqualTo(11));
    }
}
