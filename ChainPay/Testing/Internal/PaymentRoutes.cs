using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// The payment routes, direct (<c>/v3/pay/transactions/…</c>) and partner (<c>/v3/pay/partner/transactions/…</c>):
/// JSAPI, Native, App and H5 prepay, query by <c>out_trade_no</c> or <c>transaction_id</c>, close, reverse; and,
/// through <see cref="RefundRoutes"/>, refunds.
/// </summary>
internal sealed class PaymentRoutes
{
    private const string Kinds = "(?<kind>jsapi|native|app|h5)";
    private readonly PaymentOrders orders;

    private PaymentRoutes(PaymentOrders orders) => this.orders = orders;

    /// <summary>Adds the payment and refund routes with <paramref name="add"/> (method, path pattern, handler).</summary>
    public static void Register(PaymentOrders orders, Action<string, string, Func<SandboxRequest, Match, JObject?>> add)
    {
        var routes = new PaymentRoutes(orders);

        // Direct payment orders (seed 004).
        add("POST", "/v3/pay/transactions/" + Kinds, routes.CreateDirect);
        add("GET", "/v3/pay/transactions/out-trade-no/(?<no>[^/]+)", (r, m) =>
        {
            r.RequireOwnMchid(r.QueryField("mchid"), "mchid");
            return orders.Get(PaymentOrders.DirectKey(r.Mchid, No(m)));
        });
        add("GET", "/v3/pay/transactions/id/(?<no>[^/]+)", (r, m) =>
        {
            r.RequireOwnMchid(r.QueryField("mchid"), "mchid");
            return orders.Get(orders.KeyOfTransaction(PaymentOrders.DirectScope(r.Mchid), No(m)) ?? throw SandboxError.NotFound("订单不存在"));
        });
        add("POST", "/v3/pay/transactions/out-trade-no/(?<no>[^/]+)/close", (r, m) =>
        {
            r.RequireOwnMchid(r.Field("mchid"), "mchid");
            orders.Close(PaymentOrders.DirectKey(r.Mchid, No(m)));
            return null;
        });
        add("POST", "/v3/pay/transactions/out-trade-no/(?<no>[^/]+)/reverse", (r, m) =>
        {
            r.RequireOwnMchid(r.Field("mchid"), "mchid");
            var order = orders.Reverse(PaymentOrders.DirectKey(r.Mchid, No(m)));
            RequireSame(order, "appid", r.Field("appid"));
            return new JObject { ["appid"] = order["appid"], ["mchid"] = order["mchid"], ["out_trade_no"] = order["out_trade_no"] };
        });

        // Partner payment orders (seed 003).
        add("POST", "/v3/pay/partner/transactions/" + Kinds, routes.CreatePartner);
        add("GET", "/v3/pay/partner/transactions/out-trade-no/(?<no>[^/]+)", (r, m) =>
        {
            r.RequireOwnMchid(r.QueryField("sp_mchid"), "sp_mchid");
            return orders.Get(PaymentOrders.PartnerKey(r.Mchid, r.QueryField("sub_mchid"), No(m)));
        });
        add("GET", "/v3/pay/partner/transactions/id/(?<no>[^/]+)", (r, m) =>
        {
            r.RequireOwnMchid(r.QueryField("sp_mchid"), "sp_mchid");
            return orders.Get(orders.KeyOfTransaction(PaymentOrders.PartnerScope(r.Mchid, r.QueryField("sub_mchid")), No(m)) ?? throw SandboxError.NotFound("订单不存在"));
        });
        add("POST", "/v3/pay/partner/transactions/out-trade-no/(?<no>[^/]+)/close", (r, m) =>
        {
            r.RequireOwnMchid(r.Field("sp_mchid"), "sp_mchid");
            orders.Close(PaymentOrders.PartnerKey(r.Mchid, r.Field("sub_mchid"), No(m)));
            return null;
        });
        add("POST", "/v3/pay/partner/transactions/out-trade-no/(?<no>[^/]+)/reverse", (r, m) =>
        {
            r.RequireOwnMchid(r.Field("sp_mchid"), "sp_mchid");
            var order = orders.Reverse(PaymentOrders.PartnerKey(r.Mchid, r.Field("sub_mchid"), No(m)));
            RequireSame(order, "sp_appid", r.Field("sp_appid"));
            return new JObject
            {
                ["sp_appid"] = order["sp_appid"], ["sp_mchid"] = order["sp_mchid"], ["sub_appid"] = order["sub_appid"],
                ["sub_mchid"] = order["sub_mchid"], ["out_trade_no"] = order["out_trade_no"],
            };
        });

        RefundRoutes.Register(orders, add);
    }

