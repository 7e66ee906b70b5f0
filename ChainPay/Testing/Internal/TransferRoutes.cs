using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// The transfer APIs: QQ wallet bills (seed 000), the 2025 merchant transfer (商家转账: create with its checks, query by
/// <c>out_bill_no</c> or <c>transfer_bill_no</c>, cancel) and partner bills (seed 002).
/// </summary>
internal static class TransferRoutes
{
    private const string QqWallet = "qq-wallet";
    private const string Partner = "partner";
    private const string Merchant = TransferBills.MerchantKind;

    /// <summary>At least 0.1 CNY per bill (in fen).</summary>
    internal const long MinimumAmount = 10;

    /// <summary>From 2,000 CNY (in fen) a bill must name the payee (seed 002: "转账金额 >= 2,000元时，该笔明细必须填写").</summary>
    internal const long UserNameAmount = 200000;

    /// <summary>Adds the transfer routes with <paramref name="add"/> (method, path pattern, handler).</summary>
    public static void Register(Action<string, string, Func<SandboxRequest, Match, JObject?>> add, TransferBills bills)
    {
        // QQ wallet transfer bills (seed 000).
        add("POST", "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills", (r, _) => bills.Create(QqWallet, r.Mchid, null, BillFields(r, "out_bill_no", "transfer_amount", "transfer_remark")));
        add("GET", "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/(?<no>[^/]+)", (r, m) => bills.Get(QqWallet, r.Mchid, null, No(m)));
        add("POST", "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/(?<no>[^/]+)/cancel", (r, m) => bills.Cancel(QqWallet, r.Mchid, null, No(m)));

        // The 2025 merchant transfer (商家转账).
        add("POST", "/v3/fund-app/mch-transfer/transfer-bills", (r, _) => CreateMerchant(r, bills));
        add("GET", "/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/(?<no>[^/]+)", (r, m) => bills.Get(Merchant, r.Mchid, null, No(m)));
        add("GET", "/v3/fund-app/mch-transfer/transfer-bills/transfer-bill-no/(?<no>[^/]+)", (r, m) => bills.GetByTransferBillNo(r.Mchid, No(m)));
        add("POST", "/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/(?<no>[^/]+)/cancel", (r, m) => bills.Cancel(Merchant, r.Mchid, null, No(m)));

        // Partner (service provider) transfer bills (seed 002).
        add("POST", "/v3/fund-app/mch-transfer/partner/transfer-bills", (r, _) => bills.Create(Partner, r.Mchid, r.Field("sub_mchid"), BillFields(r, "appid", "out_bill_no", "openid", "transfer_amount", "transfer_remark")));
        add("GET", "/v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/(?<no>[^/]+)", (r, m) => bills.Get(Partner, r.Mchid, r.QueryField("sub_mchid"), No(m)));
        add("POST", "/v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/(?<no>[^/]+)/cancel", (r, m) => bills.Cancel(Partner, r.Mchid, r.Field("sub_mchid"), No(m)));
    }

    private static string No(Match match) => Uri.UnescapeDataString(match.Groups["no"].Value);

    private static JObject BillFields(SandboxRequest r, params string[] required)
    {
        var fields = (JObject)r.Json!.DeepClone();
        foreach (var name in required)
        {
            _ = name == "transfer_amount" ? r.Amount(name).ToString(CultureInfo.InvariantCulture) : r.Field(name);
        }

        fields.Remove("sub_mchid");
        return fields;
    }

    private static JObject CreateMerchant(SandboxRequest r, TransferBills bills)
    {
        var fields = BillFields(r, "appid", "out_bill_no", "transfer_scene_id", "openid", "transfer_amount", "transfer_remark");
        var amount = r.Amount("transfer_amount");
        if (amount < MinimumAmount)
        {
            throw SandboxError.Param($"转账金额transfer_amount（{amount}分）不能低于0.1元（10分）");
        }

        var remark = r.Field("transfer_remark");
        if (remark.Length > 32)
        {
            throw SandboxError.Param($"转账备注transfer_remark最多允许32个字符，本次为{remark.Length}个");
        }

        CheckReportInfos(r.Json!["transfer_scene_report_infos"]);
        var notifyUrl = OptionalText(r, "notify_url");
        if (notifyUrl is not null && !(Uri.TryCreate(notifyUrl, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http")))
        {
            throw SandboxError.Param($"notify_url（{notifyUrl}）必须是http(s)的绝对地址");
        }

        _ = OptionalText(r, "user_recv_perception");
        var content = (JObject)fields.DeepClone();
        var userName = r.Json!["user_name"];
        if (userName is null || userName.Type == JTokenType.Null)
        {
            if (amount >= UserNameAmount)
            {
                throw SandboxError.Param($"转账金额transfer_amount（{amount}分）>= 2,000元时，必须填写收款用户姓名user_name（用微信支付公钥或平台证书加密，并在HTTP头Wechatpay-Serial中传入其ID）");
            }
        }
        else
        {
            var cipher = userName.Type == JTokenType.String ? (string)userName! : throw SandboxError.Param("user_name必须是加密后的BASE64字符串");
            content["user_name"] = bills.Decrypt(r.WechatpaySerial, "user_name", cipher); // the same name encrypts differently each time
        }

        return bills.CreateMerchant(r.Mchid, fields, content, notifyUrl);
    }

    private static string? OptionalText(SandboxRequest r, string name)
    {
        var token = r.Json![name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        return token.Type == JTokenType.String && ((string)token!).Length > 0 ? (string)token! : throw SandboxError.Param($"{name}必须是非空字符串");
    }

    private static void CheckReportInfos(JToken? infos)
    {
        if (infos is null || infos.Type == JTokenType.Null)
        {
            return; // required by WeChat Pay for most scenes; the sandbox does not know the merchant's scenes
        }

        if (infos is not JArray array || array.Count == 0
            || array.Any(i => i is not JObject o || (string?)o["info_type"] is not { Length: > 0 } || (string?)o["info_content"] is not { Length: > 0 }))
        {
            throw SandboxError.Param("transfer_scene_report_infos必须是非空数组，每项含非空的info_type和info_content");
        }
    }
}
