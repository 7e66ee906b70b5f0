using System.Collections;

namespace ChainPay.Certificates;

/// <summary>
/// The platform keys (an <c>RSA</c> or an <c>Sm2PublicKey</c>) by serial or <c>PUB_KEY_ID_…</c>: read lock-free on every response, replaced whole when
/// certificates are downloaded (copy on write), so verification never sees a half-updated map.
/// </summary>
internal sealed class KeyRing : IReadOnlyDictionary<string, object>
{
    private readonly object gate = new();
    private volatile Dictionary<string, object> keys;

    public KeyRing(IEnumerable<KeyValuePair<string, object>> initial)
    {
        keys = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in initial)
        {
            keys[pair.Key] = pair.Value;
        }
    }

    public int Count => keys.Count;

    public IEnumerable<string> Keys => keys.Keys;

    public IEnumerable<object> Values => keys.Values;

    public object this[string key] => keys[key];

    /// <summary>Adds or replaces keys, keeping the others.</summary>
    public void Merge(IEnumerable<KeyValuePair<string, object>> added)
    {
        lock (gate)
        {
            var next = new Dictionary<string, object>(keys, StringComparer.Ordinal);
            foreach (var pair in added)
            {
                next[pair.Key] = pair.Value;
            }

            keys = next;
        }
    }

    public bool ContainsKey(string key) => keys.ContainsKey(key);

    public bool TryGetValue(string key, out object value)
    {
        var found = keys.TryGetValue(key, out var key2);
        value = key2!;
        return found;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
