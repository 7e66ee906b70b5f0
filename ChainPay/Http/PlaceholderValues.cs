using System.Collections;

namespace ChainPay.Http;

/// <summary>
/// The placeholder values of one options bag, by name (ordinal): the bag's own pairs with the reserved keys taken
/// out, looked up by a scan — a bag holds a handful, and a dictionary built for each call would cost more than it
/// saves. A name given twice (a list of pairs, a non-generic dictionary whose keys print alike) keeps its last value,
/// as a dictionary would; a bag of more than <see cref="ScanLimit"/> values is indexed by a dictionary instead.
/// </summary>
internal sealed class PlaceholderValues : IReadOnlyDictionary<string, object?>
{
    /// <summary>Up to this many values are scanned; more are put in a dictionary.</summary>
    public const int ScanLimit = 16;

    /// <summary>No values.</summary>
    public static readonly PlaceholderValues Empty = new(new List<KeyValuePair<string, object?>>());

    private readonly List<KeyValuePair<string, object?>> pairs; // distinct names, in the bag's order
    private readonly Dictionary<string, int>? index;

    private PlaceholderValues(List<KeyValuePair<string, object?>> pairs, Dictionary<string, int>? index = null)
    {
        this.pairs = pairs;
        this.index = index;
    }

    /// <inheritdoc />
    public int Count => pairs.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => pairs.Select(p => p.Key);

    /// <inheritdoc />
    public IEnumerable<object?> Values => pairs.Select(p => p.Value);

    /// <inheritdoc />
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No placeholder value `{key}`.");

    /// <summary>The name at <paramref name="position"/> (0 ≤ position &lt; <see cref="Count"/>), in the bag's order.</summary>
    public string KeyAt(int position) => pairs[position].Key;

    /// <summary>
    /// The values among <paramref name="pairs"/>, a list this takes over: <paramref name="isReserved"/> pairs are
    /// removed from it, and a repeated name keeps its last value.
    /// </summary>
    public static PlaceholderValues Of(List<KeyValuePair<string, object?>> pairs, Func<string, bool> isReserved)
    {
        var kept = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (!isReserved(pairs[i].Key))
            {
                pairs[kept++] = pairs[i];
            }
        }

        pairs.RemoveRange(kept, pairs.Count - kept);
        if (pairs.Count == 0)
        {
            return Empty;
        }

        if (pairs.Count > ScanLimit)
        {
            var index = new Dictionary<string, int>(pairs.Count, StringComparer.Ordinal);
            var distinct = new List<KeyValuePair<string, object?>>(pairs.Count);
            foreach (var pair in pairs)
            {
                if (index.TryGetValue(pair.Key, out var at))
                {
                    distinct[at] = pair;
                }
                else
                {
                    index[pair.Key] = distinct.Count;
                    distinct.Add(pair);
                }
            }

            return new PlaceholderValues(distinct, index);
        }

        for (var i = 1; i < pairs.Count; i++)
        {
            var earlier = Find(pairs, pairs[i].Key, i);
            if (earlier >= 0)
            {
                pairs[earlier] = pairs[i]; // the later value, at the first position
                pairs.RemoveAt(i--);
            }
        }

        return new PlaceholderValues(pairs);
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public bool TryGetValue(string key, out object? value)
    {
        var at = index is null ? Find(pairs, key, pairs.Count) : index.TryGetValue(key, out var i) ? i : -1;
        value = at < 0 ? null : pairs[at].Value;
        return at >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int Find(List<KeyValuePair<string, object?>> pairs, string key, int before)
    {
        for (var i = 0; i < before; i++)
        {
            if (string.Equals(pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