    /// <summary>The path segment <c>no</c> of the match, unescaped.</summary>
    internal static string No(Match match) => Uri.UnescapeDataString(match.Groups["no"].Value);

    /// <summary>A required string at <paramref name="path"/> (e.g. <c>payer.openid</c>) of the body.</summary>
    internal static string Nested(SandboxRequest r, string path) =>
        (string?)r.Json?.SelectToken(path) is { Length: > 0 } value
            ? value
            : throw SandboxError.Param($"输入源“/body/{path.Replace('.', '/')}”映射到值字段“{path.Substring(path.LastIndexOf('.') + 1)}”字符串规则校验失败，字段必填");

    /// <summary>
    /// The <c>notify_url</c>: required (optional for Native, as the sandbox has always accepted it), an absolute
    /// <c>https</c> or <c>http</c> URL (http so that a local endpoint on 127.0.0.1 can receive notifications).
    /// </summary>
    internal static string? NotifyUrl(SandboxRequest r, bool required)
    {
        var value = r.Optional("notify_url");
        if (string.IsNullOrEmpty(value))
        {
            return required ? r.Field("notify_url") : null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http")
            ? value
            : throw SandboxError.Param($"notify_url({value})格式不正确，必须是http或https开头的URL");
    }

    private static void RequireSame(JObject order, string field, string value)
    {
        if ((string?)order[field] != value)
        {
            throw SandboxError.Param($"{field}({value})与订单的{field}不一致");
        }
    }

    private static string TradeType(Match m) => m.Groups["kind"].Value == "h5" ? "MWEB" : m.Groups["kind"].Value.ToUpperInvariant();

    private static JObject Amount(SandboxRequest r) => new() { ["total"] = r.Amount("amount.total"), ["currency"] = r.Optional("amount.currency") ?? "CNY" };

    /// <summary>The fields a kind requires beyond the common ones: the payer for JSAPI, the scene for H5.</summary>
    private static void AddKindFields(SandboxRequest r, string tradeType, JObject order, bool partner)
    {
        if (tradeType == "JSAPI")
        {
            if (!partner)
            {
                order["payer"] = new JObject { ["openid"] = Nested(r, "payer.openid") };
            }
            else if (r.Optional("payer.sub_openid") is { Length: > 0 } subOpenid)
            {
                if ((string?)order["sub_appid"] is not { Length: > 0 })
                {
                    throw SandboxError.Param("payer.sub_openid是sub_appid下的用户标识，sub_appid字段必填");
                }

                order["payer"] = new JObject { ["sub_openid"] = subOpenid };
            }
            else
            {
                order["payer"] = new JObject { ["sp_openid"] = Nested(r, "payer.sp_openid") };
            }
        }
        else if (tradeType == "MWEB")
        {
            order["scene_info"] = new JObject
            {
                ["payer_client_ip"] = Nested(r, "scene_info.payer_client_ip"),
                ["h5_info"] = new JObject { ["type"] = Nested(r, "scene_info.h5_info.type") },
            };
        }

        if (r.Optional("attach") is { } attach)
        {
            order["attach"] = attach;
        }
    }

    private JObject CreateDirect(SandboxRequest r, Match m)
    {
        r.RequireOwnMchid(r.Field("mchid"), "mchid");
        var tradeType = TradeType(m);
        var order = new JObject
        {
            ["appid"] = r.Field("appid"), ["mchid"] = r.Mchid, ["out_trade_no"] = r.Field("out_trade_no"),
            ["description"] = r.Field("description"), ["amount"] = Amount(r),
        };
        var notifyUrl = NotifyUrl(r, tradeType != "NATIVE");
        AddKindFields(r, tradeType, order, partner: false);
        return orders.Prepay(PaymentOrders.DirectKey(r.Mchid, (string)order["out_trade_no"]!), order, tradeType, notifyUrl);
    }

    private JObject CreatePartner(SandboxRequest r, Match m)
    {
        r.RequireOwnMchid(r.Field("sp_mchid"), "sp_mchid");
        var tradeType = TradeType(m);
        var order = new JObject
        {
            ["sp_appid"] = r.Field("sp_appid"), ["sp_mchid"] = r.Mchid, ["sub_appid"] = r.Optional("sub_appid"), ["sub_mchid"] = r.Field("sub_mchid"),
            ["out_trade_no"] = r.Field("out_trade_no"), ["description"] = r.Field("description"), ["amount"] = Amount(r),
        };
        var notifyUrl = NotifyUrl(r, tradeType != "NATIVE");
        AddKindFields(r, tradeType, order, partner: true);
        return orders.Prepay(PaymentOrders.PartnerKey(r.Mchid, (string)order["sub_mchid"]!, (string)order["out_trade_no"]!), order, tradeType, notifyUrl);
    }
}
