using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ChainPay.Cli.Notify;

/// <summary>The plaintext resource WeChat Pay sends with each event type, with sample values (docs' shapes).</summary>
internal static class NotifyResources
{
    public const string Transaction = "TRANSACTION.SUCCESS";
    public const string Refund = "REFUND.SUCCESS";
    public const string TransferFinished = "MCHTRANSFER.BILL.FINISHED";

    public static readonly string[] Known = { Transaction, Refund, TransferFinished };

    /// <summary>The sample resource of <paramref name="eventType"/>, or <c>null</c> for an event type this tool does not know.</summary>
    public static JObject? For(string eventType, string mchid, string number, DateTimeOffset now)
    {
        var time = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture);
        return eventType switch
        {
            Transaction => new JObject
            {
                ["appid"] = "wxd678efh567hg6787", ["mchid"] = mchid, ["out_trade_no"] = number, ["transaction_id"] = "4200000985202306" + Digits(number, 12),
                ["trade_type"] = "JSAPI", ["trade_state"] = "SUCCESS", ["trade_state_desc"] = "支付成功", ["bank_type"] = "OTHERS", ["attach"] = "",
                ["success_time"] = time, ["payer"] = new JObject { ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
                ["amount"] = new JObject { ["total"] = 1, ["payer_total"] = 1, ["currency"] = "CNY", ["payer_currency"] = "CNY" },
            },
            Refund => new JObject
            {
                ["mchid"] = mchid, ["out_trade_no"] = "1217752501201407033233368018", ["transaction_id"] = "4200000985202306" + Digits(number, 12),
                ["out_refund_no"] = number, ["refund_id"] = "50000000382019052709732678859", ["refund_status"] = "SUCCESS", ["success_time"] = time,
                ["user_received_account"] = "支付用户零钱", ["amount"] = new JObject { ["total"] = 1, ["refund"] = 1, ["payer_total"] = 1, ["payer_refund"] = 1 },
            },
            TransferFinished => new JObject
            {
                ["out_bill_no"] = number, ["transfer_bill_no"] = "1330000071100999991182020050700019480001", ["state"] = "SUCCESS", ["mch_id"] = mchid,
                ["transfer_amount"] = 100, ["openid"] = "o-MYE42l80oelYMDE34nYD456Xoy", ["create_time"] = time, ["update_time"] = time,
            },
            _ => null,
        };
    }

    private static string Digits(string text, int length) =>
        ((uint)StringComparer.Ordinal.GetHashCode(text)).ToString(CultureInfo.InvariantCulture).PadLeft(length, '0')[..length];
}
