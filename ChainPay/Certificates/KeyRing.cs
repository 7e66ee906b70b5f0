using System.Collections;
using System.Security.Cryptography;

namespace ChainPay.Certificates;

/// <summary>
/// The platform keys by serial or <c>PUB_KEY_ID_…</c>: read lock-free on every response, replaced whole when
/// certificates are downloaded (copy on write), so verification never sees a half-updated map.
/// </summary>
internal sealed class KeyRing : IReadOnlyDictionary<string, RSA>
{
    private volatile Dictionary<string, RSA> keys;

    public KeyRing(IEnumerable<KeyValuePair<string, RSA>> initial)
    {
        keys = new Dictionary<string, RSA>(StringComparer.Ordinal);
        foreach (var pair in initial)
        {
            keys[pair.Key] = pair.Value;
        }
    }

    public int Count => keys.Count;

    public IEnumerable<string> Keys => keys.Keys;

    public IEnumerable<RSA> Values => keys.Values;

    public RSA this[string key] => keys[key];

    /// <summary>Adds or replaces keys, keeping the others.</summary>
    public void Merge(IEnumerable<KeyValuePair<string, RSA>> added)
    {
        lock (this)
        {
            var next = new Dictionary<string, RSA>(keys, StringComparer.Ordinal);
            foreach (var pair in added)
            {
                next[pair.Key] = pair.Value;
            }

            keys = next;
        }
    }

    public bool ContainsKey(string key) => keys.ContainsKey(key);

    public bool TryGetValue(string key, out RSA value)
    {
        var found = keys.TryGetValue(key, out var key2);
        value = key2!;
        return found;
    }

    public IEnumerator<KeyValuePair<string, RSA>> GetEnumerator() => keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
