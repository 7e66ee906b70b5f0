using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>The sandbox's API table: method + path pattern ⇒ handler returning the JSON answer (or <c>null</c> for 204).</summary>
internal sealed class SandboxRoutes
{
    private const string QqWallet = "qq-wallet";
    private const string Merchant = "merchant";
    private const string Partner = "partner";

    private readonly List<(string Method, Regex Pattern, Func<SandboxRequest, Match, JObject?> Handle)> routes = new();
    private readonly TransferBills bills;
    private readonly Func<JObject> certificates;

    public SandboxRoutes(TransferBills bills, PaymentOrders orders, Func<JObject> certificates)
    {
        this.bills = bills;
        this.certificates = certificates;

        Add("GET", "/v3/certificates", (_, _) => this.certificates());

        // Media upload (signed over the meta JSON): the media id is derived from the file's sha256.
        Add("POST", "/v3/merchant/media/upload", (r, _) => new JObject { ["media_id"] = "V1_" + r.Field("sha256").Substring(0, 32).ToUpperInvariant() + "." + Path.GetExtension(r.Field("filename")).TrimStart('.') });

        // QQ wallet transfer bills (seed 000).
        Add("POST", "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills", (r, _) => bills.Create(QqWallet, r.Mchid, null, BillFields(r, "out_bill_no", "transfer_amount", "transfer_remark")));
        Add("GET", "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/(?<no>[^/]+)", (r, m) => bills.Get(QqWallet, r.Mchid, null, No(m)));
        Add("POST", "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/(?<no>[^/]+)/cancel", (r, m) => bills.Cancel(QqWallet, r.Mchid, null, No(m)));

        // Merchant transfer bills.
        Add("POST", "/v3/fund-app/mch-transfer/transfer-bills", (r, _) => bills.Create(Merchant, r.Mchid, null, BillFields(r, "appid", "out_bill_no", "transfer_scene_id", "openid", "transfer_amount", "transfer_remark")));
        Add("GET", "/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/(?<no>[^/]+)", (r, m) => bills.Get(Merchant, r.Mchid, null, No(m)));
        Add("POST", "/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/(?<no>[^/]+)/cancel", (r, m) => bills.Cancel(Merchant, r.Mchid, null, No(m)));

        // Partner (service provider) transfer bills (seed 002).
        Add("POST", "/v3/fund-app/mch-transfer/partner/transfer-bills", (r, _) => bills.Create(Partner, r.Mchid, r.Field("sub_mchid"), BillFields(r, "appid", "out_bill_no", "openid", "transfer_amount", "transfer_remark")));
        Add("GET", "/v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/(?<no>[^/]+)", (r, m) => bills.Get(Partner, r.Mchid, r.QueryField("sub_mchid"), No(m)));
        Add("POST", "/v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/(?<no>[^/]+)/cancel", (r, m) => bills.Cancel(Partner, r.Mchid, r.Field("sub_mchid"), No(m)));

        PaymentRoutes.Register(orders, Add);
    }

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

    private static JObject BillFields(SandboxRequest r, params string[] required)
    {
        var fields = (JObject)r.Json!.DeepClone();
        foreach (var name in required)
        {
            _ = name == "transfer_amount" ? r.Amount(name).ToString(System.Globalization.CultureInfo.InvariantCulture) : r.Field(name);
        }

        fields.Remove("sub_mchid");
        return fields;
    }

    private void Add(string method, string pattern, Func<SandboxRequest, Match, JObject?> handle) =>
        routes.Add((method, new Regex("^" + pattern + "$", RegexOptions.CultureInvariant), handle));
}
