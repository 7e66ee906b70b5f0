using System.Collections;

namespace ChainPay.Util;

/// <summary>
/// A string-keyed dictionary that enumerates in insertion order, like a PHP array: what
/// <see cref="Transformer.ToArray"/> returns, so the XML element order survives (also through JSON serialisation).
/// </summary>
/// <remarks>Keys are compared ordinally. Removing a key keeps the order of the others.</remarks>
internal sealed class OrderedMap : IDictionary<string, object?>, IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, object?>> entries = new();

    /// <inheritdoc cref="IDictionary{TKey, TValue}.Keys" />
    public ICollection<string> Keys => entries.Select(e => e.Key).ToList();

    /// <inheritdoc cref="IDictionary{TKey, TValue}.Values" />
    public ICollection<object?> Values => entries.Select(e => e.Value).ToList();

    /// <inheritdoc />
    public int Count => entries.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => Keys;

    /// <inheritdoc />
    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Values;

    /// <summary>Gets the value of <paramref name="key"/>, or replaces it in place (an added key goes last).</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="KeyNotFoundException">Getting a key that is not there.</exception>
    public object? this[string key]
    {
        get => index.TryGetValue(Check(key), out int at) ? entries[at].Value : throw new KeyNotFoundException($"The key `{key}` is not present.");
        set
        {
            if (index.TryGetValue(Check(key), out int at))
            {
                entries[at] = new KeyValuePair<string, object?>(key, value);
            }
            else
            {
                Append(key, value);
            }
        }
    }

    /// <inheritdoc />
    public void Add(string key, object? value)
    {
        if (index.ContainsKey(Check(key)))
        {
            throw new ArgumentException($"The key `{key}` is already present.", nameof(key));
        }

        Append(key, value);
    }

    /// <inheritdoc />
    public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    /// <inheritdoc />
    public void Clear()
    {
        index.Clear();
        entries.Clear();
    }

    /// <inheritdoc />
    public bool Contains(KeyValuePair<string, object?> item) =>
        item.Key is not null && index.TryGetValue(item.Key, out int at) && Equals(entries[at].Value, item.Value);

    /// <inheritdoc cref="IDictionary{TKey, TValue}.ContainsKey" />
    public bool ContainsKey(string key) => index.ContainsKey(Check(key));

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => entries.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => entries.GetEnumerator();

    /// <inheritdoc />
    public bool Remove(string key)
    {
        if (!index.TryGetValue(Check(key), out int at))
        {
            return false;
        }

        entries.RemoveAt(at);
        index.Remove(key);
        for (int i = at; i < entries.Count; i++)
        {
            index[entries[i].Key] = i;
        }

        return true;
    }

    /// <inheritdoc />
    public bool Remove(KeyValuePair<string, object?> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc cref="IDictionary{TKey, TValue}.TryGetValue" />
    public bool TryGetValue(string key, out object? value)
    {
        if (index.TryGetValue(Check(key), out int at))
        {
            value = entries[at].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Check(string key) => key ?? throw new ArgumentNullException(nameof(key));

    private void Append(string key, object? value)
    {
        index.Add(key, entries.Count);
        entries.Add(new KeyValuePair<string, object?>(key, value));
    }
}
