namespace ChainPay.Testing.Internal;

/// <summary>Counts calls per merchant per clock second; deterministic under an injected clock.</summary>
internal sealed class RateLimiter
{
    private readonly int limit;
    private readonly Dictionary<string, (long Second, int Count)> windows = new(StringComparer.Ordinal);

    public RateLimiter(int limit) => this.limit = limit;

    /// <summary>Counts one call; false when the merchant is over the limit in this second.</summary>
    public bool TryAcquire(string mchid, long second)
    {
        lock (windows)
        {
            var window = windows.TryGetValue(mchid, out var w) && w.Second == second ? w : (Second: second, Count: 0);
            window.Count++;
            windows[mchid] = window;
            return window.Count <= limit;
        }
    }
}
