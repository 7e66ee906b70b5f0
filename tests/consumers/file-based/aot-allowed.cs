#:package ChainPay@CHAINPAY_VERSION
#:property ChainPayAllowTrimming=true
// The NativeAOT recipe of docs/getting-started.md#trimming-and-nativeaot: a file-based app publishes with NativeAOT by
// default; ChainPayAllowTrimming=true lets the publish through and keeps this app's assembly (its option objects)
// whole. `dotnet publish aot-allowed.cs` must produce a binary that makes verified calls with Chain("…") and the
// indexer, reads JSON into its own type, and refuses a member chain through `dynamic` with NotSupportedException.
using System.Diagnostics.CodeAnalysis;
using ChainPay;
using ChainPay.Testing;
using Flurl.Http;

var sandbox = new WeChatPaySandbox();
var instance = Open(sandbox.CreateOptions());
var failures = 0;

var bill = await instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}").GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
var read = await bill.GetJsonAsync<Bill>();
Check("Chain(…).GetAsync + GetJsonAsync<T>", bill.StatusCode == 200 && read.out_bill_no == WeChatPaySandbox.SampleOutBillNo, $"{bill.StatusCode} {read.out_bill_no}");

var reversed = instance["v3/pay/transactions/out-trade-no/{out_trade_no}/reverse"].Post(new
{
    out_trade_no = WeChatPaySandbox.SampleOutTradeNo,
    json = new { appid = "wxd678efh567hg6787", mchid = sandbox.Merchant.Mchid },
});
var text = await reversed.GetStringAsync();
Check("indexer Post with a json body", reversed.StatusCode == 200 && text.Contains("\"appid\":\"wxd678efh567hg6787\""), $"{reversed.StatusCode} {text}");

try
{
    dynamic wxpay = instance;
    await wxpay.v3.fundApp.mchTransfer.transferToQqWalletBills._out_bill_no_.GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
    Check("a member chain through dynamic is refused", false, "it was sent");
}
catch (NotSupportedException e)
{
    Check("a member chain through dynamic is refused", e.Message.Contains("`.v3` through `dynamic`"), e.Message);
}

Console.WriteLine(failures == 0 ? "aot-allowed: all checks passed" : $"aot-allowed: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

void Check(string what, bool ok, string detail)
{
    Console.WriteLine($"aot-allowed: {(ok ? "ok" : "FAILED")}: {what}: {detail}");
    failures += ok ? 0 : 1;
}

// Factory warns (IL2026) that option objects are read by reflection; this app's are kept (ChainPayAllowTrimming=true).
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "ChainPayAllowTrimming=true keeps this assembly, where the option objects are, whole.")]
static BuilderChain Open(BuilderOptions options) => Builder.Factory(options);

internal sealed record Bill(string out_bill_no, string state);
