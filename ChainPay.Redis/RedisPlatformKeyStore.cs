using System.Globalization;
using ChainPay.Certificates;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using StackExchange.Redis;

namespace ChainPay.Redis;

/// <summary>
/// An <see cref="IPlatformKeyStore"/> on Redis: the last <c>/v3/certificates</c> download as JSON at
/// <c>{prefix}:{merchant}:certificates</c> (the certificates still encrypted with the APIv3 key, so whoever can write
/// to Redis cannot plant one), and the refresh lock at <c>{prefix}:{merchant}:certificates:lock</c>, taken with
/// <c>SET NX PX</c> and released by an atomic compare-and-delete script, so a lock that expired and was taken by another
/// instance is never released by the first.
/// </summary>
/// <example>
/// <code>
/// using var manager = new CertificateManager(instance, apiV3Key, TimeSpan.FromHours(12), new RedisPlatformKeyStore(redis));
/// </code>
/// </example>
public sealed class RedisPlatformKeyStore : IPlatformKeyStore
{
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private readonly RedisConnection redis;

    /// <summary>Creates the store on <paramref name="multiplexer"/>.</summary>
    /// <param name="multiplexer">The Redis connection.</param>
    /// <param name="options">Key prefix and timeouts; <c>null</c> for the defaults.</param>
    /// <exception cref="InvalidArgumentException"><paramref name="multiplexer"/> is <c>null</c>, or an option is out of range (named).</exception>
    public RedisPlatformKeyStore(IConnectionMultiplexer multiplexer, RedisChainPayOptions? options = null) =>
        redis = new RedisConnection(multiplexer, options ?? new RedisChainPayOptions());

    /// <inheritdoc />
    /// <remarks>A stored value that is not a snapshot this store wrote (damaged, or written by someone else) reads as <c>null</c>: the manager downloads again and stores over it.</remarks>
    public async Task<PlatformKeySnapshot?> GetAsync(string merchant, CancellationToken cancellationToken = default)
    {
        var key = RedisKeys.Certificates(redis.Options.KeyPrefix, merchant ?? string.Empty);
        var value = await redis.RunAsync(db => db.StringGetAsync(key), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : Parse(value.ToString());
    }

    /// <inheritdoc />
    public Task SetAsync(string merchant, PlatformKeySnapshot snapshot, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        if (snapshot is null)
        {
            throw new InvalidArgumentException("The snapshot is required.", nameof(snapshot));
        }

        var key = RedisKeys.Certificates(redis.Options.KeyPrefix, merchant ?? string.Empty);
        var json = new JObject
        {
            ["body"] = snapshot.Body,
            ["publicKeyMode"] = snapshot.PublicKeyMode,
            ["fetchedAt"] = snapshot.FetchedAt.ToUnixTimeMilliseconds(),
        }.ToString(Formatting.None);
        return redis.RunAsync(db => db.StringSetAsync(key, json, Positive(timeToLive, nameof(timeToLive))), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> TryLockAsync(string merchant, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var key = RedisKeys.CertificatesLock(redis.Options.KeyPrefix, merchant ?? string.Empty);
        var token = Guid.NewGuid().ToString("N");
        var expiry = Positive(lease, nameof(lease));
        return await redis.RunAsync(db => db.StringSetAsync(key, token, expiry, When.NotExists), cancellationToken).ConfigureAwait(false) ? token : null;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string merchant, string token, CancellationToken cancellationToken = default)
    {
        if (token is null)
        {
            throw new InvalidArgumentException("The lock token is required.", nameof(token));
        }

        var key = RedisKeys.CertificatesLock(redis.Options.KeyPrefix, merchant ?? string.Empty);
        return redis.RunAsync(db => db.ScriptEvaluateAsync(ReleaseScript, new RedisKey[] { key }, new RedisValue[] { token }), cancellationToken);
    }

    /// <summary>The key prefix; no connection details.</summary>
    public override string ToString() => $"RedisPlatformKeyStore {{ KeyPrefix = {redis.Options.KeyPrefix} }}";

    /// <summary>The snapshot in <paramref name="json"/>, or <c>null</c> when it is not one.</summary>
    internal static PlatformKeySnapshot? Parse(string json)
    {
        try
        {
            var o = JObject.Parse(json);
            if (o["body"] is JValue { Type: JTokenType.String } body && o["publicKeyMode"] is JValue { Type: JTokenType.Boolean } mode
                && o["fetchedAt"] is JValue { Type: JTokenType.Integer } at)
            {
                var milliseconds = Convert.ToInt64(at.Value, CultureInfo.InvariantCulture);
                return new PlatformKeySnapshot((string)body!, (bool)mode, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException or OverflowException or FormatException or InvalidCastException)
        {
            // not ours: read as none
        }

        return null;
    }

    private static TimeSpan Positive(TimeSpan value, string name) => value > TimeSpan.Zero
        ? TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(value.TotalMilliseconds)))
        : throw new InvalidArgumentException($"The `{name}` must be positive, not {value}.", name);
}
