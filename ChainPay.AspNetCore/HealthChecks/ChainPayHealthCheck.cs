using System.Globalization;
using ChainPay.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChainPay.AspNetCore.HealthChecks;

/// <summary>
/// One merchant's health: Unhealthy when its options or keys do not load (the message names the option, never a
/// key) or a platform certificate has expired, Degraded when one expires within the window, Healthy otherwise.
/// The data lists each <c>Certs</c> serial with its expiry.
/// </summary>
internal sealed class ChainPayHealthCheck : IHealthCheck
{
    private readonly string merchant;
    private readonly TimeSpan warnBefore;
    private readonly IChainPayFactory factory;
    private readonly TimeProvider time;

    public ChainPayHealthCheck(string merchant, TimeSpan warnBefore, IChainPayFactory factory, TimeProvider time)
    {
        this.merchant = merchant;
        this.warnBefore = warnBefore;
        this.factory = factory;
        this.time = time;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        var who = Notifications.NotificationEndpoint.Who(merchant);
        ChainPayOptions options;
        try
        {
            options = factory.GetOptions(merchant);
            factory.Get(merchant);
        }
        catch (Exception e) when (e is InvalidArgumentException or OptionsValidationException)
        {
            return HealthCheckResult.Unhealthy(e is OptionsValidationException ? e.Message : $"{who}: {e.Message}");
        }

        if (options.ApiV3Key is { Length: > 0 } key && System.Text.Encoding.UTF8.GetByteCount(key) != 32)
        {
            return HealthCheckResult.Unhealthy($"{who}: the `ApiV3Key` must be 32 bytes.");
        }

        var now = options.Builder.Clock?.Invoke() ?? time.GetUtcNow();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var expired = new List<string>();
        var expiring = new List<string>();
        foreach (var pair in options.Builder.Certs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var expiry = PlatformKeyExpiry.Of(pair.Value);
            data[pair.Key] = expiry is { } at ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "public key (no expiry)";
            if (expiry <= now)
            {
                expired.Add(pair.Key);
            }
            else if (expiry - now <= warnBefore)
            {
                expiring.Add(pair.Key);
            }
        }

        if (expired.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"{who}: the platform certificate(s) {List(expired)} have expired.", data: data);
        }

        if (expiring.Count > 0)
        {
            return HealthCheckResult.Degraded($"{who}: the platform certificate(s) {List(expiring)} expire within {warnBefore.TotalDays:0.#} days.", data: data);
        }

        return HealthCheckResult.Healthy($"{who}: keys load; {data.Count} platform key(s), none expiring within {warnBefore.TotalDays:0.#} days.", data);
    }

    private static string List(IEnumerable<string> serials) => string.Join(", ", serials.Select(s => "`" + s + "`"));
}
