using System.Collections.Concurrent;
using ChainPay.Util;

namespace ChainPay.Replay;

/// <summary>
/// The in-process <see cref="INonceStore"/> (the default): nonces held in memory for their lifetime, per merchant and
/// purpose; O(1) amortised per call. Instances that share one <see cref="MemoryNonceStore"/> object share its memory.
/// </summary>
/// <example>
/// <code>
/// var store = new MemoryNonceStore();
/// bool fresh = await store.TryAddAsync("1900000001", NoncePurpose.Notification, nonce, TimeSpan.FromMinutes(10));
/// </code>
/// </example>
public sealed class MemoryNonceStore : INonceStore
{
    private static readonly Task<bool> Added = Task.FromResult(true);
    private static readonly Task<bool> Seen = Task.FromResult(false);

    private readonly ConcurrentDictionary<string, NonceCache> caches = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> clock;

    /// <summary>Creates the store on the system clock.</summary>
    public MemoryNonceStore()
        : this(null)
    {
    }

    /// <summary>Creates the store on <paramref name="clock"/> (for tests); <c>null</c> is the system clock.</summary>
    /// <param name="clock">The clock lifetimes are judged by.</param>
    public MemoryNonceStore(Func<DateTimeOffset>? clock) => this.clock = clock ?? (() => DateTimeOffset.UtcNow);

    /// <inheritdoc />
    public Task<bool> TryAddAsync(string merchant, string purpose, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        if (nonce is null)
        {
            throw new InvalidArgumentException("The nonce is required.", nameof(nonce));
        }

        var window = (long)Math.Ceiling(lifetime.TotalSeconds);
        var cache = caches.GetOrAdd((merchant ?? string.Empty) + "\n" + (purpose ?? string.Empty) + "\n" + window, _ => new NonceCache(window));
        return cache.TryAdd(nonce, clock().ToUnixTimeSeconds()) ? Added : Seen;
    }
}
