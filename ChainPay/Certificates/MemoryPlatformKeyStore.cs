using System.Collections.Concurrent;

namespace ChainPay.Certificates;

/// <summary>
/// The in-process <see cref="IPlatformKeyStore"/>: the instances of one process that share this object download once
/// per interval between them. Thread-safe; its lock expires after its lease like a distributed one.
/// </summary>
/// <example>
/// <code>
/// var store = new MemoryPlatformKeyStore();
/// using var a = new CertificateManager(instanceA, apiV3Key, TimeSpan.FromHours(12), store);
/// using var b = new CertificateManager(instanceB, apiV3Key, TimeSpan.FromHours(12), store);
/// </code>
/// </example>
public sealed class MemoryPlatformKeyStore : IPlatformKeyStore
{
    private readonly ConcurrentDictionary<string, (PlatformKeySnapshot Snapshot, DateTimeOffset Until)> snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Token, DateTimeOffset Until)> locks = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> clock;

    /// <summary>Creates the store on the system clock.</summary>
    public MemoryPlatformKeyStore()
        : this(null)
    {
    }

    /// <summary>Creates the store on <paramref name="clock"/> (for tests); <c>null</c> is the system clock.</summary>
    /// <param name="clock">The clock expiries are judged by.</param>
    public MemoryPlatformKeyStore(Func<DateTimeOffset>? clock) => this.clock = clock ?? (() => DateTimeOffset.UtcNow);

    /// <inheritdoc />
    public Task<PlatformKeySnapshot?> GetAsync(string merchant, CancellationToken cancellationToken = default) =>
        Task.FromResult(snapshots.TryGetValue(merchant, out var held) && held.Until > clock() ? held.Snapshot : null);

    /// <inheritdoc />
    public Task SetAsync(string merchant, PlatformKeySnapshot snapshot, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        snapshots[merchant] = (snapshot ?? throw new InvalidArgumentException("The snapshot is required.", nameof(snapshot)), clock() + timeToLive);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> TryLockAsync(string merchant, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (locks)
        {
            var now = clock();
            if (locks.TryGetValue(merchant, out var held) && held.Until > now)
            {
                return Task.FromResult<string?>(null);
            }

            var token = Guid.NewGuid().ToString("N");
            locks[merchant] = (token, now + lease);
            return Task.FromResult<string?>(token);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string merchant, string token, CancellationToken cancellationToken = default)
    {
        lock (locks)
        {
            if (locks.TryGetValue(merchant, out var held) && held.Token == token)
            {
                locks.Remove(merchant);
            }
        }

        return Task.CompletedTask;
    }
}
