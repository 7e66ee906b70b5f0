using ChainPay.Util;
using Newtonsoft.Json;

namespace ChainPay.Tests.Util;

public class OrderedMapTests
{
    [Test]
    public void EnumeratesInInsertionOrder()
    {
        var map = new OrderedMap { ["z"] = 1, ["a"] = 2 };
        map.Add("m", 3);
        map["z"] = 4;

        Assert.That(map.Keys, Is.EqualTo(new[] { "z", "a", "m" }));
        Assert.That(map.Values, Is.EqualTo(new object[] { 4, 2, 3 }));
        Assert.That(JsonConvert.SerializeObject(map), Is.EqualTo("{\"z\":4,\"a\":2,\"m\":3}"));
    }

    [Test]
    public void RemoveKeepsTheOrderOfTheOthers()
    {
        var map = new OrderedMap { ["a"] = 1, ["b"] = 2, ["c"] = 3 };
        Assert.That(map.Remove("b"), Is.True);
        Assert.That(map.Remove("b"), Is.False);
        map["d"] = 4;

        Assert.That(map.Keys, Is.EqualTo(new[] { "a", "c", "d" }));
        Assert.That(map["c"], Is.EqualTo(3));
        Assert.That(map.ContainsKey("b"), Is.False);
    }

    [Test]
    public void DictionaryContract()
    {
        var map = new OrderedMap();
        map.Add(new KeyValuePair<string, object?>("a", null));

        Assert.That(map.TryGetValue("a", out var value), Is.True);
        Assert.That(value, Is.Null);
        Assert.That(map.TryGetValue("x", out _), Is.False);
        Assert.That(map.Contains(new KeyValuePair<string, object?>("a", null)), Is.True);
        Assert.That(map.Remove(new KeyValuePair<string, object?>("a", 1)), Is.False);
        Assert.Throws<ArgumentException>(() => map.Add("a", 2));
        Assert.Throws<KeyNotFoundException>(() => _ = map["x"]);
        Assert.Throws<ArgumentNullException>(() => map.ContainsKey(null!));
        Assert.That(map.IsReadOnly, Is.False);

        var copy = new KeyValuePair<string, object?>[1];
        map.CopyTo(copy, 0);
        Assert.That(copy[0].Key, Is.EqualTo("a"));

        IReadOnlyDictionary<string, object?> readOnly = map;
        Assert.That(readOnly.Keys, Is.EqualTo(new[] { "a" }));

        map.Clear();
        Assert.That(map, Is.Empty);
    }

    [Test]
    public void KeysAreOrdinal()
    {
        var map = new OrderedMap { ["a"] = 1, ["A"] = 2 };
        Assert.That(map, Has.Count.EqualTo(2));
    }
}
