using ChainPay.Testing;
using static ChainPay.Tests.Fixtures.SandboxFixture;

namespace ChainPay.Tests.Testing;

/// <summary><see cref="WeChatPaySandbox"/> answering requests: WeChat's errors, the rate limit, media uploads and APIv2.</summary>
public class WeChatPaySandboxRoutingTests
{
    [Test]
    public void ParamError_ForAMissingField()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/native").PostAsync(new { json = new { mchid = "1230000109" } }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public void ParamError_ForAnotherMerchantsId()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new { out_trade_no = "1", json = new { appid = "wx", mchid = "999" } }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
    }

    [Test]
    public void InvalidRequest_ForMalformedJson()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/native").PostAsync(new { body = "{not json" }));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public void NotFound_ForAnUnknownApi()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/no/such/api").GetAsync());
        Assert.That(e!.Code, Is.EqualTo("NOT_FOUND"));
        Assert.That(e.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task FrequencyLimited_Above100CallsPerSecondPerMerchant()
    {
        var (sandbox, instance) = Create(new SandboxOptions { Clock = () => Fixed });
        var node = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}");
        for (var i = 0; i < 100; i++)
        {
            await node.GetAsync(new { out_bill_no = "plfk2020042013" });
        }

        var e = Assert.ThrowsAsync<ApiException>(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
        Assert.That(e!.StatusCode, Is.EqualTo(429));
        Assert.That(e.Code, Is.EqualTo("FREQUENCY_LIMITED"));

        // Another merchant has its own budget.
        var other = Builder.Factory(sandbox.CreateOptions(sandbox.AddMerchant("1900000002")));
        // Its first call in the same second reaches the router (an unknown API), not the limiter.
        var unlimited = Assert.ThrowsAsync<ApiException>(() => other.Chain("v3/no/such").GetAsync());
        Assert.That(unlimited!.Code, Is.EqualTo("NOT_FOUND"));
    }

    [Test]
    public void FrequencyLimited_SaysWhenToRetry()
    {
        var (_, instance) = Create(new SandboxOptions { Clock = () => Fixed, RateLimitPerSecond = 1 });
        var node = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}");
        Assert.DoesNotThrowAsync(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
        var e = Assert.ThrowsAsync<ApiException>(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
        Assert.That(e!.Response.Headers.TryGetFirst("Retry-After", out var after) ? after : null, Is.EqualTo("1"));
    }

    [Test]
    public async Task FrequencyLimit_ResetsTheNextSecond()
    {
        var now = Fixed;
        var (_, instance) = Create(new SandboxOptions { Clock = () => now, RateLimitPerSecond = 2 });
        var node = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}");
        await node.GetAsync(new { out_bill_no = "plfk2020042013" });
        await node.GetAsync(new { out_bill_no = "plfk2020042013" });
        Assert.ThrowsAsync<ApiException>(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
        now = now.AddSeconds(1);
        Assert.DoesNotThrowAsync(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
    }

    [Test]
    public async Task MediaUpload_IsVerifiedOverItsMeta_AndAnswersAMediaId()
    {
        var (_, instance) = Create();
        var media = new ChainPay.Util.MediaUtil("tiny.png", new MemoryStream(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x66, 0x61, 0x6B, 0x65 }));
        var res = await instance.Chain("v3/merchant/media/upload").PostAsync(new { body = media });
        Assert.That((string?)(await Json(res))["media_id"], Is.EqualTo("V1_68EE4598E64CD28EED508C333DFB14C7.png"));
    }

    [Test]
    public async Task ApiV2_OrderQueryAndCloseOrder_SignedWithTheApiV2Key()
    {
        var (_, instance) = Create();
        dynamic wxpay = instance;
        var res = await wxpay.v2.pay.orderquery.PostAsync(new { xml = new { appid = "wxd678efh567hg6787", mch_id = "1230000109", out_trade_no = WeChatPaySandbox.SampleOutTradeNo } });
        var fields = Transformer.ToArray(await ((Flurl.Http.IFlurlResponse)res).GetStringAsync());
        Assert.That(fields["trade_state"], Is.EqualTo("NOTPAY"));
        Assert.That(fields["total_fee"], Is.EqualTo("1"));

        await instance.Chain("v2/pay/closeorder").PostAsync(new { xml = new { appid = "wxd678efh567hg6787", mch_id = "1230000109", out_trade_no = WeChatPaySandbox.SampleOutTradeNo, sign_type = "HMAC-SHA256" } });
        var closed = Transformer.ToArray(await (await instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "1230000109", out_trade_no = WeChatPaySandbox.SampleOutTradeNo } })).GetStringAsync());
        Assert.That(closed["trade_state"], Is.EqualTo("CLOSED"));

        var e = Assert.ThrowsAsync<ApiV2Exception>(() => instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "1230000109", out_trade_no = "NOPE" } }));
        Assert.That(e!.ErrCode, Is.EqualTo("ORDERNOTEXIST"));
    }

    [Test]
    public void ApiV2_AWrongKey_IsASignError()
    {
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        options.Secret = "another-key-another-key-another-";
        var e = Assert.ThrowsAsync<ApiV2Exception>(() => Builder.Factory(options).Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "1230000109", out_trade_no = "1" } }));
        Assert.That(e!.ReturnCode, Is.EqualTo("FAIL"));
        Assert.That(e.ReturnMsg, Is.EqualTo("签名错误"));
    }
}
