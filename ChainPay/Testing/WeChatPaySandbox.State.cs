using System.Globalization;
using System.Net;
using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing;

// The in-memory state tests drive: transfer bills, payment orders, queued faults and the seeded samples.
public sealed partial class WeChatPaySandbox
{
    /// <summary>
    /// The user confirms a transfer, as the user's WeChat does with the <c>package_info</c> the merchant handed it: a
    /// 2025 merchant bill waiting for the user (<c>WAIT_USER_CONFIRM</c>) moves through <c>TRANSFERING</c> to
    /// <c>SUCCESS</c> and raises <c>MCHTRANSFER.BILL.FINISHED</c> to its <c>notify_url</c>. Given an
    /// <c>out_bill_no</c> instead (a test hook), every bill with it, of any kind, becomes <c>SUCCESS</c>.
    /// </summary>
    /// <param name="outBillNo">The bill's <c>package_info</c>, or the merchant's bill number (the name is the hook's first one).</param>
    /// <returns>Whether a bill was found (and, for a <c>package_info</c>, was still waiting for the user).</returns>
    /// <example>
    /// <code>
    /// var created = await instance.Chain("v3/fund-app/mch-transfer/transfer-bills").PostAsync(new { json = bill });
    /// sandbox.ConfirmTransfer((string)JObject.Parse(await created.GetStringAsync())["package_info"]!);
    /// </code>
    /// </example>
    public bool ConfirmTransfer(string outBillNo) =>
        !string.IsNullOrEmpty(outBillNo) && (bills.UserActs(outBillNo, null, "TRANSFERING", "SUCCESS") ?? bills.SetState(outBillNo, "SUCCESS"));

    /// <summary>
    /// The user declines a transfer, or does not confirm it in time: a bill waiting for the user becomes
    /// <c>CANCELLED</c> (with <paramref name="failReason"/> when given) and raises <c>MCHTRANSFER.BILL.FINISHED</c>.
    /// </summary>
    /// <param name="packageInfoOrOutBillNo">The bill's <c>package_info</c>, or the merchant's bill number (every bill with it).</param>
    /// <param name="failReason">The <c>fail_reason</c> the bill then carries; none by default.</param>
    /// <returns>Whether a bill waiting for the user was found.</returns>
    /// <exception cref="InvalidArgumentException">No bill reference.</exception>
    public bool DeclineTransfer(string packageInfoOrOutBillNo, string? failReason = null) => Finish(packageInfoOrOutBillNo, failReason, "CANCELLED");

    /// <summary>
    /// The transfer fails after the user confirmed (e.g. <c>PAYEE_ACCOUNT_ABNORMAL</c>, seed 002's sample): a bill
    /// waiting for the user moves through <c>TRANSFERING</c> to <c>FAIL</c> with <paramref name="failReason"/> and raises
    /// <c>MCHTRANSFER.BILL.FINISHED</c>.
    /// </summary>
    /// <param name="packageInfoOrOutBillNo">The bill's <c>package_info</c>, or the merchant's bill number (every bill with it).</param>
    /// <param name="failReason">The <c>fail_reason</c>, e.g. <c>PAYEE_ACCOUNT_ABNORMAL</c>.</param>
    /// <returns>Whether a bill waiting for the user was found.</returns>
    /// <exception cref="InvalidArgumentException">No bill reference, or no fail reason.</exception>
    public bool FailTransfer(string packageInfoOrOutBillNo, string failReason) =>
        Finish(packageInfoOrOutBillNo, Required(failReason, nameof(failReason)), "TRANSFERING", "FAIL");

    private static string Required(string value, string name) =>
        string.IsNullOrEmpty(value) ? throw new InvalidArgumentException($"The `{name}` is required.", name) : value;

    private bool Finish(string packageInfoOrOutBillNo, string? failReason, params string[] states)
    {
        Required(packageInfoOrOutBillNo, nameof(packageInfoOrOutBillNo));
        return bills.UserActs(packageInfoOrOutBillNo, failReason, states)
            ?? bills.PackagesOf(packageInfoOrOutBillNo).Select(p => bills.UserActs(p, failReason, states) == true).ToList().Contains(true);
    }

