#:project ../ChainPay/ChainPay.csproj
#:property PublishAot=false
// ChainPay quickstart: `dotnet run docs/quickstart.cs`
// Needs: the .NET 10 SDK and this repository (#:project builds ChainPay from ../ChainPay; outside it, use
// `#:package ChainPay@<version>` instead). `#:property PublishAot=false`: a file-based app publishes with NativeAOT by
// default, and this one uses `dynamic`, which NativeAOT cannot bind (docs/getting-started.md#trimming-and-nativeaot).
//
// Without credentials it starts the built-in WeChat Pay sandbox on 127.0.0.1 and calls the four seed APIs in
// all six forms (member chain, Chain("…"), indexer; async and sync), printing each verified answer.
// With WECHATPAY_MCHID, WECHATPAY_SERIAL, WECHATPAY_PRIVATE_KEY, WECHATPAY_PUBLIC_KEY_ID and WECHATPAY_PUBLIC_KEY
// set, it talks to the real API and makes read-only calls only; with WECHATPAY_MCHID set but any of the others
// missing, or a key that does not load, it says what is wrong and exits with code 2 before sending anything.
using ChainPay;
using ChainPay.Testing;
using Flurl.Http;

if (Environment.GetEnvironmentVariable("WECHATPAY_MCHID") is { Length: > 0 } mchid)
{
    return await RealAsync(mchid);
}

var sandbox = new WeChatPaySandbox();
using var server = SandboxServer.Start(sandbox);
Console.WriteLine($"No WECHATPAY_* credentials: using the ChainPay sandbox at {server.BaseUri} (merchant {sandbox.Merchant.Mchid}).");

var instance = Builder.Factory(sandbox.CreateOptions(server));
dynamic wxpay = instance;

// Seed 000: cancel a QQ-wallet transfer.
var qq = new { out_bill_no = "plfk2020042013" };
const string qqUri = "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}/cancel";
await ShowAsync("撤销转账到QQ钱包 (seed 000)",
    () => (Task<IFlurlResponse>)wxpay.v3.fundApp.mchTransfer.transferToQqWalletBills._out_bill_no_.cancel.PostAsync(qq),
    () => instance.Chain(qqUri).PostAsync(qq),
    () => instance[qqUri].PostAsync(qq),
    () => (IFlurlResponse)wxpay.v3.fundApp.mchTransfer.transferToQqWalletBills._out_bill_no_.cancel.Post(qq),
    () => instance.Chain(qqUri).Post(qq),
    () => instance[qqUri].Post(qq));

// Seed 002: a service provider cancels a transfer bill of its sub-merchant.
var bill = new { out_bill_no = "plfk2020042013", json = new { sub_mchid = "1900001109" } };
const string billUri = "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel";
await ShowAsync("撤销转账 (seed 002)",
    () => (Task<IFlurlResponse>)wxpay.v3.fundApp.mchTransfer.partner.transferBills.outBillNo._out_bill_no_.cancel.PostAsync(bill),
    () => instance.Chain(billUri).PostAsync(bill),
    () => instance[billUri].PostAsync(bill),
    () => (IFlurlResponse)wxpay.v3.fundApp.mchTransfer.partner.transferBills.outBillNo._out_bill_no_.cancel.Post(bill),
    () => instance.Chain(billUri).Post(bill),
    () => instance[billUri].Post(bill));

// Seed 003: a service provider reverses a payment of its sub-merchant.
var partner = new
{
    out_trade_no = "1217752501201407033233368018",
    json = new { sp_appid = "wxd678efh567hg6787", sp_mchid = "1230000109", sub_appid = "wxd678efh567hg6787", sub_mchid = "1230000109" },
};
const string partnerUri = "v3/pay/partner/transactions/out-trade-no/{out_trade_no}/reverse";
await ShowAsync("撤销 服务商 (seed 003)",
    () => (Task<IFlurlResponse>)wxpay.v3.pay.partner.transactions.outTradeNo._out_trade_no_.reverse.PostAsync(partner),
    () => instance.Chain(partnerUri).PostAsync(partner),
    () => instance[partnerUri].PostAsync(partner),
    () => (IFlurlResponse)wxpay.v3.pay.partner.transactions.outTradeNo._out_trade_no_.reverse.Post(partner),
    () => instance.Chain(partnerUri).Post(partner),
    () => instance[partnerUri].Post(partner));

