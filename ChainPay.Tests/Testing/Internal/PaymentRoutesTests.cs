using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.Fixtures.SandboxFixture;

namespace ChainPay.Tests.Testing.Internal;

/// <summary>
/// The payment routes through ChainPay against a <see cref="SandboxServer"/> on loopback: the four prepay kinds, direct
/// and partner, their required fields, <c>notify_url</c>, a repeated <c>out_trade_no</c>, query both ways and close.
/// </summary>
public class PaymentRoutesTests : LoopbackSandboxTests
{
    private const string AppId = "wxd678efh567hg6787";
    private const string Notify = "https://www.weixin.qq.com/wxpay/pay.php";

    internal static object Direct(string outTradeNo, object? payer = null, object? sceneInfo = null, string? notifyUrl = Notify, int total = 100) => new
    {
        appid = AppId, mchid = "1230000109", description = "Image形象店-深圳腾大-QQ公仔", out_trade_no = outTradeNo,
        notify_url = notifyUrl, amount = new { total, currency = "CNY" }, payer, scene_info = sceneInfo,
    };

    internal static object Partner(string outTradeNo, object? payer = null, object? sceneInfo = null, string? subAppid = AppId) => new
    {
        sp_appid = AppId, sp_mchid = "1230000109", sub_appid = subAppid, sub_mchid = "1900000109", description = "d", out_trade_no = outTradeNo,
        notify_url = Notify, amount = new { total = 100 }, payer, scene_info = sceneInfo,
    };

    private static readonly object H5Scene = new { payer_client_ip = "14.23.150.211", h5_info = new { type = "Wap" } };

    [TestCase("jsapi", "prepay_id", "wx", "JSAPI")]
    [TestCase("app", "prepay_id", "wx", "APP")]
    [TestCase("native", "code_url", "weixin://wxpay/bizpayurl?pr=", "NATIVE")]
    [TestCase("h5", "h5_url", "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx", "MWEB")]
    public async Task DirectPrepay_AnswersItsKind_AndRecordsTheTradeType(string kind, string field, string prefix, string tradeType)
    {
        var order = Direct("K-" + kind, payer: kind == "jsapi" ? new { openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" } : null, sceneInfo: kind == "h5" ? H5Scene : null);
        var answer = await Json(await instance.Chain("v3/pay/transactions/" + kind).PostAsync(new { json = order }));
        Assert.That(answer.Properties().Select(p => p.Name), Is.EqualTo(new[] { field }));
        Assert.That((string?)answer[field], Does.StartWith(prefix));

        var queried = await Json(await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "K-" + kind, query = new { mchid = "1230000109" } }));
        Assert.That((string?)queried["trade_type"], Is.EqualTo(tradeType));
        Assert.That((string?)queried["trade_state"], Is.EqualTo("NOTPAY"));
        Assert.That(queried["notify_url"], Is.Null, "notify_url is not part of the query answer");
    }

    [TestCase("jsapi", "prepay_id", "JSAPI")]
    [TestCase("app", "prepay_id", "APP")]
    [TestCase("native", "code_url", "NATIVE")]
    [TestCase("h5", "h5_url", "MWEB")]
    public async Task PartnerPrepay_AnswersItsKind(string kind, string field, string tradeType)
    {
        var order = Partner("P-" + kind, payer: kind == "jsapi" ? new { sub_openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" } : null, sceneInfo: kind == "h5" ? H5Scene : null);
        var answer = await Json(await instance.Chain("v3/pay/partner/transactions/" + kind).PostAsync(new { json = order }));
        Assert.That((string?)answer[field], Is.Not.Empty);

        var queried = await Json(await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}").GetAsync(new
        {
            out_trade_no = "P-" + kind, query = new { sp_mchid = "1230000109", sub_mchid = "1900000109" },
        }));
        Assert.That((string?)queried["trade_type"], Is.EqualTo(tradeType));
        Assert.That((string?)queried["sub_mchid"], Is.EqualTo("1900000109"));
    }

    [TestCase("jsapi", "payer.openid")]
    [TestCase("h5", "scene_info.payer_client_ip")]
    [TestCase("app", "notify_url")]
    public void DirectPrepay_WithoutAFieldItsKindNeeds_IsParamError(string kind, string missing)
    {
        var order = kind == "h5"
            ? Direct("M1", sceneInfo: new { h5_info = new { type = "Wap" } })
            : Direct("M1", notifyUrl: kind == "app" ? null : Notify);
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/" + kind).PostAsync(new { json = order }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.StatusCode, Is.EqualTo(400));
        Assert.That(e.ErrorMessage, Does.Contain(missing.Replace('.', '/')));
    }

