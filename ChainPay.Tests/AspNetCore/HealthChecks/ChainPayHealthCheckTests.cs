using ChainPay.Extensions.DependencyInjection;
using ChainPay.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static ChainPay.Tests.AspNetCore.NotificationApp;

namespace ChainPay.Tests.AspNetCore.HealthChecks;

/// <summary>The merchant health check: Healthy, Degraded near a certificate's expiry, Unhealthy for keys that do not load; never a secret.</summary>
public class ChainPayHealthCheckTests
{
    private const string SecretKeyText = "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----";

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static async Task<HealthReport> CheckAsync(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure(services);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    /// <summary>A merchant whose Certs hold the sandbox's platform certificate (PEM), valid five years from now.</summary>
    private static IChainPayBuilder WithCertificate(IServiceCollection services, WeChatPaySandbox sandbox) =>
        services.AddChainPay(o =>
        {
            var s = sandbox.CreateOptions();
            (o.Mchid, o.Serial, o.PrivateKey) = (s.Mchid, s.Serial, s.PrivateKey);
            o.Certs = new Dictionary<string, object?> { [sandbox.PlatformKeyId] = sandbox.PlatformCertificatePem };
        });

    [Test]
    public async Task APublicKeyMerchant_IsHealthy_ItsKeyListedWithoutExpiry()
    {
        var sandbox = new WeChatPaySandbox();
        var report = await CheckAsync(s => Register(s, sandbox).AddHealthCheck());

        var entry = report.Entries["chainpay"];
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
        Assert.That(entry.Data[sandbox.PlatformKeyId], Is.EqualTo("public key (no expiry)"));
    }

    [Test]
    public async Task ACertificateNearExpiry_IsDegraded_OnePastIt_Unhealthy_AndOneFarFromIt_Healthy()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial });
        var expiry = DateTimeOffset.UtcNow.AddYears(5); // PlatformCertificate: five years from the sandbox's clock
        async Task<HealthReportEntry> At(DateTimeOffset now, TimeSpan? window = null) => (await CheckAsync(s =>
        {
            WithCertificate(s, sandbox).AddHealthCheck(window);
            s.AddSingleton<TimeProvider>(new FixedTime(now));
        })).Entries["chainpay"];

        var healthy = await At(expiry.AddDays(-31));
        var degraded = await At(expiry.AddDays(-29));
        var wider = await At(expiry.AddDays(-31), TimeSpan.FromDays(60));
        var expired = await At(expiry.AddDays(1));

        Assert.That(healthy.Status, Is.EqualTo(HealthStatus.Healthy), healthy.Description);
        Assert.That(degraded.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(degraded.Description, Does.Contain(sandbox.PlatformKeyId).And.Contain("30 days"));
        Assert.That(wider.Status, Is.EqualTo(HealthStatus.Degraded), "a 60-day window");
        Assert.That(expired.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(expired.Description, Does.Contain("expired"));
        var listed = DateTimeOffset.Parse((string)degraded.Data[sandbox.PlatformKeyId], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(listed - expiry, Is.LessThan(TimeSpan.FromMinutes(10)).And.GreaterThan(TimeSpan.FromMinutes(-10)));
    }

    [Test]
    public async Task AKeyThatDoesNotLoad_IsUnhealthy_NamingTheOption_NeverTheKey()
    {
        var sandbox = new WeChatPaySandbox();
        var report = await CheckAsync(s =>
        {
            Register(s, sandbox, "sub").AddHealthCheck();
            s.Configure<ChainPayOptions>("sub", o => o.Builder.PrivateKey = SecretKeyText);
        });

        var entry = report.Entries["chainpay:sub"];
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Does.Contain("PrivateKey").And.Contain("`sub`"));
        Assert.That(entry.Description + string.Join(",", entry.Data.Values), Does.Not.Contain("TUlJRXZRSUJBREFO"));
        Assert.That(entry.Exception?.ToString() ?? string.Empty, Does.Not.Contain("TUlJRXZRSUJBREFO"));
    }

    [Test]
    public async Task AnApiV3KeyOfTheWrongLength_IsUnhealthy_NamingIt_NeverTheKey()
    {
        const string shortKey = "0123456789abcdef0123456789abcde";
        var report = await CheckAsync(s => Register(s, new WeChatPaySandbox(), apiV3Key: shortKey).AddHealthCheck());

        var entry = report.Entries["chainpay"];
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Does.Contain("`ApiV3Key`").And.Not.Contain(shortKey));
    }

    [Test]
    public async Task AnUnknownMerchant_IsUnhealthy_NamingIt()
    {
        var report = await CheckAsync(s =>
        {
            Register(s, new WeChatPaySandbox());
            s.AddHealthChecks().AddChainPay("sub-9", name: "missing");
        });

        Assert.That(report.Entries["missing"].Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(report.Entries["missing"].Description, Does.Contain("`sub-9`"));
    }
}
