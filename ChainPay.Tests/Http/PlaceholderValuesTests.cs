using ChainPay.Http;

namespace ChainPay.Tests.Http;

/// <summary><see cref="PlaceholderValues"/> answers as the dictionary it replaces: reserved keys out, a repeated name's last value.</summary>
public class PlaceholderValuesTests
{
    private static List<KeyValuePair<string, object?>> Pairs(params (string Key, object? Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).ToList();

    [Test]
    public void Of_TakesTheReservedKeysOut_AndKeepsTheOrder()
    {
        var values = PlaceholderValues.Of(Pairs(("json", 1), ("b", "2"), ("query", 3), ("a", "4")), RequestOptions.IsReserved);

        Assert.Multiple(() =>
        {
            Assert.That(values.Keys, Is.EqualTo(new[] { "b", "a" }));
            Assert.That(values.Count, Is.EqualTo(2));
            Assert.That(values.KeyAt(1), Is.EqualTo("a"));
            Assert.That(values["a"], Is.EqualTo("4"));
            Assert.That(values.ContainsKey("json"), Is.False);
        });
    }

    [Test]
    public void Of_OnlyReservedKeys_IsEmpty()
    {
        Assert.That(PlaceholderValues.Of(Pairs(("json", 1), ("headers", null)), RequestOptions.IsReserved), Is.SameAs(PlaceholderValues.Empty));
    }

    [TestCase(3)]
    [TestCase(PlaceholderValues.ScanLimit + 5)]
    public void Of_ARepeatedName_KeepsItsLastValue_AtItsFirstPosition(int others)
    {
        var pairs = Pairs(("id", "first"));
        pairs.AddRange(Enumerable.Range(0, others).Select(i => new KeyValuePair<string, object?>("k" + i, i)));
        pairs.Add(new KeyValuePair<string, object?>("id", "second"));
        pairs.Add(new KeyValuePair<string, object?>("k0", "again"));
        pairs.Add(new KeyValuePair<string, object?>("id", "third"));
        var expected = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            expected[pair.Key] = pair.Value;
        }

        var values = PlaceholderValues.Of(pairs, RequestOptions.IsReserved);

        Assert.Multiple(() =>
        {
            Assert.That(values.Keys, Is.EqualTo(expected.Keys));
            Assert.That(values.Values, Is.EqualTo(expected.Values));
            Assert.That(values["id"], Is.EqualTo("third"));
            Assert.That(values["k0"], Is.EqualTo("again"));
            Assert.That(values.TryGetValue("k" + (others - 1), out var last) ? last : null, Is.EqualTo(others - 1));
        });
    }

    [Test]
    public void Lookups_AreOrdinal_AndAMissingKeyIsNamed()
    {
        var values = PlaceholderValues.Of(Pairs(("Id", "x")), RequestOptions.IsReserved);

        Assert.Multiple(() =>
        {
            Assert.That(values.TryGetValue("id", out var v), Is.False);
            Assert.That(v, Is.Null);
            Assert.That(() => values["id"], Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("`id`"));
            Assert.That(values.Single(), Is.EqualTo(new KeyValuePair<string, object?>("Id", "x")));
        });
    }
}
