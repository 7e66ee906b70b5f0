using System.Runtime.CompilerServices;

namespace ChainPay.Chaining;

/// <summary>
/// A thread-safe, bounded, least-recently-used cache of values keyed by an owner (compared by reference) and a
/// string (compared ordinally). <see cref="BuilderChain"/> keeps the nodes of literal segments here: those strings may
/// carry ids (<c>Chain("v3/…/" + orderId)</c>), so caching each one forever would grow without bound.
/// </summary>
/// <typeparam name="T">The cached value.</typeparam>
internal sealed class NodeCache<T>
    where T : class
{
    private readonly int capacity;
    private readonly Dictionary<Key, LinkedListNode<Entry>> map = new();
    private readonly LinkedList<Entry> recency = new(); // most recent first
    private readonly object gate = new();

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> values.</summary>
    public NodeCache(int capacity) => this.capacity = capacity;

    /// <summary>How many values are cached.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return map.Count;
            }
        }
    }

    /// <summary>The value for (<paramref name="owner"/>, <paramref name="name"/>), made by <paramref name="create"/> on a miss; the least recently used value leaves when full.</summary>
    public T GetOrAdd(object owner, string name, Func<object, string, T> create)
    {
        var key = new Key(owner, name);
        lock (gate)
        {
            if (map.TryGetValue(key, out var hit))
            {
                recency.Remove(hit);
                recency.AddFirst(hit);
                return hit.Value.Value;
            }

            var made = create(owner, name);
            map.Add(key, recency.AddFirst(new Entry(key, made)));
            if (map.Count > capacity)
            {
                map.Remove(recency.Last!.Value.Key);
                recency.RemoveLast();
            }

            return made;
        }
    }

    /// <summary>Takes the value for (<paramref name="owner"/>, <paramref name="name"/>) out of the cache, or returns <c>null</c>.</summary>
    public T? TryRemove(object owner, string name)
    {
        lock (gate)
        {
            if (!map.TryGetValue(new Key(owner, name), out var node))
            {
                return null;
            }

            map.Remove(node.Value.Key);
            recency.Remove(node);
            return node.Value.Value;
        }
    }

    private readonly struct Key : IEquatable<Key>
    {
        public Key(object owner, string name)
        {
            Owner = owner;
            Name = name;
        }

        public object Owner { get; }

        public string Name { get; }

        public bool Equals(Key other) => ReferenceEquals(Owner, other.Owner) && string.Equals(Name, other.Name, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => (RuntimeHelpers.GetHashCode(Owner) * 397) ^ StringComparer.Ordinal.GetHashCode(Name);
    }

    private sealed record Entry(Key Key, T Value);
}
