using System.Globalization;
using System.Net;
using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing;

// The in-memory state tests drive: transfer bills, payment orders, queued faults and the seeded samples.
public sealed partial class WeChatPaySandbox
{
    /// <summary>The user confirms (or the bank completes) every transfer bill with <paramref name="outBillNo"/>: its state becomes <c>SUCCESS</c>.</summary>
    /// <param name="outBillNo">The merchant's bill number.</param>
    /// <returns>Whether a bill was found.</returns>
    public bool ConfirmTransfer(string outBillNo) => bills.SetState(outBillNo, "SUCCESS");

    /// <summary>The payer pays every unpaid order with <paramref name="outTradeNo"/>: its state becomes <c>SUCCESS</c>.</summary>
    /// <param name="outTradeNo">The merchant's order number.</param>
    /// <returns>Whether an unpaid order was found.</returns>
    public bool PayOrder(string outTradeNo) => orders.Pay(outTradeNo);

    /// <summary>The next authenticated request fails with this error (e.g. 500 <c>SYSTEM_ERROR</c>), signed like any answer.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">WeChat's error code.</param>
    /// <param name="message">WeChat's error message.</param>
    public void FailNext(HttpStatusCode status, string code, string message)
    {
        lock (faults)
        {
            faults.Enqueue(new SandboxError(status, code, message));
        }
    }

    private string Now() => Rfc3339(clock());

    private static string Rfc3339(DateTimeOffset time) => time.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture);

    private void SeedSamples(string mchid)
    {
        var bill = new JObject
        {
            ["out_bill_no"] = SampleOutBillNo, ["appid"] = "wxf636efh567hg4356", ["openid"] = "o-MYE42l80oelYMDE34nYD456Xoy",
            ["transfer_amount"] = 400000, ["transfer_remark"] = "2020年4月报销",
        };
        bills.Create("qq-wallet", mchid, null, bill);
        bills.Create("merchant", mchid, null, bill);
        bills.Create("partner", mchid, "1900001109", bill);
        orders.Create(SandboxRoutes.DirectKey(mchid, SampleOutTradeNo), new JObject
        {
            ["appid"] = "wxd678efh567hg6787", ["mchid"] = mchid, ["out_trade_no"] = SampleOutTradeNo, ["description"] = "Image形象店-深圳腾大-QQ公仔",
            ["amount"] = new JObject { ["total"] = 1, ["currency"] = "CNY" },
        });
        orders.Create(SandboxRoutes.PartnerKey(mchid, "1230000109", SampleOutTradeNo), new JObject
        {
            ["sp_appid"] = "wxd678efh567hg6787", ["sp_mchid"] = mchid, ["sub_appid"] = "wxd678efh567hg6787", ["sub_mchid"] = "1230000109",
            ["out_trade_no"] = SampleOutTradeNo, ["description"] = "Image形象店-深圳腾大-QQ公仔", ["amount"] = new JObject { ["total"] = 1, ["currency"] = "CNY" },
        });
    }
}
