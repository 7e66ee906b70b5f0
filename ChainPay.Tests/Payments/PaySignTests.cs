using ChainPay.Crypto;
using ChainPay.Payments;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Payments;

public class PaySignTests
{
    // Spec §11.4 JSAPI pay sign vector.
    private const string JsapiSign = "mFUROH3oLViGLlEfX/hjOQ1FV+0M8VfDIzv+1kwb0z+dd0yV0Zldhf5kWRU1vSKyzzhFgUkUCOZKkHfEC4DTqfKKtuK4pQVC05Q384ej35UqPwzp6DrVe+cR07rG49Jxh2PbxrdS+MlDICDzbOR2xAQAxnyikFarzV7cNFrOpxFOX9CnqOAZ5AaaBDozdnm0aqCBoGdJv/Z156w1Z5OxZvRWj0BgC/w993JRyN6APQrH3BMjZBwwnWViWboZVqqDlmno8qvx4bORzDi+j4D12vARj6NC/bVLnmfDpPmFZEQ5s5KNcftQ9dTeObz0n+mdqmDUgocjhYc5cZa7hmR36g==";

    [Test]
    public void Jsapi_MatchesTheSpecVector()
    {
        var p = PaySign.Jsapi("wx8888888888888888", "wx201410272009395522657a690389285100", TestKeys.Pkcs8PrivateKey, 1414561699, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
        Assert.That(p.Keys, Is.EqualTo(new[] { "appId", "timeStamp", "nonceStr", "package", "signType", "paySign" }));
        Assert.That(p["package"], Is.EqualTo("prepay_id=wx201410272009395522657a690389285100"));
        Assert.That(p["signType"], Is.EqualTo("RSA"));
        Assert.That(p["paySign"], Is.EqualTo(JsapiSign));
    }

    [Test]
    public void MiniProgram_IsJsapiWithoutTheAppId()
    {
        var p = PaySign.MiniProgram("wx8888888888888888", "wx201410272009395522657a690389285100", TestKeys.Pkcs8PrivateKey, 1414561699, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
        Assert.That(p.Keys, Is.EqualTo(new[] { "timeStamp", "nonceStr", "package", "signType", "paySign" }));
        Assert.That(p["paySign"], Is.EqualTo(JsapiSign));
    }

    [Test]
    public void App_SignsAppIdTimestampNonceAndPrepayId()
    {
        var p = PaySign.App("wx8888888888888888", "1900000109", "WX1217752501201407033233368018", TestKeys.Pkcs8PrivateKey, 1414561699, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
        Assert.That(p["package"], Is.EqualTo("Sign=WXPay"));
        Assert.That(p["partnerid"], Is.EqualTo("1900000109"));
        Assert.That(Rsa.Verify("wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nWX1217752501201407033233368018\n", p["sign"], TestKeys.SpkiPublicKey), Is.True);
    }

    [Test]
    public void Defaults_AreNowAndARandomNonce()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var p = PaySign.Jsapi("wx", "p", TestKeys.Pkcs8PrivateKey);
        Assert.That(long.Parse(p["timeStamp"]), Is.InRange(before, before + 5));
        Assert.That(p["nonceStr"], Does.Match("^[0-9A-Za-z]{32}$"));
        Assert.That(Rsa.Verify($"wx\n{p["timeStamp"]}\n{p["nonceStr"]}\nprepay_id=p\n", p["paySign"], TestKeys.SpkiPublicKey), Is.True);
    }

    [Test]
    public void MissingIds_AreRefusedByName()
    {
        Assert.That(Assert.Throws<InvalidArgumentException>(() => PaySign.Jsapi("", "p", TestKeys.Pkcs8PrivateKey))!.ParamName, Is.EqualTo("appId"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => PaySign.App("wx", "", "p", TestKeys.Pkcs8PrivateKey))!.ParamName, Is.EqualTo("partnerId"));
    }
}