    /// <summary>The payer pays every unpaid order with <paramref name="outTradeNo"/>: its state becomes <c>SUCCESS</c>.</summary>
    /// <param name="outTradeNo">The merchant's order number.</param>
    /// <returns>Whether an unpaid order was found.</returns>
    /// <remarks>Each order paid raises <c>TRANSACTION.SUCCESS</c> to the <c>notify_url</c> of its prepay.</remarks>
    public bool PayOrder(string outTradeNo) => orders.Pay(outTradeNo);

    /// <summary>
    /// The WeChat client pays with the parameters <see cref="Payments.PaySign.Jsapi"/>, <see cref="Payments.PaySign.MiniProgram"/>
    /// or <see cref="Payments.PaySign.App"/> made, checked as the client checks them: the <c>prepay_id</c> is one this
    /// sandbox issued for a JSAPI (or App) order of that app id (and, for App, <c>partnerid</c>), <c>signType</c> is
    /// <c>RSA</c>, the timestamp is within 300 s of the sandbox's clock, and the signature verifies with the public key of
    /// the merchant who placed the order (the service provider for partner orders) over the documented message.
    /// The order becomes <c>SUCCESS</c> with <c>transaction_id</c>, <c>success_time</c> and <c>payer</c>, and
    /// <c>TRANSACTION.SUCCESS</c> is raised to its <c>notify_url</c>.
    /// </summary>
    /// <param name="payParameters">The dictionary from <c>PaySign</c>, as the page or app hands it to the client.</param>
    /// <param name="appId">The mini-program's app id, which <see cref="Payments.PaySign.MiniProgram"/>'s parameters do not carry; otherwise ignored.</param>
    /// <returns>The paid order, as the query API answers it.</returns>
    /// <example>
    /// <code>
    /// var prepay = await instance.Chain("v3/pay/transactions/jsapi").PostAsync(new { json = order });
    /// var parameters = PaySign.Jsapi(appId, (string)(await prepay.GetJsonAsync&lt;JObject&gt;())["prepay_id"]!, merchantKey);
    /// var paid = sandbox.PayWithClient(parameters); // paid["trade_state"] is SUCCESS
    /// </code>
    /// </example>
    /// <exception cref="InvalidArgumentException">A parameter is missing or wrong (unknown <c>prepay_id</c>, another app id,
    /// a stale timestamp, a signature that does not verify), or the order is no longer unpaid; the message names it.</exception>
    public JObject PayWithClient(IReadOnlyDictionary<string, string> payParameters, string? appId = null) =>
        new ClientPayment(orders, authenticator.PublicKeyOf)
            .Pay(payParameters ?? throw new InvalidArgumentException("The pay parameters are required.", nameof(payParameters)), appId, clock().ToUnixTimeSeconds());

    /// <summary>Every <c>PROCESSING</c> refund with <paramref name="outRefundNo"/> succeeds now (otherwise it does at its first query), raising <c>REFUND.SUCCESS</c>.</summary>
    /// <param name="outRefundNo">The merchant's refund number.</param>
    /// <returns>Whether a processing refund was found.</returns>
    public bool CompleteRefund(string outRefundNo) => orders.Refunds.Complete(outRefundNo);

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
        orders.Create(PaymentOrders.DirectKey(mchid, SampleOutTradeNo), new JObject
        {
            ["appid"] = "wxd678efh567hg6787", ["mchid"] = mchid, ["out_trade_no"] = SampleOutTradeNo, ["description"] = "Image形象店-深圳腾大-QQ公仔",
            ["amount"] = new JObject { ["total"] = 1, ["currency"] = "CNY" },
        });
        orders.Create(PaymentOrders.PartnerKey(mchid, "1230000109", SampleOutTradeNo), new JObject
        {
            ["sp_appid"] = "wxd678efh567hg6787", ["sp_mchid"] = mchid, ["sub_appid"] = "wxd678efh567hg6787", ["sub_mchid"] = "1230000109",
            ["out_trade_no"] = SampleOutTradeNo, ["description"] = "Image形象店-深圳腾大-QQ公仔", ["amount"] = new JObject { ["total"] = 1, ["currency"] = "CNY" },
        });
    }
}
