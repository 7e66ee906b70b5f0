#:package ChainPay@CHAINPAY_VERSION
// The same app without `#:property PublishAot=false`: `dotnet publish aot.cs` must fail with CHAINPAY001 (ChainPay
// refuses a NativeAOT publish instead of producing a binary that drops option members).
using ChainPay;
using ChainPay.Testing;

dynamic wxpay = Builder.Factory(new WeChatPaySandbox().CreateOptions());
Console.WriteLine(await wxpay.v3.fundApp.mchTransfer.transferToQqWalletBills._out_bill_no_.GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo }));
