using ChainPay.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace ChainPay.Tests.Extensions.DependencyInjection;

/// <summary>The configuration keys of one merchant (the rate-limiting part; the rest runs through ServiceCollectionExtensionsTests).</summary>
public class ChainPayConfigurationTests
{
    private static ChainPayOptions Bind(Dictionary<string, string?> values)
    {
        var options = new ChainPayOptions();
        ChainPayConfiguration.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("ChainPay"), options);
        return options;
    }

    [Test]
    public void RateLimiting_TurnsOn_WithTheDocumentedLimits_TheWait_AndAddedLimits()
    {
        var options = Bind(new()
        {
            ["ChainPay:Mchid"] = "1900000001",
            ["ChainPay:RateLimiting:MaxWait"] = "00:00:00.250",
            ["ChainPay:RateLimiting:Limits:0:Method"] = "POST",
            ["ChainPay:RateLimiting:Limits:0:Template"] = "v3/refund/domestic/refunds",
            ["ChainPay:RateLimiting:Limits:0:PermitLimit"] = "150",
            ["ChainPay:RateLimiting:Limits:1:Method"] = "GET",
            ["ChainPay:RateLimiting:Limits:1:Template"] = "v3/refund/domestic/refunds/{out_refund_no}",
            ["ChainPay:RateLimiting:Limits:1:PermitLimit"] = "20",
            ["ChainPay:RateLimiting:Limits:1:Window"] = "00:00:02",
        });
        var limiting = options.Builder.RateLimiting!;
        Assert.That(limiting.MaxWait, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(limiting.Limits.Select(l => l.ToString()), Is.EqualTo(new[]
        {
            "POST v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel: 100 per 00:00:01",
            "POST v3/refund/domestic/refunds: 150 per 00:00:01",
            "GET v3/refund/domestic/refunds/{out_refund_no}: 20 per 00:00:02",
        }));
    }

    [Test]
    public void WithoutRateLimiting_NothingIsLimited()
    {
        Assert.That(Bind(new() { ["ChainPay:Mchid"] = "1900000001" }).Builder.RateLimiting, Is.Null);
    }

    [TestCase("ChainPay:RateLimiting:MaxWiat", "00:00:01", "MaxWiat", "Unknown ChainPay configuration key `ChainPay:RateLimiting:MaxWiat`: RateLimiting takes MaxWait and Limits.")]
    [TestCase("ChainPay:RateLimiting:MaxWait", "soon", "MaxWait", "The ChainPay configuration `ChainPay:RateLimiting:MaxWait` must be a TimeSpan.")]
    [TestCase("ChainPay:RateLimiting:Limits:0:Permits", "5", "Permits", "Unknown ChainPay configuration key `ChainPay:RateLimiting:Limits:0:Permits`: a limit takes Method, Template, PermitLimit and Window.")]
    [TestCase("ChainPay:RateLimiting:Limits:0:PermitLimit", "-5", "PermitLimit", "The ChainPay configuration `ChainPay:RateLimiting:Limits:0:PermitLimit` must be a Int32.")]
    [TestCase("ChainPay:RateLimiting:Limits:0:PermitLimit", "0", "PermitLimit", "The ChainPay configuration `ChainPay:RateLimiting:Limits:0:PermitLimit`: The permit limit must be at least 1, not 0.")]
    [TestCase("ChainPay:RateLimiting:Limits:0:Method", "FETCH", "Method", "The ChainPay configuration `ChainPay:RateLimiting:Limits:0:Method`: The method `FETCH` is not one of GET, POST, PUT, PATCH, DELETE.")]
    public void ABadRateLimitingKey_IsRefused_NamingIt(string key, string value, string param, string message)
    {
        var values = new Dictionary<string, string?>
        {
            ["ChainPay:RateLimiting:Limits:0:Method"] = "POST",
            ["ChainPay:RateLimiting:Limits:0:Template"] = "v3/refund/domestic/refunds",
            ["ChainPay:RateLimiting:Limits:0:PermitLimit"] = "150",
        };
        values[key] = value;
        var e = Assert.Throws<InvalidArgumentException>(() => Bind(values));
        Assert.That((e!.ParamName, e.Message), Is.EqualTo((param, message + $" (Parameter '{param}')")));
    }
}
