using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using ChainPay.Testing;
using Flurl.Http;
using Newtonsoft.Json.Linq;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Tests.Testing;

public class WeChatPaySandboxTests
{
    private static readonly DateTimeOffset Fixed = DateTimeOffset.FromUnixTimeSeconds(1795455453);

    private static async Task<JObject> Json(IFlurlResponse response) => JObject.Parse(await response.GetStringAsync());

    private static (WeChatPaySandbox Sandbox, BuilderChain Instance) Create(SandboxOptions? options = null)
    {
        var sandbox = new WeChatPaySandbox(options);
        return (sandbox, Builder.Factory(sandbox.CreateOptions()));
    }

    [Test]
    public async Task QqWalletBill_CancelFlow_WaitUserConfirm_Canceling_Cancelled()
    {
        var (_, instance) = Create();
        var cancel = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}/cancel");
        var query = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}");

        Assert.That((string?)(await Json(await query.GetAsync(new { out_bill_no = "plfk2020042013" })))["state"], Is.EqualTo("WAIT_USER_CONFIRM"));
        var canceled = await Json(await cancel.PostAsync(new { out_bill_no = "plfk2020042013" }));
        Assert.That((string?)canceled["state"], Is.EqualTo("CANCELING"));
        Assert.That((string?)canceled["transfer_bill_no"], Is.Not.Empty);
        Assert.That((string?)(await Json(await query.GetAsync(new { out_bill_no = "plfk2020042013" })))["state"], Is.EqualTo("CANCELLED"));
        Assert.That((string?)(await Json(await cancel.PostAsync(new { out_bill_no = "plfk2020042013" })))["state"], Is.EqualTo("CANCELLED"));
    }

    [Test]
    public async Task MerchantBill_CreateQueryCancel_AndASuccessBillCannotBeCancelled()
    {
        var (sandbox, instance) = Create();
        var created = await Json(await instance.Chain("v3/fund-app/mch-transfer/transfer-bills").PostAsync(new
        {
            json = new { appid = "wxf636efh567hg4356", out_bill_no = "B1", transfer_scene_id = "1000", openid = "o-1", transfer_amount = 100, transfer_remark = "报销" },
        }));
        Assert.That((string?)created["state"], Is.EqualTo("WAIT_USER_CONFIRM"));

        Assert.That(sandbox.ConfirmTransfer("B1"), Is.True);
        var bill = await Json(await instance.Chain("v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}").GetAsync(new { out_bill_no = "B1" }));
        Assert.That((string?)bill["state"], Is.EqualTo("SUCCESS"));

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}/cancel").PostAsync(new { out_bill_no = "B1" }));
        Assert.That(e!.StatusCode, Is.EqualTo(400));
        Assert.That(e.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(e.Verified, Is.True);
    }

    [Test]
    public async Task PartnerBill_Seed002_CancelNeedsTheSubMerchant()
    {
        var (_, instance) = Create();
        var res = await Json(await instance.Chain("v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel")
            .PostAsync(new { out_bill_no = "plfk2020042013", json = new { sub_mchid = "1900001109" } }));
        Assert.That((string?)res["state"], Is.EqualTo("CANCELING"));
        Assert.That((string?)res["sub_mchid"], Is.EqualTo("1900001109"));

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel")
            .PostAsync(new { out_bill_no = "plfk2020042013", json = new { sub_mchid = "1900009999" } }));
        Assert.That(e!.Code, Is.EqualTo("NOT_FOUND"));
        Assert.That(e.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task DirectOrder_NativeQueryPayCloseReverse()
    {
        var (sandbox, instance) = Create();
        var created = await Json(await instance.Chain("v3/pay/transactions/native").PostAsync(new
        {
            json = new { appid = "wxd678efh567hg6787", mchid = "1230000109", description = "d", out_trade_no = "T1", notify_url = "https://weixin.qq.com/", amount = new { total = 1, currency = "CNY" } },
        }));
        Assert.That((string?)created["code_url"], Does.StartWith("weixin://wxpay/bizpayurl?pr="));

        var query = instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}");
        Assert.That((string?)(await Json(await query.GetAsync(new { out_trade_no = "T1", query = new { mchid = "1230000109" } })))["trade_state"], Is.EqualTo("NOTPAY"));

        var closed = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new { out_trade_no = "T1", json = new { mchid = "1230000109" } });
        Assert.That(closed.StatusCode, Is.EqualTo(204));
        Assert.That((string?)(await Json(await query.GetAsync(new { out_trade_no = "T1", query = new { mchid = "1230000109" } })))["trade_state"], Is.EqualTo("CLOSED"));

        Assert.That(sandbox.PayOrder(WeChatPaySandbox.SampleOutTradeNo), Is.True);
        var paid = await Json(await query.GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = "1230000109" } }));
        Assert.That((string?)paid["trade_state"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)paid["transaction_id"], Is.Not.Empty);

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, json = new { mchid = "1230000109" } }));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));

        var reversed = await Json(await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" } }));
        Assert.That(reversed.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_trade_no\":\"1217752501201407033233368018\"}"));
        Assert.That((string?)(await Json(await query.GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = "1230000109" } })))["trade_state"], Is.EqualTo("REVOKED"));
    }

    [Test]
    public async Task PartnerOrder_Seed003_Reverse()
    {
        var (_, instance) = Create();
        var res = await Json(await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new
        {
            out_trade_no = WeChatPaySandbox.SampleOutTradeNo,
            json = new { sp_appid = "wxd678efh567hg6787", sp_mchid = "1230000109", sub_appid = "wxd678efh567hg6787", sub_mchid = "1230000109" },
        }));
        Assert.That((string?)res["sub_mchid"], Is.EqualTo("1230000109"));
        Assert.That((string?)res["out_trade_no"], Is.EqualTo(WeChatPaySandbox.SampleOutTradeNo));
        var order = await Json(await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}").GetAsync(new
        {
            out_trade_no = WeChatPaySandbox.SampleOutTradeNo,
            query = new { sp_mchid = "1230000109", sub_mchid = "1230000109" },
        }));
        Assert.That((string?)order["trade_state"], Is.EqualTo("REVOKED"));
    }

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
    public void SystemError_WhenInjected_OnceOnly()
    {
        var (sandbox, instance) = Create();
        sandbox.FailNext(HttpStatusCode.InternalServerError, "SYSTEM_ERROR", "系统异常，请稍后重试");
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = "plfk2020042013" }));
        Assert.That(e!.Code, Is.EqualTo("SYSTEM_ERROR"));
        Assert.That(e.StatusCode, Is.EqualTo(500));
        Assert.DoesNotThrowAsync(() => instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = "plfk2020042013" }));
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
    public async Task MediaUpload_IsVerifiedOverItsMeta_AndAnswersAMediaId()
    {
        var (_, instance) = Create();
        var media = new ChainPay.Util.MediaUtil("tiny.png", new MemoryStream(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x66, 0x61, 0x6B, 0x65 }));
        var res = await instance.Chain("v3/merchant/media/upload").PostAsync(new { body = media });
        Assert.That((string?)(await Json(res))["media_id"], Is.EqualTo("V1_68EE4598E64CD28EED508C333DFB14C7.png"));
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
    public void SignError_WrongSignature()
    {
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        options.PrivateKey = RSA.Create(2048); // not the key the sandbox knows for this serial
        var e = Assert.ThrowsAsync<ApiException>(() => Builder.Factory(options).Chain("v3/certificates").GetAsync());
        Assert.That(e!.StatusCode, Is.EqualTo(401));
        Assert.That(e.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public void SignError_StaleTimestamp()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { Clock = () => Fixed });
        var options = sandbox.CreateOptions();
        options.Clock = () => Fixed.AddSeconds(-301);
        var e = Assert.ThrowsAsync<ApiException>(() => Builder.Factory(options).Chain("v3/certificates").GetAsync());
        Assert.That(e!.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public void SignError_ReusedNonce()
    {
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        options.Nonce = () => "REPLAYEDNONCE0000000000000000000";
        var instance = Builder.Factory(options);
        var node = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}");
        Assert.DoesNotThrowAsync(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
        var e = Assert.ThrowsAsync<ApiException>(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
        Assert.That(e!.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public async Task SignError_MissingOrMalformedAuthorization_AndUnknownSerial()
    {
        var sandbox = new WeChatPaySandbox();
        using var http = new HttpClient(sandbox.CreateHandler());
        var none = await http.GetAsync("https://api.mch.weixin.qq.com/v3/certificates");
        Assert.That((int)none.StatusCode, Is.EqualTo(401));
        Assert.That((string?)JObject.Parse(await none.Content.ReadAsStringAsync())["code"], Is.EqualTo("SIGN_ERROR"));

        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com/v3/certificates");
        request.Headers.TryAddWithoutValidation("Authorization", "WECHATPAY2-SHA256-RSA2048 mchid=1230000109");
        Assert.That((int)(await http.SendAsync(request)).StatusCode, Is.EqualTo(401));

        var options = sandbox.CreateOptions();
        options.Serial = "0000000000000000000000000000000000000000";
        var e = Assert.ThrowsAsync<ApiException>(() => Builder.Factory(options).Chain("v3/certificates").GetAsync());
        Assert.That(e!.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public async Task Answers_AreSignedWithThePlatformKey_EvenErrors()
    {
        var sandbox = new WeChatPaySandbox();
        using var http = new HttpClient(sandbox.CreateHandler());
        var response = await http.GetAsync("https://api.mch.weixin.qq.com/v3/certificates");
        var body = await response.Content.ReadAsStringAsync();
        var message = Formatter.Response(response.Headers.GetValues("Wechatpay-Timestamp").Single(), response.Headers.GetValues("Wechatpay-Nonce").Single(), body);
        Assert.That(response.Headers.GetValues("Wechatpay-Serial").Single(), Is.EqualTo(sandbox.PlatformKeyId).And.StartWith("PUB_KEY_ID_"));
        Assert.That(Rsa.Verify(message, response.Headers.GetValues("Wechatpay-Signature").Single(), sandbox.PlatformPublicKey), Is.True);
    }

    [Test]
    public void Certificates_InPublicKeyMode_AreResourceNotExists()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.StatusCode, Is.EqualTo(404));
        Assert.That(e.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }

    [Test]
    public async Task Certificates_InCertificateMode_AreEncryptedWithTheApiV3Key()
    {
        var (sandbox, instance) = Create(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = "0123456789abcdef0123456789abcdef" });
        var data = (JObject)(await Json(await instance.Chain("v3/certificates").GetAsync()))["data"]![0]!;
        Assert.That((string?)data["serial_no"], Is.EqualTo(sandbox.PlatformKeyId).And.Match("^[0-9A-F]{40}$"));
        var enc = data["encrypt_certificate"]!;
        var pem = AesGcm.Decrypt((string)enc["ciphertext"]!, "0123456789abcdef0123456789abcdef", (string)enc["nonce"]!, (string)enc["associated_data"]!);
        Assert.That(pem, Is.EqualTo(sandbox.PlatformCertificatePem));
        using var certificate = X509Certificate2.CreateFromPem(pem);
        Assert.That(certificate.SerialNumber.TrimStart('0'), Is.EqualTo(sandbox.PlatformKeyId.TrimStart('0')));
        Assert.That(certificate.GetRSAPublicKey()!.ExportSubjectPublicKeyInfo(), Is.EqualTo(sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfo()));
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

    [Test]
    public void Options_AreValidated()
    {
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new WeChatPaySandbox(new SandboxOptions { ApiV3Key = "short" }))!.ParamName, Is.EqualTo("ApiV3Key"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new WeChatPaySandbox(new SandboxOptions { RateLimitPerSecond = 0 }))!.ParamName, Is.EqualTo("RateLimitPerSecond"));
    }

    [Test]
    public void Merchant_ToString_ShowsNoKey()
    {
        var sandbox = new WeChatPaySandbox();
        Assert.That(sandbox.Merchant.ToString(), Is.EqualTo($"SandboxMerchant {{ Mchid = 1230000109, Serial = {sandbox.Merchant.Serial} }}"));
    }
}
