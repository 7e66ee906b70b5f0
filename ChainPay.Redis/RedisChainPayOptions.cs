using StackExchange.Redis;

namespace ChainPay.Redis;

/// <summary>
/// How ChainPay's Redis stores name their keys, how long they wait for Redis, and how much of a rate limit one instance
/// may use while Redis is away. Validated when a store is created (and, with <c>AddRedis</c>, when the host starts).
/// </summary>
/// <example>
/// <code>
/// var options = new RedisChainPayOptions { KeyPrefix = "shop-a", CommandTimeout = TimeSpan.FromMilliseconds(250) };
/// using var redis = ConnectionMultiplexer.Connect(options.CreateConfiguration("localhost:6379"));
/// </code>
/// </example>
public sealed class RedisChainPayOptions
{
    /// <summary>The first part of every key (default <c>chainpay</c>): <c>{KeyPrefix}:{merchant}:nonce:…</c>. Letters, digits, <c>-</c>, <c>_</c>, <c>.</c>, <c>:</c>; at most 64 characters.</summary>
    public string KeyPrefix { get; set; } = "chainpay";

    /// <summary>How long one Redis command may take before the store counts Redis as unreachable (default 500 ms; at most one minute).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long <see cref="CreateConfiguration"/> lets a connection attempt take (default 2 s; at most one minute).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The share of each rate limit one instance may use while Redis is unreachable, between 0 (exclusive) and 1
    /// (default 1: each instance alone keeps to the whole limit, so N instances may send up to N times it). Set it to
    /// 1/N for a fleet of N instances to keep the fleet within the limit during an outage.
    /// </summary>
    public double FallbackShare { get; set; } = 1.0;

    /// <summary>
    /// StackExchange.Redis settings for <paramref name="configuration"/> that fail fast: no abort when the first
    /// connection fails (the stores fall back, and reconnect later), commands refused at once while disconnected
    /// (<see cref="BacklogPolicy.FailFast"/>) instead of queued, <see cref="CommandTimeout"/> and <see cref="ConnectTimeout"/>.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>localhost:6379,password=…</c>.</param>
    /// <exception cref="InvalidArgumentException"><paramref name="configuration"/> is empty or not a configuration string.</exception>
    public ConfigurationOptions CreateConfiguration(string configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            throw new InvalidArgumentException("The Redis configuration string is required, e.g. `localhost:6379`.", nameof(configuration));
        }

        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            // The parser's message may quote the string, password included: not repeated.
            throw new InvalidArgumentException("The Redis configuration string cannot be parsed (StackExchange.Redis format: `host:port,option=value`).", nameof(configuration), e);
        }

        parsed.AbortOnConnectFail = false;
        parsed.BacklogPolicy = BacklogPolicy.FailFast;
        parsed.SyncTimeout = Milliseconds(CommandTimeout);
        parsed.AsyncTimeout = Milliseconds(CommandTimeout);
        parsed.ConnectTimeout = Milliseconds(ConnectTimeout);
        return parsed;
    }

    /// <summary>The settings, none secret.</summary>
    public override string ToString() =>
        $"RedisChainPayOptions {{ KeyPrefix = {KeyPrefix}, CommandTimeout = {CommandTimeout}, ConnectTimeout = {ConnectTimeout}, FallbackShare = {FallbackShare} }}";

    /// <summary>A copy, so that a store keeps the settings it was created with.</summary>
    internal RedisChainPayOptions Clone() => (RedisChainPayOptions)MemberwiseClone();

    private static int Milliseconds(TimeSpan value) => (int)Math.Max(1, Math.Min(int.MaxValue, Math.Ceiling(value.TotalMilliseconds)));
}
