using ChainPay.Chaining;

namespace ChainPay.Tests.Chaining;

public class NodeCacheTests
{
    private static readonly Func<object, string, string> Make = (owner, name) => owner + ":" + name;

    [Test]
    public void GetOrAdd_CreatesOnce_PerOwnerAndName()
    {
        var cache = new NodeCache<string>(8);
        object a = new(), b = new();
        var calls = 0;
        string Counting(object o, string n)
        {
            calls++;
            return Make(o, n);
        }

        var first = cache.GetOrAdd(a, "x", Counting);
        Assert.That(cache.GetOrAdd(a, "x", Counting), Is.SameAs(first));
        Assert.That(cache.GetOrAdd(b, "x", Counting), Is.Not.SameAs(first), "owners are compared by reference");
        Assert.That(cache.GetOrAdd(a, "X", Counting), Is.Not.SameAs(first), "names are compared ordinally");
        Assert.That(calls, Is.EqualTo(3));
    }

    [Test]
    public void GetOrAdd_EvictsTheLeastRecentlyUsed()
    {
        var cache = new NodeCache<string>(2);
        var owner = new object();
        var x = cache.GetOrAdd(owner, "x", Make);
        var y = cache.GetOrAdd(owner, "y", Make);
        Assert.That(cache.GetOrAdd(owner, "x", Make), Is.SameAs(x)); // x is now the most recent
        cache.GetOrAdd(owner, "z", Make); // y leaves

        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(cache.GetOrAdd(owner, "x", Make), Is.SameAs(x));
        Assert.That(cache.GetOrAdd(owner, "y", Make), Is.Not.SameAs(y));
    }

    [Test]
    public void TryRemove_TakesTheValueOut()
    {
        var cache = new NodeCache<string>(4);
        var owner = new object();
        var x = cache.GetOrAdd(owner, "x", Make);
        Assert.That(cache.TryRemove(owner, "x"), Is.SameAs(x));
        Assert.That(cache.TryRemove(owner, "x"), Is.Null);
        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public void GetOrAdd_StaysWithinItsCapacity_EvictionAfterEviction()
    {
        var cache = new NodeCache<string>(2);
        var owner = new object();
        var made = Enumerable.Range(0, 6).Select(i => cache.GetOrAdd(owner, "n" + i, Make)).ToList();
        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(cache.GetOrAdd(owner, "n5", Make), Is.SameAs(made[5]));
        Assert.That(cache.GetOrAdd(owner, "n4", Make), Is.SameAs(made[4]));
        Assert.That(cache.TryRemove(owner, "n3"), Is.Null, "evicted");
    }

    [Test]
    public void TryRemove_FreesItsPlace_SoTheNextEvictionTakesTheLeastRecentlyUsedValue()
    {
        var cache = new NodeCache<string>(2);
        var owner = new object();
        cache.GetOrAdd(owner, "x", Make);
        cache.GetOrAdd(owner, "y", Make);
        cache.TryRemove(owner, "x");
        var z = cache.GetOrAdd(owner, "z", Make);
        var w = cache.GetOrAdd(owner, "w", Make); // y, the least recently used, leaves
        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(cache.TryRemove(owner, "y"), Is.Null);
        Assert.That(cache.TryRemove(owner, "z"), Is.SameAs(z));
        Assert.That(cache.TryRemove(owner, "w"), Is.SameAs(w));
    }
}
