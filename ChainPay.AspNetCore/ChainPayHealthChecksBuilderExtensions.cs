using ChainPay.AspNetCore.HealthChecks;
using ChainPay.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Health checks of ChainPay merchants (Microsoft.Extensions.Diagnostics.HealthChecks): Unhealthy when a merchant's
/// options or keys do not load (the message names the option, never a key) or a platform certificate in its
/// <c>Certs</c> has expired; Degraded when one expires within the warning window (<see cref="DefaultWarnBefore"/>,
/// 30 days, by default); Healthy otherwise. The result's data lists each <c>Certs</c> serial with its expiry.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddChainPay(builder.Configuration.GetSection("ChainPay")).AddHealthCheck();
/// builder.Services.AddHealthChecks().AddChainPay("sub-1900000109", warnBefore: TimeSpan.FromDays(60));
/// app.MapHealthChecks("/healthz");
/// </code>
/// </example>
public static class ChainPayHealthChecksBuilderExtensions
{
    /// <summary>How long before a platform certificate's expiry the check reports Degraded by default: 30 days.</summary>
    public static readonly TimeSpan DefaultWarnBefore = TimeSpan.FromDays(30);

    /// <summary>Adds the health check of merchant <paramref name="merchant"/>.</summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="merchant">The name given to <c>AddChainPay</c>; the default merchant by default.</param>
    /// <param name="warnBefore">Degraded when a platform certificate expires within this time; <see cref="DefaultWarnBefore"/> by default.</param>
    /// <param name="name">The check's name; <c>chainpay</c> (or <c>chainpay:{merchant}</c>) by default.</param>
    /// <param name="tags">The check's tags, to filter in <c>MapHealthChecks</c>.</param>
    /// <exception cref="ChainPay.InvalidArgumentException">A <c>null</c> builder or merchant, or a negative <paramref name="warnBefore"/>.</exception>
    public static IHealthChecksBuilder AddChainPay(this IHealthChecksBuilder builder, string merchant = ChainPayOptions.DefaultName, TimeSpan? warnBefore = null, string? name = null, IEnumerable<string>? tags = null)
    {
        if (builder is null)
        {
            throw new ChainPay.InvalidArgumentException("The health checks builder is required.", nameof(builder));
        }

        if (merchant is null)
        {
            throw new ChainPay.InvalidArgumentException("A merchant name is required (ChainPayOptions.DefaultName for the default one).", nameof(merchant));
        }

        var window = warnBefore ?? DefaultWarnBefore;
        if (window < TimeSpan.Zero)
        {
            throw new ChainPay.InvalidArgumentException("The `warnBefore` window must not be negative.", nameof(warnBefore));
        }

        return builder.Add(new HealthCheckRegistration(
            name ?? (merchant.Length == 0 ? "chainpay" : "chainpay:" + merchant),
            sp => new ChainPayHealthCheck(merchant, window, sp.GetRequiredService<IChainPayFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System),
            failureStatus: null,
            tags));
    }

    /// <summary>Adds the health check of this merchant (and the health check services).</summary>
    /// <param name="builder">What <c>AddChainPay</c> returned.</param>
    /// <param name="warnBefore">Degraded when a platform certificate expires within this time; <see cref="DefaultWarnBefore"/> by default.</param>
    /// <param name="tags">The check's tags.</param>
    /// <returns>The same builder, to chain further configuration.</returns>
    public static IChainPayBuilder AddHealthCheck(this IChainPayBuilder builder, TimeSpan? warnBefore = null, IEnumerable<string>? tags = null)
    {
        if (builder is null)
        {
            throw new ChainPay.InvalidArgumentException("The ChainPay builder is required.", nameof(builder));
        }

        builder.Services.AddHealthChecks().AddChainPay(builder.Name, warnBefore, tags: tags);
        return builder;
    }
}
