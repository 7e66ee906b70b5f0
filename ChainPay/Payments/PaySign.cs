using System.Globalization;
using ChainPay.Crypto;

namespace ChainPay.Payments;

/// <summary>
/// The parameters a client needs to start a payment, signed with the merchant API private key (RSA-SHA256):
/// JSAPI (<c>WeixinJSBridge.invoke('getBrandWCPayRequest', …)</c>), mini-program (<c>wx.requestPayment</c>) and App.
/// Serialise the dictionary to JSON for the client as is.
/// </summary>
/// <example>
/// <code>
/// var res = await wxpay.v3.pay.transactions.jsapi.PostAsync(new { json = order });
/// var prepayId = (string)JObject.Parse(await res.GetStringAsync())["prepay_id"]!;
/// var parameters = PaySign.Jsapi("wx8888888888888888", prepayId, merchantPrivateKey);
/// </code>
/// </example>
public static class PaySign
{
    /// <summary>JSAPI (in-WeChat web page) parameters: <c>appId, timeStamp, nonceStr, package, signType, paySign</c>.</summary>
    /// <param name="appId">The app id the order was placed with.</param>
    /// <param name="prepayId">The <c>prepay_id</c> from the order.</param>
    /// <param name="privateKey">The merchant API private key (any form <see cref="Rsa.From(object, string)"/> takes).</param>
    /// <param name="timestamp">Unix seconds; now by default.</param>
    /// <param name="nonce">The nonce; 32 random base62 characters by default.</param>
    public static IReadOnlyDictionary<string, string> Jsapi(string appId, string prepayId, object privateKey, long? timestamp = null, string? nonce = null)
    {
        var (ts, nonceStr) = Defaults(timestamp, nonce);
        var package = "prepay_id=" + Require(prepayId, nameof(prepayId));
        return new Dictionary<string, string>
        {
            ["appId"] = Require(appId, nameof(appId)),
            ["timeStamp"] = ts,
            ["nonceStr"] = nonceStr,
            ["package"] = package,
            ["signType"] = "RSA",
            ["paySign"] = Rsa.Sign(Formatter.JoinedByLineFeed(appId, ts, nonceStr, package), privateKey),
        };
    }

    /// <summary>Mini-program (<c>wx.requestPayment</c>) parameters: <c>timeStamp, nonceStr, package, signType, paySign</c>, signed with the app id.</summary>
    /// <param name="appId">The mini-program's app id.</param>
    /// <param name="prepayId">The <c>prepay_id</c> from the order.</param>
    /// <param name="privateKey">The merchant API private key.</param>
    /// <param name="timestamp">Unix seconds; now by default.</param>
    /// <param name="nonce">The nonce; random by default.</param>
    public static IReadOnlyDictionary<string, string> MiniProgram(string appId, string prepayId, object privateKey, long? timestamp = null, string? nonce = null) =>
        Jsapi(appId, prepayId, privateKey, timestamp, nonce).Where(p => p.Key != "appId").ToDictionary(p => p.Key, p => p.Value);

    /// <summary>App (OpenSDK <c>PayReq</c>) parameters: <c>appid, partnerid, prepayid, package, noncestr, timestamp, sign</c>.</summary>
    /// <param name="appId">The mobile app's app id.</param>
    /// <param name="partnerId">The merchant id (<c>mchid</c>, or <c>sub_mchid</c> for service providers).</param>
    /// <param name="prepayId">The <c>prepay_id</c> from the order.</param>
    /// <param name="privateKey">The merchant API private key.</param>
    /// <param name="timestamp">Unix seconds; now by default.</param>
    /// <param name="nonce">The nonce; random by default.</param>
    public static IReadOnlyDictionary<string, string> App(string appId, string partnerId, string prepayId, object privateKey, long? timestamp = null, string? nonce = null)
    {
        var (ts, nonceStr) = Defaults(timestamp, nonce);
        return new Dictionary<string, string>
        {
            ["appid"] = Require(appId, nameof(appId)),
            ["partnerid"] = Require(partnerId, nameof(partnerId)),
            ["prepayid"] = Require(prepayId, nameof(prepayId)),
            ["package"] = "Sign=WXPay",
            ["noncestr"] = nonceStr,
            ["timestamp"] = ts,
            ["sign"] = Rsa.Sign(Formatter.JoinedByLineFeed(appId, ts, nonceStr, prepayId), privateKey),
        };
    }

    private static (string Timestamp, string Nonce) Defaults(long? timestamp, string? nonce) =>
        ((timestamp ?? Formatter.Timestamp()).ToString(CultureInfo.InvariantCulture), nonce ?? Formatter.Nonce());

    private static string Require(string value, string name) =>
        string.IsNullOrEmpty(value) ? throw new InvalidArgumentException($"The `{name}` is required.", name) : value;
}
