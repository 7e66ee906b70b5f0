using ChainPay.Payments;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.Fixtures.SandboxFixture;
using static ChainPay.Tests.Testing.Internal.PaymentRoutesTests;

namespace ChainPay.Tests.Testing.Internal;

/// <summary>
/// <see cref="WeChatPaySandbox.PayWithClient"/>: the WeChat client paying with <see cref="PaySign"/>'s parameters for a
/// prepay made through ChainPay over loopback, accepted when they are right, refused naming what is wrong.
/// </summary>
public class ClientPaymentTests : LoopbackSandboxTests
{
    private const string AppId = "wxd678efh567hg6787";

    private async Task<string> Prepay(string kind, string outTradeNo, bool partner = false)
    {
        var order = partner
            ? Partner(outTradeNo, payer: kind == "jsapi" ? new { sp_openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" } : null)
            : Direct(outTradeNo, payer: kind == "jsapi" ? new { openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" } : null);
        var res = await instance.Chain(partner ? "v3/pay/partner/transactions/" + kind : "v3/pay/transactions/" + kind).PostAsync(new { json = order });
        return (string)(await Json(res))["prepay_id"]!;
    }

    private async Task<JObject> Query(string outTradeNo) =>
        await Json(await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = outTradeNo, query = new { mchid = "1230000109" } }));

    [Test]
    public async Task Jsapi_Accepted_OrderPaid_TransactionSuccessRaisedWithTheQueryAnswer()
    {
        var prepayId = await Prepay("jsapi", "J1");
        var paid = sandbox.PayWithClient(PaySign.Jsapi(AppId, prepayId, sandbox.Merchant.PrivateKey));

        Assert.That((string?)paid["trade_state"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)paid["transaction_id"], Is.Not.Empty);
        Assert.That((string?)paid["success_time"], Is.Not.Empty);
        Assert.That((string?)paid["payer"]!["openid"], Is.EqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        var queried = await Query("J1");
        Assert.That(JToken.DeepEquals(queried, JObject.Parse(paid.ToString())), Is.True, queried.ToString()); // parsed alike (dates)

        var events = sandbox.RaisedEvents;
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0].EventType, Is.EqualTo("TRANSACTION.SUCCESS"));
        Assert.That(events[0].Mchid, Is.EqualTo("1230000109"));
        Assert.That(events[0].NotifyUrl, Is.EqualTo("https://www.weixin.qq.com/wxpay/pay.php"));
        Assert.That(JToken.DeepEquals(JObject.Parse(events[0].Resource.ToString()), queried), Is.True, events[0].Resource.ToString());
    }

    [Test]
    public async Task MiniProgram_NeedsTheAppIdFromTheCaller()
    {
        var prepayId = await Prepay("jsapi", "M1");
        var parameters = PaySign.MiniProgram(AppId, prepayId, sandbox.Merchant.PrivateKey);
        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(parameters));
        Assert.That(e!.ParamName, Is.EqualTo("appId"));

        Assert.That((string?)sandbox.PayWithClient(parameters, AppId)["trade_state"], Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task App_Accepted()
    {
        var prepayId = await Prepay("app", "A1");
        var paid = sandbox.PayWithClient(PaySign.App(AppId, "1230000109", prepayId, sandbox.Merchant.PrivateKey));
        Assert.That((string?)paid["trade_type"], Is.EqualTo("APP"));
        Assert.That((string?)(await Query("A1"))["trade_state"], Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task TamperedPackage_IsRefused_NamingPaySign_AndNothingIsPaid()
    {
        var first = await Prepay("jsapi", "T1");
        var second = await Prepay("jsapi", "T2");
        var parameters = PaySign.Jsapi(AppId, first, sandbox.Merchant.PrivateKey).ToDictionary(p => p.Key, p => p.Value);
        parameters["package"] = "prepay_id=" + second;

        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(parameters));
        Assert.That(e!.ParamName, Is.EqualTo("paySign"));
        Assert.That(e.Message, Does.Contain("does not verify with the public key of merchant 1230000109"));
        Assert.That((string?)(await Query("T1"))["trade_state"], Is.EqualTo("NOTPAY"));
        Assert.That((string?)(await Query("T2"))["trade_state"], Is.EqualTo("NOTPAY"));
        Assert.That(sandbox.RaisedEvents, Is.Empty);
    }

    [Test]
    public async Task AnotherKey_IsRefused()
    {
        var prepayId = await Prepay("app", "K1");
        var other = sandbox.AddMerchant("1900000002");
        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(PaySign.App(AppId, "1230000109", prepayId, other.PrivateKey)));
        Assert.That(e!.ParamName, Is.EqualTo("sign"));
        Assert.That(e.Message, Does.Contain("made with another key"));
        Assert.That((string?)(await Query("K1"))["trade_state"], Is.EqualTo("NOTPAY"));
    }

    [Test]
    public async Task UnknownPrepayId_AndANativeOrder_AreRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(PaySign.Jsapi(AppId, "wx201410272009395522657a690389285100", sandbox.Merchant.PrivateKey)));
        Assert.That(e!.ParamName, Is.EqualTo("package"));
        Assert.That(e.Message, Does.StartWith("Unknown prepay_id `wx201410272009395522657a690389285100`"));

        var h5 = await Json(await instance.Chain("v3/pay/transactions/h5").PostAsync(new
        {
            json = Direct("H1", sceneInfo: new { payer_client_ip = "1.2.3.4", h5_info = new { type = "Wap" } }),
        }));
        var h5PrepayId = ((string)h5["h5_url"]!).Split('=', '&')[1];
        e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(PaySign.Jsapi(AppId, h5PrepayId, sandbox.Merchant.PrivateKey)));
        Assert.That(e!.Message, Does.StartWith("Unknown prepay_id"), "an H5 order has no PaySign: PayOrder pays it");
    }

    [Test]
    public async Task JsapiParametersForAnAppOrder_AnotherAppId_AnotherPartnerId_AreRefused()
    {
        var app = await Prepay("app", "X1");
        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(PaySign.Jsapi(AppId, app, sandbox.Merchant.PrivateKey)));
        Assert.That(e!.Message, Does.Contain("APP order"));

        e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(PaySign.App("wx0000000000000000", "1230000109", app, sandbox.Merchant.PrivateKey)));
        Assert.That(e!.ParamName, Is.EqualTo("appid"));

        e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(PaySign.App(AppId, "1900000109", app, sandbox.Merchant.PrivateKey)));
        Assert.That(e!.ParamName, Is.EqualTo("partnerid"));
    }

    [Test]
    public async Task StaleTimestamp_AndAnotherSignType_AreRefused()
    {
        var prepayId = await Prepay("jsapi", "S1");
        var stale = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 301;
        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(PaySign.Jsapi(AppId, prepayId, sandbox.Merchant.PrivateKey, stale)));
        Assert.That(e!.ParamName, Is.EqualTo("timeStamp"));

        var md5 = PaySign.Jsapi(AppId, prepayId, sandbox.Merchant.PrivateKey).ToDictionary(p => p.Key, p => p.Value);
        md5["signType"] = "MD5";
        e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(md5));
        Assert.That(e!.ParamName, Is.EqualTo("signType"));
    }

    [Test]
    public async Task PaidOrder_CannotBePaidAgain()
    {
        var parameters = PaySign.Jsapi(AppId, await Prepay("jsapi", "P1"), sandbox.Merchant.PrivateKey);
        sandbox.PayWithClient(parameters);
        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(parameters));
        Assert.That(e!.Message, Does.Contain("is SUCCESS, not NOTPAY"));
        Assert.That(sandbox.RaisedEvents, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Partner_JsapiAndApp_SignedByTheServiceProvider_PartnerIdIsTheSubMerchant()
    {
        var jsapi = await Prepay("jsapi", "PJ1", partner: true);
        var paid = sandbox.PayWithClient(PaySign.Jsapi(AppId, jsapi, sandbox.Merchant.PrivateKey));
        Assert.That((string?)paid["payer"]!["sp_openid"], Is.EqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));

        var app = await Prepay("app", "PA1", partner: true);
        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.PayWithClient(PaySign.App(AppId, "1230000109", app, sandbox.Merchant.PrivateKey)));
        Assert.That(e!.ParamName, Is.EqualTo("partnerid"));
        Assert.That((string?)sandbox.PayWithClient(PaySign.App(AppId, "1900000109", app, sandbox.Merchant.PrivateKey))["trade_state"], Is.EqualTo("SUCCESS"));

        var events = sandbox.RaisedEvents;
        Assert.That(events.Select(x => (x.Mchid, x.EventType, (string?)x.Resource["sub_mchid"])), Is.EqualTo(new[]
        {
            ("1230000109", "TRANSACTION.SUCCESS", (string?)"1900000109"),
            ("1230000109", "TRANSACTION.SUCCESS", (string?)"1900000109"),
        }));
    }
}
