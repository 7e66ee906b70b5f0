namespace ChainPay.Util;

/// <summary>
/// Remembers nonces for a time window to detect replays; thread-safe. Expired entries leave from the front of an
/// insertion-ordered queue, so each call costs O(1) amortised however many nonces are held.
/// </summary>
internal sealed class NonceCache
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Nonce, long At)> order = new();
    private readonly long window;

    public NonceCache(long windowSeconds) => window = windowSeconds;

    /// <summary>How many nonces are held.</summary>
    public int Count
    {
        get
        {
            lock (seen)
            {
                return seen.Count;
            }
        }
    }

    /// <summary>Records <paramref name="nonce"/> at <paramref name="now"/>; false when it was already seen within the window.</summary>
    public bool TryAdd(string nonce, long now)
    {
        lock (seen)
        {
            while (order.Count > 0 && now - order.Peek().At > window)
            {
                seen.Remove(order.Dequeue().Nonce);
            }

            if (!seen.Add(nonce))
            {
                return false;
            }

            order.Enqueue((nonce, now));
            return true;
        }
    }
}
