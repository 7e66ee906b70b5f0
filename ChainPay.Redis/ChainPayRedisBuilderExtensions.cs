using ChainPay;
using ChainPay.Certificates;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.RateLimiting;
using ChainPay.Redis;
using ChainPay.Replay;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Shares a merchant's state on Redis: <c>AddChainPay(…).AddRedis("localhost:6379")</c> registers one
/// <see cref="IConnectionMultiplexer"/> (fail-fast settings from <see cref="RedisChainPayOptions.CreateConfiguration"/>),
/// <see cref="RedisNonceStore"/> (also as <see cref="INonceStore"/>), <see cref="RedisPlatformKeyStore"/> (also as
/// <see cref="IPlatformKeyStore"/>, for your <see cref="CertificateManager"/>) and <see cref="RedisRateLimiterFactory"/>,
/// each once (the first registration wins), and sets the merchant's <c>Builder.NonceStore</c> and
/// <c>Builder.RateLimiting.LimiterFactory</c> (creating <c>RateLimiting</c> with the documented limits if unset).
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddChainPay(builder.Configuration.GetSection("ChainPay")).AddRedis("redis:6379,password=…", o => o.FallbackShare = 0.25);
/// </code>
/// </example>
public static class ChainPayRedisBuilderExtensions
{
    /// <summary>Shares the merchant's nonces and rate limits on the Redis at <paramref name="configuration"/>, with the default <see cref="RedisChainPayOptions"/>.</summary>
    /// <param name="builder">What <c>AddChainPay</c> returned.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>; used unless an <see cref="IConnectionMultiplexer"/> is registered already.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="InvalidArgumentException">An argument is missing.</exception>
    public static IChainPayBuilder AddRedis(this IChainPayBuilder builder, string configuration) => AddRedis(builder, configuration, null!);

    /// <summary>Shares the merchant's nonces and rate limits on the Redis that <paramref name="connect"/> gives, with the default <see cref="RedisChainPayOptions"/>.</summary>
    /// <param name="builder">What <c>AddChainPay</c> returned.</param>
    /// <param name="connect">Creates the connection (once); used unless an <see cref="IConnectionMultiplexer"/> is registered already.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="InvalidArgumentException">An argument is missing.</exception>
    public static IChainPayBuilder AddRedis(this IChainPayBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> connect) => AddRedis(builder, connect, null!);

    /// <summary>Shares the merchant's nonces and rate limits on the Redis at <paramref name="configuration"/>.</summary>
    /// <param name="builder">What <c>AddChainPay</c> returned.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>; used unless an <see cref="IConnectionMultiplexer"/> is registered already.</param>
    /// <param name="configure">Sets the <see cref="RedisChainPayOptions"/> (shared by every merchant).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="InvalidArgumentException">An argument is missing.</exception>
    public static IChainPayBuilder AddRedis(this IChainPayBuilder builder, string configuration, Action<RedisChainPayOptions> configure)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            throw new InvalidArgumentException("The Redis configuration string is required, e.g. `localhost:6379`.", nameof(configuration));
        }

        return AddRedis(builder, sp => ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<RedisChainPayOptions>>().Value.CreateConfiguration(configuration)), configure);
    }

    /// <summary>Shares the merchant's nonces and rate limits on the Redis that <paramref name="connect"/> gives.</summary>
    /// <param name="builder">What <c>AddChainPay</c> returned.</param>
    /// <param name="connect">Creates the connection (once); used unless an <see cref="IConnectionMultiplexer"/> is registered already. Give it <see cref="RedisChainPayOptions.CreateConfiguration"/>'s settings to fail fast.</param>
    /// <param name="configure">Sets the <see cref="RedisChainPayOptions"/> (shared by every merchant).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="InvalidArgumentException">An argument is missing.</exception>
    public static IChainPayBuilder AddRedis(this IChainPayBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> connect, Action<RedisChainPayOptions> configure)
    {
        if (builder is null)
        {
            throw new InvalidArgumentException("The ChainPay builder (what AddChainPay returned) is required.", nameof(builder));
        }

        if (connect is null)
        {
            throw new InvalidArgumentException("A function creating the IConnectionMultiplexer is required.", nameof(connect));
        }

        var services = builder.Services;
        services.TryAddSingleton(connect);
        var redisOptions = services.AddOptions<RedisChainPayOptions>();
        if (configure is not null)
        {
            redisOptions.Configure(configure);
        }

        redisOptions.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisChainPayOptions>, RedisChainPayOptionsValidator>());
        services.TryAddSingleton(sp => new RedisNonceStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisChainPayOptions>>().Value));
        services.TryAddSingleton(sp => new RedisPlatformKeyStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisChainPayOptions>>().Value));
        services.TryAddSingleton(sp => new RedisRateLimiterFactory(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisChainPayOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<INonceStore>(sp => sp.GetRequiredService<RedisNonceStore>());
        services.TryAddSingleton<IPlatformKeyStore>(sp => sp.GetRequiredService<RedisPlatformKeyStore>());
        services.AddOptions<ChainPayOptions>(builder.Name).Configure<RedisNonceStore, RedisRateLimiterFactory>((o, nonces, limiters) =>
        {
            o.Builder.NonceStore = nonces;
            (o.Builder.RateLimiting ??= new RateLimitOptions()).LimiterFactory = limiters;
        });
        return builder;
    }
}
