#:package ChainPay@CHAINPAY_VERSION
#:property PublishAot=false
// A file-based app on the ChainPay package. Needs: the .NET 10 SDK and the package (from a feed).
// `#:property PublishAot=false`: file-based apps publish with NativeAOT by default, which ChainPay does not support.
using ChainPay;
using ChainPay.Testing;
using Flurl.Http;

var sandbox = new WeChatPaySandbox();
dynamic wxpay = Builder.Factory(sandbox.CreateOptions());
IFlurlResponse response = await wxpay.v3.fundApp.mchTransfer.transferToQqWalletBills._out_bill_no_.GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
var text = await response.GetStringAsync();
Console.WriteLine($"file-based app: {response.StatusCode} {text}");
return response.StatusCode == 200 && text.Contains("\"out_bill_no\":\"plfk2020042013\"") ? 0 : 1;