// Seed 004: a merchant reverses a payment.
var direct = new { out_trade_no = "1217752501201407033233368018", json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" } };
const string directUri = "v3/pay/transactions/out-trade-no/{out_trade_no}/reverse";
await ShowAsync("撤销 直连 (seed 004)",
    () => (Task<IFlurlResponse>)wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse.PostAsync(direct),
    () => instance.Chain(directUri).PostAsync(direct),
    () => instance[directUri].PostAsync(direct),
    () => (IFlurlResponse)wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse.Post(direct),
    () => instance.Chain(directUri).Post(direct),
    () => instance[directUri].Post(direct));

Console.WriteLine("All four seed APIs answered in all six forms; every answer was verified against the platform key.");
return 0;

static async Task ShowAsync(
    string title,
    Func<Task<IFlurlResponse>> asyncChain, Func<Task<IFlurlResponse>> asyncDeclared, Func<Task<IFlurlResponse>> asyncIndexer,
    Func<IFlurlResponse> syncChain, Func<IFlurlResponse> syncDeclared, Func<IFlurlResponse> syncIndexer)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}");
    await PrintAsync("async chain", await asyncChain());
    await PrintAsync("async Chain(\"…\")", await asyncDeclared());
    await PrintAsync("async indexer", await asyncIndexer());
    await PrintAsync("sync chain", syncChain());
    await PrintAsync("sync Chain(\"…\")", syncDeclared());
    await PrintAsync("sync indexer", syncIndexer());
}

static async Task PrintAsync(string form, IFlurlResponse response) =>
    Console.WriteLine($"  {form,-18} HTTP {response.StatusCode}, verified: {await response.GetStringAsync()}");

static async Task<int> RealAsync(string mchid)
{
    // What the real-API mode needs besides WECHATPAY_MCHID; all of it is checked before anything is sent.
    var needed = new (string Name, string What)[]
    {
        ("WECHATPAY_SERIAL", "the serial number of your merchant API certificate (商户API证书序列号), e.g. 5242C10888C8FD8EB068146BBA49DCD32EF6140F"),
        ("WECHATPAY_PRIVATE_KEY", "the path of your merchant API private key, apiclient_key.pem (or its PEM text)"),
        ("WECHATPAY_PUBLIC_KEY_ID", "the id of the WeChat Pay public key (微信支付公钥ID), PUB_KEY_ID_…"),
        ("WECHATPAY_PUBLIC_KEY", "the path of the WeChat Pay public key, pub_key.pem (or its PEM text)"),
    };
    var missing = needed.Where(n => Environment.GetEnvironmentVariable(n.Name) is not { Length: > 0 }).ToList();
    if (missing.Count > 0)
    {
        Console.Error.WriteLine("WECHATPAY_MCHID is set, so the quickstart calls the real API, which also needs:");
        foreach (var (name, what) in missing)
        {
            Console.Error.WriteLine($"  {name}: {what}");
        }

        Console.Error.WriteLine("Set them, or unset WECHATPAY_MCHID to run against the built-in sandbox. Nothing was sent.");
        return 2;
    }

    string Env(string name) => Environment.GetEnvironmentVariable(name)!;

    // A path may be relative to the working directory here; ChainPay itself wants absolute paths (or file://).
    static string Key(string value) => value.Contains("-----BEGIN", StringComparison.Ordinal) || value.Contains("://", StringComparison.Ordinal) ? value : Path.GetFullPath(value);

    BuilderChain instance;
    try
    {
        instance = Builder.Factory(new BuilderOptions
        {
            Mchid = mchid,
            Serial = Env("WECHATPAY_SERIAL"),
            PrivateKey = Key(Env("WECHATPAY_PRIVATE_KEY")),
            Certs = { [Env("WECHATPAY_PUBLIC_KEY_ID")] = Key(Env("WECHATPAY_PUBLIC_KEY")) },
            BaseUri = Environment.GetEnvironmentVariable("WECHATPAY_BASE_URI") ?? BuilderOptions.DefaultBaseUri,
        });
    }
    catch (InvalidArgumentException e)
    {
        // e.ParamName names the option (PrivateKey, Certs[PUB_KEY_ID_…], Serial…); the message never holds key bytes.
        Console.Error.WriteLine($"The configuration from the WECHATPAY_* variables is not usable ({e.ParamName}): {e.Message}");
        Console.Error.WriteLine("Nothing was sent.");
        return 2;
    }

    Console.WriteLine($"Talking to {Environment.GetEnvironmentVariable("WECHATPAY_BASE_URI") ?? BuilderOptions.DefaultBaseUri} as merchant {mchid}; read-only calls only.");

    // A read-only query: an order that does not exist answers a signed, verified 404.
    var outTradeNo = Environment.GetEnvironmentVariable("WECHATPAY_OUT_TRADE_NO") ?? "1217752501201407033233368018";
    try
    {
        var res = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = outTradeNo, query = new { mchid } });
        Console.WriteLine($"order {outTradeNo}: {await res.GetStringAsync()}");
    }
    catch (ApiException e)
    {
        Console.WriteLine($"order {outTradeNo}: HTTP {e.StatusCode} {e.Code} {e.ErrorMessage} (Request-ID {e.RequestId}, signature verified: {e.Verified})");
    }

    return 0;
}