    [Test]
    public void H5Prepay_WithoutTheH5InfoType_IsParamError()
    {
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/h5").PostAsync(new
        {
            json = Direct("M2", sceneInfo: new { payer_client_ip = "14.23.150.211" }),
        }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.ErrorMessage, Does.Contain("scene_info/h5_info/type"));
    }

    [Test]
    public void PartnerJsapi_NeedsAPayer_AndASubAppidForASubOpenid()
    {
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/partner/transactions/jsapi").PostAsync(new { json = Partner("M3") }));
        Assert.That(e!.ErrorMessage, Does.Contain("payer/sp_openid"));

        e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/partner/transactions/jsapi").PostAsync(new
        {
            json = Partner("M3", payer: new { sub_openid = "o-1" }, subAppid: null),
        }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.ErrorMessage, Does.Contain("sub_appid"));
    }

    [TestCase("http://127.0.0.1:5000/wechatpay/notify", true)]
    [TestCase("https://example.com/notify", true)]
    [TestCase("ftp://example.com/notify", false)]
    [TestCase("/relative/notify", false)]
    public async Task NotifyUrl_HttpAndHttpsOnly(string url, bool accepted)
    {
        var request = instance.Chain("v3/pay/transactions/app").PostAsync(new { json = Direct("N-" + accepted + url.Length, notifyUrl: url) });
        if (accepted)
        {
            Assert.That((string?)(await Json(await request))["prepay_id"], Does.StartWith("wx"));
            return;
        }

        var e = Assert.ThrowsAsync<ApiException>(() => request);
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.ErrorMessage, Does.Contain("notify_url(" + url + ")"));
    }

    [Test]
    public async Task SameOutTradeNo_SameRequestGetsTheSameAnswer_AnotherAmountIsOutTradeNoUsed()
    {
        var jsapi = instance.Chain("v3/pay/transactions/jsapi");
        var order = Direct("D1", payer: new { openid = "o-1" });
        var first = await Json(await jsapi.PostAsync(new { json = order }));
        var again = await Json(await jsapi.PostAsync(new { json = order }));
        Assert.That((string?)again["prepay_id"], Is.EqualTo((string?)first["prepay_id"]));

        var e = Assert.ThrowsAsync<ApiException>(() => jsapi.PostAsync(new { json = Direct("D1", payer: new { openid = "o-1" }, total: 101) }));
        Assert.That(e!.StatusCode, Is.EqualTo(403));
        Assert.That(e.Code, Is.EqualTo("OUT_TRADE_NO_USED"));
        Assert.That(e.ErrorMessage, Is.EqualTo("商户订单号重复"));

        e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/native").PostAsync(new { json = Direct("D1") }));
        Assert.That(e!.Code, Is.EqualTo("OUT_TRADE_NO_USED"), "another trade type with the same out_trade_no");
    }

    [Test]
    public async Task ClosedOrder_PrepayAgain_IsOrderClosed()
    {
        await instance.Chain("v3/pay/transactions/app").PostAsync(new { json = Direct("C1") });
        var closed = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new { out_trade_no = "C1", json = new { mchid = "1230000109" } });
        Assert.That(closed.StatusCode, Is.EqualTo(204));

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/app").PostAsync(new { json = Direct("C1") }));
        Assert.That(e!.Code, Is.EqualTo("ORDER_CLOSED"));
        Assert.That(e.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task QueryByTransactionId_DirectAndPartner_AndAnUnknownIdIsNotFound()
    {
        await instance.Chain("v3/pay/transactions/native").PostAsync(new { json = Direct("Q1") });
        await instance.Chain("v3/pay/partner/transactions/native").PostAsync(new { json = Partner("Q1") });
        Assert.That(sandbox.PayOrder("Q1"), Is.True);

        var byNo = await Json(await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "Q1", query = new { mchid = "1230000109" } }));
        var id = (string)byNo["transaction_id"]!;
        var byId = await Json(await instance.Chain("v3/pay/transactions/id/{transaction_id}").GetAsync(new { transaction_id = id, query = new { mchid = "1230000109" } }));
        Assert.That(JToken.DeepEquals(byId, byNo), Is.True, byId.ToString());
        Assert.That((string?)byId["trade_state"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)byId["payer"]!["openid"], Is.Not.Empty);

        var partnerNo = await Json(await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}").GetAsync(new
        {
            out_trade_no = "Q1", query = new { sp_mchid = "1230000109", sub_mchid = "1900000109" },
        }));
        var partnerId = (string)partnerNo["transaction_id"]!;
        Assert.That(partnerId, Is.Not.EqualTo(id));
        var partnerById = await Json(await instance.Chain("v3/pay/partner/transactions/id/{transaction_id}").GetAsync(new
        {
            transaction_id = partnerId, query = new { sp_mchid = "1230000109", sub_mchid = "1900000109" },
        }));
        Assert.That((string?)partnerById["out_trade_no"], Is.EqualTo("Q1"));
        Assert.That((string?)partnerById["sub_mchid"], Is.EqualTo("1900000109"));

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/id/{transaction_id}").GetAsync(new { transaction_id = partnerId, query = new { mchid = "1230000109" } }));
        Assert.That(e!.Code, Is.EqualTo("NOT_FOUND"), "a partner order's transaction_id is not a direct order's");
        Assert.That(e.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task PartnerClose_ThenQuery_IsClosed()
    {
        await instance.Chain("v3/pay/partner/transactions/h5").PostAsync(new { json = Partner("PC1", sceneInfo: H5Scene) });
        var closed = await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new
        {
            out_trade_no = "PC1", json = new { sp_mchid = "1230000109", sub_mchid = "1900000109" },
        });
        Assert.That(closed.StatusCode, Is.EqualTo(204));
        var order = await Json(await instance.Chain("v3/pay/partner/transactions/out-trade-no/{out_trade_no}").GetAsync(new
        {
            out_trade_no = "PC1", query = new { sp_mchid = "1230000109", sub_mchid = "1900000109" },
        }));
        Assert.That((string?)order["trade_state"], Is.EqualTo("CLOSED"));
    }
}
