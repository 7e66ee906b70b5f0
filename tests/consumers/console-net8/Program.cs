// Calls the in-memory sandbox through the member chain and Chain("…"), then checks that the ChainPay.dll it loaded
// carries its PDB with the sources embedded, their paths mapped (/_/) when packed under CI, and that on linux-x64 and
// win-x64 it is the package's ReadyToRun copy (runtimes/<rid>/lib/net8.0, precompiled: eng/ReadyToRun.targets).
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ChainPay;
using ChainPay.Testing;
using Flurl.Http;

const string Expected = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_trade_no\":\"1217752501201407033233368018\"}";
var sandbox = new WeChatPaySandbox();
var instance = Builder.Factory(sandbox.CreateOptions());
dynamic wxpay = instance;
var options = new { out_trade_no = "1217752501201407033233368018", json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" } };
IFlurlResponse viaMembers = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse.PostAsync(options);
var viaChain = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(options);
foreach (var (form, response) in new[] { ("member chain", viaMembers), ("Chain(\"…\")", viaChain) })
{
    var text = await response.GetStringAsync();
    if (response.StatusCode != 200 || text != Expected)
    {
        Console.Error.WriteLine($"net8.0 {form}: {response.StatusCode} {text}");
        return 1;
    }
}

var path = typeof(Builder).Assembly.Location;
using var pe = new PEReader(File.OpenRead(path));
var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win" : "other";
var rid = os + "-" + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
var precompiled = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
var expectPrecompiled = rid is "linux-x64" or "win-x64";
var fromRuntimes = path.Replace('\\', '/').Contains($"/runtimes/{rid}/lib/net8.0/", StringComparison.Ordinal);
if (expectPrecompiled != precompiled || expectPrecompiled != fromRuntimes)
{
    Console.Error.WriteLine($"{path}: on {rid} expected {(expectPrecompiled ? "the ReadyToRun copy" : "the IL assembly")}, loaded precompiled={precompiled} from runtimes/={fromRuntimes}");
    return 1;
}

var embedded = pe.ReadDebugDirectory().Where(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
if (embedded.Count != 1)
{
    Console.Error.WriteLine($"{path}: no embedded PDB");
    return 1;
}

using var pdb = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
var reader = pdb.GetMetadataReader();
var embeddedSource = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
var withSource = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation).Count(c => reader.GetGuid(c.Kind) == embeddedSource);
var builderDoc = documents.FirstOrDefault(d => d.EndsWith("Builder.cs", StringComparison.Ordinal) && !d.Contains("Options", StringComparison.Ordinal));
var mapped = Environment.GetEnvironmentVariable("CHAINPAY_EXPECT_MAPPED_PATHS") != "true" || documents.All(d => d.StartsWith("/_/", StringComparison.Ordinal));
if (builderDoc is null || withSource < documents.Count(d => d.EndsWith(".cs", StringComparison.Ordinal)) || !mapped)
{
    Console.Error.WriteLine($"{path}: {documents.Count} documents, {withSource} embedded sources, Builder.cs at {builderDoc ?? "(none)"}, mapped paths {mapped}");
    return 1;
}

Console.WriteLine($"net8.0 console: member chain and Chain(\"…\") answered 200; {withSource} sources embedded in ChainPay.dll ({builderDoc}); {(precompiled ? "ReadyToRun copy for " + rid : "IL")}");
return 0;
