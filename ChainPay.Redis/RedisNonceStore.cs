using ChainPay.Replay;
using StackExchange.Redis;

namespace ChainPay.Redis;

/// <summary>
/// An <see cref="INonceStore"/> on Redis, shared by every instance that uses the same Redis and key prefix: a nonce is
/// recorded with <c>SET {prefix}:{merchant}:nonce:{purpose}:{nonce} 1 NX PX {lifetime}</c>, so exactly one of the
/// instances that see it records it. Nonces longer than 64 characters, or not printable ASCII, are keyed by their
/// SHA-256. When Redis cannot be reached it throws <see cref="SharedStoreUnavailableException"/> at once (notifications
/// are then refused; answers fall back to the instance's memory).
/// </summary>
/// <example>
/// <code>
/// using var redis = ConnectionMultiplexer.Connect(new RedisChainPayOptions().CreateConfiguration("localhost:6379"));
/// var options = new BuilderOptions { /* … */ NonceStore = new RedisNonceStore(redis) };
/// </code>
/// </example>
public sealed class RedisNonceStore : INonceStore
{
    private readonly RedisConnection redis;

    /// <summary>Creates the store on <paramref name="multiplexer"/>.</summary>
    /// <param name="multiplexer">The Redis connection (for fail-fast behaviour, made from <see cref="RedisChainPayOptions.CreateConfiguration"/>).</param>
    /// <param name="options">Key prefix and timeouts; <c>null</c> for the defaults.</param>
    /// <exception cref="InvalidArgumentException"><paramref name="multiplexer"/> is <c>null</c>, or an option is out of range (named).</exception>
    public RedisNonceStore(IConnectionMultiplexer multiplexer, RedisChainPayOptions? options = null) =>
        redis = new RedisConnection(multiplexer, options ?? new RedisChainPayOptions());

    /// <inheritdoc />
    public Task<bool> TryAddAsync(string merchant, string purpose, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        if (nonce is null)
        {
            throw new InvalidArgumentException("The nonce is required.", nameof(nonce));
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new InvalidArgumentException($"The lifetime must be positive, not {lifetime}.", nameof(lifetime));
        }

        var key = RedisKeys.Nonce(redis.Options.KeyPrefix, merchant ?? string.Empty, purpose ?? string.Empty, nonce);
        var expiry = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(lifetime.TotalMilliseconds)));
        return redis.RunAsync(db => db.StringSetAsync(key, 1, expiry, When.NotExists), cancellationToken);
    }

    /// <summary>The key prefix; no connection details.</summary>
    public override string ToString() => $"RedisNonceStore {{ KeyPrefix = {redis.Options.KeyPrefix} }}";
}
