using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>The sandbox's API table: method + path pattern ⇒ handler returning the JSON answer (or <c>null</c> for 204).</summary>
internal sealed class SandboxRoutes
{
    private readonly List<(string Method, Regex Pattern, Func<SandboxRequest, Match, JObject?> Handle)> routes = new();
    private readonly TransferBills bills;
    private readonly PaymentOrders orders;
    private readonly Func<JObject> certificates;

    public SandboxRoutes(TransferBills bills, PaymentOrders orders, Func<JObject> certificates)
    {
        this.bills = bills;
        this.orders = orders;
        this.certificates = certificates;

        Add("GET", "/v3/certificates", (_, _) => this.certificates());

        // Media upload (signed over the meta JSON): the media id is derived from the file's sha256.
        Add("POST", "/v3/merchant/media/upload", (r, _) => new JObject { ["media_id"] = "V1_" + r.Field("sha256").Substring(0, 32).ToUpperInvariant() + "." + Path.GetExtension(r.Field("filename")).TrimStart('.') });

        TransferRoutes.Register(Add, bills);

        // Direct payment orders (seed 004).
        Add("POST", "/v3/pay/transactions/native", CreateDirect);
        Add("GET", "/v3/pay/transactions/out-trade-no/(?<no>[^/]+)", (r, m) =>
        {
            r.RequireOwnMchid(r.QueryField("mchid"), "mchid");
            return orders.Get(DirectKey(r.Mchid, No(m)));
        });
        Add("POST", "/v3/pay/transactions/out-trade-no/(?<no>[^/]+)/close", (r, m) =>
        {
            r.RequireOwnMchid(r.Field("mchid"), "mchid");
            orders.Close(DirectKey(r.Mchid, No(m)));
            return null;
        });
        Add("POST", "/v3/pay/transactions/out-trade-no/(?<no>[^/]+)/reverse", (r, m) =>
        {
            r.RequireOwnMchid(r.Field("mchid"), "mchid");
            var order = orders.Reverse(DirectKey(r.Mchid, No(m)));
            RequireSame(order, "appid", r.Field("appid"));
            return new JObject { ["appid"] = order["appid"], ["mchid"] = order["mchid"], ["out_trade_no"] = order["out_trade_no"] };
        });

        // Partner payment orders (seed 003).
        Add("POST", "/v3/pay/partner/transactions/native", CreatePartner);
        Add("GET", "/v3/pay/partner/transactions/out-trade-no/(?<no>[^/]+)", (r, m) =>
        {
            r.RequireOwnMchid(r.QueryField("sp_mchid"), "sp_mchid");
            return orders.Get(PartnerKey(r.Mchid, r.QueryField("sub_mchid"), No(m)));
        });
        Add("POST", "/v3/pay/partner/transactions/out-trade-no/(?<no>[^/]+)/close", (r, m) =>
        {
            r.RequireOwnMchid(r.Field("sp_mchid"), "sp_mchid");
            orders.Close(PartnerKey(r.Mchid, r.Field("sub_mchid"), No(m)));
            return null;
        });
        Add("POST", "/v3/pay/partner/transactions/out-trade-no/(?<no>[^/]+)/reverse", (r, m) =>
        {
            r.RequireOwnMchid(r.Field("sp_mchid"), "sp_mchid");
            var order = orders.Reverse(PartnerKey(r.Mchid, r.Field("sub_mchid"), No(m)));
            RequireSame(order, "sp_appid", r.Field("sp_appid"));
            return new JObject
            {
                ["sp_appid"] = order["sp_appid"], ["sp_mchid"] = order["sp_mchid"], ["sub_appid"] = order["sub_appid"],
                ["sub_mchid"] = order["sub_mchid"], ["out_trade_no"] = order["out_trade_no"],
            };
        });
    }

    /// <summary>The key of a direct order.</summary>
    public static string DirectKey(string mchid, string outTradeNo) => $"direct|{mchid}|{outTradeNo}";

    /// <summary>The key of a partner order.</summary>
    public static string PartnerKey(string spMchid, string subMchid, string outTradeNo) => $"partner|{spMchid}|{subMchid}|{outTradeNo}";

    /// <summary>Finds the route; a known path with another method, or an unknown path, is <c>NOT_FOUND</c>.</summary>
    public JObject? Dispatch(SandboxRequest request)
    {
        foreach (var (method, pattern, handle) in routes)
        {
            var match = pattern.Match(request.Path);
            if (match.Success && method == request.Method)
            {
                return handle(request, match);
            }
        }

        throw SandboxError.NotFound($"{request.Method} {request.Path} 不是本沙箱支持的接口");
    }

    private static string No(Match match) => Uri.UnescapeDataString(match.Groups["no"].Value);

    private static void RequireSame(JObject order, string field, string value)
    {
        if ((string?)order[field] != value)
        {
            throw SandboxError.Param($"{field}({value})与订单的{field}不一致");
        }
    }

    private JObject CreateDirect(SandboxRequest r, Match _)
    {
        r.RequireOwnMchid(r.Field("mchid"), "mchid");
        var order = new JObject
        {
            ["appid"] = r.Field("appid"), ["mchid"] = r.Mchid, ["out_trade_no"] = r.Field("out_trade_no"),
            ["description"] = r.Field("description"), ["amount"] = new JObject { ["total"] = r.Amount("amount.total"), ["currency"] = r.Optional("amount.currency") ?? "CNY" },
        };
        orders.Create(DirectKey(r.Mchid, (string)order["out_trade_no"]!), order);
        return new JObject { ["code_url"] = "weixin://wxpay/bizpayurl?pr=" + Formatter.Nonce(7) };
    }

    private JObject CreatePartner(SandboxRequest r, Match _)
    {
        r.RequireOwnMchid(r.Field("sp_mchid"), "sp_mchid");
        var order = new JObject
        {
            ["sp_appid"] = r.Field("sp_appid"), ["sp_mchid"] = r.Mchid, ["sub_appid"] = r.Optional("sub_appid"), ["sub_mchid"] = r.Field("sub_mchid"),
            ["out_trade_no"] = r.Field("out_trade_no"), ["description"] = r.Field("description"),
            ["amount"] = new JObject { ["total"] = r.Amount("amount.total"), ["currency"] = r.Optional("amount.currency") ?? "CNY" },
        };
        orders.Create(PartnerKey(r.Mchid, (string)order["sub_mchid"]!, (string)order["out_trade_no"]!), order);
        return new JObject { ["code_url"] = "weixin://wxpay/bizpayurl?pr=" + Formatter.Nonce(7) };
    }

    private void Add(string method, string pattern, Func<SandboxRequest, Match, JObject?> handle) =>
        routes.Add((method, new Regex("^" + pattern + "$", RegexOptions.CultureInvariant), handle));
}
