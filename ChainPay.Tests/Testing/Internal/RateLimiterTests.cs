using ChainPay.Testing;
using static ChainPay.Tests.Fixtures.SandboxFixture;

namespace ChainPay.Tests.Testing.Internal;

/// <summary>The sandbox's FREQUENCY_LIMITED: counted per merchant and per API (method + route template).</summary>
public class RateLimiterTests
{
    private const string QqBill = "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}";
    private const string MerchantBill = "v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}";

    [Test]
    public async Task TheLimitReachedOnOneApi_DoesNotLimitAnother()
    {
        var (_, instance) = Create(new SandboxOptions { Clock = () => Fixed, RateLimitPerSecond = 1 });
        await instance.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }));
        Assert.That((e!.StatusCode, e.Code, e.Verified), Is.EqualTo((429, "FREQUENCY_LIMITED", true)));

        var other = await Json(await instance.Chain(MerchantBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }));
        Assert.That((string?)other["out_bill_no"], Is.EqualTo(WeChatPaySandbox.SampleOutBillNo));
    }

    [Test]
    public async Task OneApi_IsOneBudget_WhateverItsPathValues()
    {
        var (_, instance) = Create(new SandboxOptions { Clock = () => Fixed, RateLimitPerSecond = 1 });
        await instance.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
        // Another out_bill_no is the same API: limited before the router would say NOT_FOUND.
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain(QqBill).GetAsync(new { out_bill_no = "plfk2020042099" }));
        Assert.That(e!.Code, Is.EqualTo("FREQUENCY_LIMITED"));
    }

    [Test]
    public async Task TheBudget_IsPerMerchant()
    {
        var (sandbox, instance) = Create(new SandboxOptions { Clock = () => Fixed, RateLimitPerSecond = 1 });
        await instance.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
        Assert.ThrowsAsync<ApiException>(() => instance.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }));

        var other = Builder.Factory(sandbox.CreateOptions(sandbox.AddMerchant("1900000002")));
        var e = Assert.ThrowsAsync<ApiException>(() => other.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }));
        Assert.That(e!.Code, Is.EqualTo("NOT_FOUND")); // the router answered: the other merchant has no such bill, and its own budget
    }

    [Test]
    public async Task RateLimits_OverrideOneRoute_TheOthersKeepTheDefault()
    {
        var options = new SandboxOptions { Clock = () => Fixed };
        options.RateLimits.Add(new ChainPay.RateLimiting.ApiRateLimit("GET", MerchantBill, 2, TimeSpan.FromSeconds(1)));
        var (_, instance) = Create(options);
        await instance.Chain(MerchantBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
        await instance.Chain(MerchantBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
        Assert.That(Assert.ThrowsAsync<ApiException>(() => instance.Chain(MerchantBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }))!.Code, Is.EqualTo("FREQUENCY_LIMITED"));
        for (var i = 0; i < 100; i++)
        {
            await instance.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }); // RateLimitPerSecond: 100
        }

        Assert.That(Assert.ThrowsAsync<ApiException>(() => instance.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }))!.Code, Is.EqualTo("FREQUENCY_LIMITED"));
    }

    [Test]
    public void TheDocumentedLimit_AppliesToThePartnerCancel_AtItsOwn100PerSecond()
    {
        var limiter = new ChainPay.Testing.Internal.RateLimiter(1, null);
        const string cancel = "/v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/plfk2020042013/cancel";
        for (var i = 0; i < 100; i++)
        {
            Assert.That(limiter.TryAcquire("1230000109", "POST", cancel, 7), Is.True, $"call {i + 1}");
        }

        Assert.That(limiter.TryAcquire("1230000109", "POST", cancel, 7), Is.False);
        Assert.That(limiter.TryAcquire("1230000109", "POST", cancel, 8), Is.True);
    }

    [TestCase("/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/plfk2020042013/cancel", "v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{}/cancel")]
    [TestCase("/v3/pay/transactions/out-trade-no/ORDER_1/close", "v3/pay/transactions/out-trade-no/{}/close")]
    [TestCase("/v3/pay/transactions/native", "v3/pay/transactions/native")]
    public void Template_TakesValueSegmentsForPlaceholders(string path, string template) =>
        Assert.That(ChainPay.Testing.Internal.RateLimiter.Template(path), Is.EqualTo(template));
}
