namespace ChainPay.Notifications;

/// <summary>Remembers nonces for a time window; thread-safe; forgets old ones as it goes.</summary>
internal sealed class NonceCache
{
    private readonly Dictionary<string, long> seen = new(StringComparer.Ordinal);
    private readonly long window;

    public NonceCache(long windowSeconds) => window = windowSeconds;

    /// <summary>Records <paramref name="nonce"/>; false when it was already seen within the window.</summary>
    public bool TryAdd(string nonce, long now)
    {
        lock (seen)
        {
            if (seen.Count > 1024)
            {
                foreach (var stale in seen.Where(p => now - p.Value > window).Select(p => p.Key).ToList())
                {
                    seen.Remove(stale);
                }
            }

            if (seen.TryGetValue(nonce, out var at) && now - at <= window)
            {
                return false;
            }

            seen[nonce] = now;
            return true;
        }
    }
}
