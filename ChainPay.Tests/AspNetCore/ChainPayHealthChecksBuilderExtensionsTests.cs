using ChainPay.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using static ChainPay.Tests.AspNetCore.NotificationApp;

namespace ChainPay.Tests.AspNetCore;

/// <summary>Registering the health check: names, tags, the window, the arguments refused.</summary>
public class ChainPayHealthChecksBuilderExtensionsTests
{
    private static HealthCheckServiceOptions Registered(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        configure(services);
        return services.BuildServiceProvider().GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value;
    }

    [Test]
    public void TheChecks_AreNamedAfterTheirMerchant_WithTheTagsGiven()
    {
        var sandbox = new WeChatPaySandbox();
        var options = Registered(s =>
        {
            Register(s, sandbox).AddHealthCheck(tags: new[] { "ready" });
            Register(s, sandbox, "sub").AddHealthCheck();
            s.AddHealthChecks().AddChainPay("sub", name: "wechatpay-sub");
        });

        Assert.That(options.Registrations.Select(r => r.Name), Is.EqualTo(new[] { "chainpay", "chainpay:sub", "wechatpay-sub" }));
        Assert.That(options.Registrations.First().Tags, Is.EquivalentTo(new[] { "ready" }));
        Assert.That(ChainPayHealthChecksBuilderExtensions.DefaultWarnBefore, Is.EqualTo(TimeSpan.FromDays(30)));
    }

    [Test]
    public void ANegativeWindow_ANullMerchant_OrANullBuilder_AreRefused()
    {
        var checks = new ServiceCollection().AddHealthChecks();
        Assert.That(Assert.Throws<InvalidArgumentException>(() => checks.AddChainPay(warnBefore: TimeSpan.FromDays(-1)))!.ParamName, Is.EqualTo("warnBefore"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => checks.AddChainPay(null!))!.ParamName, Is.EqualTo("merchant"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => ((IHealthChecksBuilder)null!).AddChainPay())!.ParamName, Is.EqualTo("builder"));
    }
}
