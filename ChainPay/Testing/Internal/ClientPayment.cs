using System.Globalization;
using System.Security.Cryptography;
using ChainPay.Crypto;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// The WeChat client paying with the parameters <c>PaySign.Jsapi</c>, <c>PaySign.MiniProgram</c> or <c>PaySign.App</c>
/// made: it checks them as the client does before it shows the payment sheet, then the order is paid.
/// </summary>
internal sealed class ClientPayment
{
    /// <summary>How far the parameters' timestamp may be from the sandbox's clock, in seconds (as for APIv3 requests).</summary>
    public const long MaxSkewSeconds = 300;

    private readonly PaymentOrders orders;
    private readonly Func<string, RSA?> publicKeyOf;

    public ClientPayment(PaymentOrders orders, Func<string, RSA?> publicKeyOf)
    {
        this.orders = orders;
        this.publicKeyOf = publicKeyOf;
    }

    /// <summary>Checks <paramref name="parameters"/> and pays the order; returns it as the query API answers it.</summary>
    /// <param name="parameters">JSAPI/mini-program (<c>paySign</c>) or App (<c>sign</c>) parameters.</param>
    /// <param name="appId">The app id of a mini-program, whose parameters do not carry it.</param>
    /// <param name="now">The sandbox's time, Unix seconds.</param>
    public JObject Pay(IReadOnlyDictionary<string, string> parameters, string? appId, long now)
    {
        var app = !parameters.ContainsKey("paySign") && parameters.ContainsKey("sign");
        string prepayId, timestamp, nonce, signature, partnerId = string.Empty;
        if (app)
        {
            appId = Get(parameters, "appid");
            partnerId = Get(parameters, "partnerid");
            prepayId = Get(parameters, "prepayid");
            Expect(parameters, "package", "Sign=WXPay");
            (timestamp, nonce, signature) = (Get(parameters, "timestamp"), Get(parameters, "noncestr"), Get(parameters, "sign"));
        }
        else
        {
            appId = parameters.TryGetValue("appId", out var given) && given.Length > 0 ? given
                : appId is { Length: > 0 } ? appId
                : throw new InvalidArgumentException("The pay parameters carry no `appId`: give the mini-program's app id as `appId`.", "appId");
            var package = Get(parameters, "package");
            prepayId = package.StartsWith("prepay_id=", StringComparison.Ordinal) && package.Length > 10 ? package.Substring(10)
                : throw new InvalidArgumentException($"The `package` must be `prepay_id=…`, not `{package}`.", "package");
            Expect(parameters, "signType", "RSA");
            (timestamp, nonce, signature) = (Get(parameters, "timeStamp"), Get(parameters, "nonceStr"), Get(parameters, "paySign"));
        }

        var (key, order) = orders.FindPrepay(prepayId)
            ?? throw new InvalidArgumentException($"Unknown prepay_id `{prepayId}`: this sandbox issued no JSAPI or App order with it.", app ? "prepayid" : "package");
        var tradeType = (string)order["trade_type"]!;
        if (tradeType != (app ? "APP" : "JSAPI"))
        {
            throw new InvalidArgumentException($"The prepay_id `{prepayId}` is of a {tradeType} order; {(app ? "App" : "JSAPI and mini-program")} parameters pay {(app ? "APP" : "JSAPI")} orders only.", app ? "prepayid" : "package");
        }

        var partner = order.ContainsKey("sp_mchid");
        var appIds = partner ? new[] { (string?)order["sp_appid"], (string?)order["sub_appid"] } : new[] { (string?)order["appid"] };
        if (!appIds.Contains(appId))
        {
            throw new InvalidArgumentException($"The app id `{appId}` is not the order's ({string.Join(" or ", appIds.Where(a => a is not null))}).", app ? "appid" : "appId");
        }

        var merchant = (string)order[partner ? "sub_mchid" : "mchid"]!;
        if (app && partnerId != merchant)
        {
            throw new InvalidArgumentException($"The `partnerid` `{partnerId}` is not the order's merchant `{merchant}`.", "partnerid");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts) || Math.Abs(now - ts) > MaxSkewSeconds)
        {
            throw new InvalidArgumentException($"The timestamp `{timestamp}` is not within {MaxSkewSeconds} s of the sandbox's clock ({now}).", app ? "timestamp" : "timeStamp");
        }

        var signer = (string)order[partner ? "sp_mchid" : "mchid"]!;
        var publicKey = publicKeyOf(signer) ?? throw new InvalidArgumentException($"The merchant `{signer}` is not one of this sandbox's.", "payParameters");
        var message = Formatter.JoinedByLineFeed(appId, timestamp, nonce, app ? prepayId : "prepay_id=" + prepayId);
        bool valid;
        try
        {
            valid = Rsa.Verify(message, signature, publicKey);
        }
        catch (FormatException)
        {
            valid = false;
        }

        if (!valid)
        {
            throw new InvalidArgumentException(
                $"The `{(app ? "sign" : "paySign")}` does not verify with the public key of merchant {signer}: it was made with another key, or "
                + $"{(app ? "appid, timestamp, noncestr or prepayid" : "appId, timeStamp, nonceStr or package")} was changed after signing.", app ? "sign" : "paySign");
        }

        return orders.PayKey(key) ?? throw new InvalidArgumentException($"The order `{order["out_trade_no"]}` is {orders.Get(key)["trade_state"]}, not NOTPAY: it cannot be paid.", "payParameters");
    }

    private static string Get(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : throw new InvalidArgumentException($"The pay parameters have no `{name}`.", name);

    private static void Expect(IReadOnlyDictionary<string, string> parameters, string name, string expected)
    {
        var value = Get(parameters, name);
        if (value != expected)
        {
            throw new InvalidArgumentException($"The `{name}` must be `{expected}`, not `{value}`.", name);
        }
    }
}
