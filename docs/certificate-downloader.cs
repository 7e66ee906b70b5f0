#:project ../ChainPay/ChainPay.csproj
#:property PublishAot=false
// ChainPay certificate downloader: the C# counterpart of wechatpay-php's bin/CertificateDownloader.php.
// Needs: the .NET 10 SDK and this repository (#:project builds ChainPay from ../ChainPay; outside it, use
// `#:package ChainPay@<version>` instead). `#:property PublishAot=false`: a file-based app publishes with NativeAOT by
// default, which ChainPay refuses (CHAINPAY001) unless told ChainPayAllowTrimming=true (docs/getting-started.md#trimming-and-nativeaot).
//
//   dotnet run docs/certificate-downloader.cs -- -k <apiv3Key> -m <mchid> -f <apiclient_key.pem> -s <serialNo> [-o <dir>] [-u <baseUri>]
//   dotnet run docs/certificate-downloader.cs -- --sandbox [-o <dir>]     (offline: a loopback sandbox in certificate mode)
//
// It builds an instance that trusts no platform key yet (Certs = { ["bootstrap"] = null }), lets a CertificateManager
// download /v3/certificates (the answer is verified with the certificate it carries, which is trusted because it
// decrypts with the APIv3 key), prints each certificate's serial and validity, and writes wechatpay_{serial}.pem files.
using System.Text.RegularExpressions;
using ChainPay;
using ChainPay.Certificates;
using ChainPay.Testing;
using Flurl.Http;

var version = typeof(Builder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
var options = Parse(args);
if (options is null || options.ContainsKey("help"))
{
    PrintHelp();
    return options is null ? 1 : 0;
}

if (options.ContainsKey("version"))
{
    Console.WriteLine($"ChainPay {version}");
    return 0;
}

WeChatPaySandbox? sandbox = null;
SandboxServer? server = null;
try
{
    BuilderOptions builderOptions;
    string apiV3Key;
    if (options.ContainsKey("sandbox"))
    {
        apiV3Key = options.GetValueOrDefault("key") ?? Formatter.Nonce(32);
        sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = apiV3Key });
        server = SandboxServer.Start(sandbox);
        builderOptions = sandbox.CreateOptions(server);
        Console.WriteLine($"Sandbox mode: a ChainPay sandbox in certificate mode at {server.BaseUri}, merchant {sandbox.Merchant.Mchid}.");
    }
    else
    {
        apiV3Key = options["key"];
        builderOptions = new BuilderOptions
        {
            Mchid = options["mchid"],
            Serial = options["serialno"],
            PrivateKey = "file://" + Path.GetFullPath(options["privatekey"]),
            BaseUri = options.GetValueOrDefault("baseuri") ?? BuilderOptions.DefaultBaseUri,
        };
    }

    builderOptions.Certs = new Dictionary<string, object?> { ["bootstrap"] = null }; // no platform key trusted yet
    var outputDir = options.GetValueOrDefault("output") ?? PrivateTempDir();
    if (outputDir is null)
    {
        return 1;
    }

    Directory.CreateDirectory(outputDir);
    var instance = Builder.Factory(builderOptions);
    using var manager = new CertificateManager(instance, apiV3Key);
    var certificates = await manager.RefreshAsync();
    if (manager.PublicKeyMode)
    {
        Console.WriteLine("This merchant uses a WeChat Pay public key (PUB_KEY_ID_…) instead of platform certificates: there is nothing to download.");
        Console.WriteLine("Download the public key from the merchant platform (商户平台 → API安全 → 微信支付公钥) and configure it in Certs.");
        return 1;
    }

    if (certificates.Count == 0)
    {
        Console.WriteLine("There's no certificate in the answer, nothing was saved.");
        return 1;
    }

    var failed = false;
    for (var index = 0; index < certificates.Count; index++)
    {
        var certificate = certificates[index];
        if (!Regex.IsMatch(certificate.SerialNo, "^[0-9A-Fa-f]{1,64}$"))
        {
            failed = true;
            Console.WriteLine($"Skipped the certificate #{index}: unexpected serial number.");
            continue;
        }

        var path = Path.Combine(Path.GetFullPath(outputDir), $"wechatpay_{certificate.SerialNo}.pem");
        var saved = Save(path, certificate.Pem);
        failed |= !saved;
        Console.WriteLine($"Certificate #{index} {{");
        Console.WriteLine($"    Serial Number: {certificate.SerialNo}");
        Console.WriteLine($"    Not Before: {certificate.EffectiveTime:yyyy-MM-dd'T'HH:mm:sszzz}");
        Console.WriteLine($"    Not After: {certificate.ExpireTime:yyyy-MM-dd'T'HH:mm:sszzz}");
        Console.WriteLine($"    Saved to: {(saved ? path : "FAILED, see the message above")}");
        Console.WriteLine("    You may confirm the above infos again (ChainPay already checked the serial):");
        Console.WriteLine($"      openssl x509 -in {path} -noout -serial -dates");
        Console.WriteLine("    Content:");
        Console.WriteLine();
        Console.WriteLine(certificate.Pem.TrimEnd());
        Console.WriteLine();
        Console.WriteLine("}");
    }

    return failed ? 1 : 0;
}
catch (Exception e) when (e is InvalidArgumentException or WeChatPayException or FlurlHttpException or InvalidOperationException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{e.GetType().Name}: {e.Message}");
    if (e is ApiException api)
    {
        Console.Error.WriteLine(api.Body);
    }

    return 1;
}
finally
{
    server?.Dispose();
}

// -k/--key, -m/--mchid, -f/--privatekey, -s/--serialno are mandatory (unless --sandbox); -o/--output, -u/--baseuri optional;
// -h/--help and -V/--version win over everything. Values as `-k value`, `-k=value`, `--key value` or `--key=value`.
// Returns null (print the help, exit 1) for no arguments, an unknown option or a missing mandatory one.
static Dictionary<string, string>? Parse(string[] args)
{
    var names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-k"] = "key", ["--key"] = "key", ["-m"] = "mchid", ["--mchid"] = "mchid",
        ["-f"] = "privatekey", ["--privatekey"] = "privatekey", ["-s"] = "serialno", ["--serialno"] = "serialno",
        ["-o"] = "output", ["--output"] = "output", ["-u"] = "baseuri", ["--baseuri"] = "baseuri",
    };
    var flags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-h"] = "help", ["--help"] = "help", ["-V"] = "version", ["--version"] = "version", ["--sandbox"] = "sandbox",
    };
    var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        var arg = args[i];
        var eq = arg.IndexOf('=');
        var name = eq > 0 ? arg[..eq] : arg;
        if (flags.TryGetValue(name, out var flag) && eq < 0)
        {
            parsed[flag] = "true";
        }
        else if (names.TryGetValue(name, out var key))
        {
            var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Length ? args[++i] : null;
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            parsed.TryAdd(key, value); // the first one wins, as PHP's getopt gives it
        }
        else
        {
            Console.Error.WriteLine($"Unknown option `{arg}`.");
            return null;
        }
    }

    if (parsed.ContainsKey("help") || parsed.ContainsKey("version"))
    {
        return parsed;
    }

    var mandatory = parsed.ContainsKey("sandbox") ? Array.Empty<string>() : new[] { "key", "mchid", "privatekey", "serialno" };
    return parsed.Count > 0 && mandatory.All(parsed.ContainsKey) ? parsed : null;
}

// A directory under the system's temporary folder, readable by the current user only; null when it cannot be used.
static string? PrivateTempDir()
{
    var dir = Path.Combine(Path.GetTempPath(), "wechatpay-" + Environment.UserName);
    var info = new DirectoryInfo(dir);
    if (!info.Exists)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
        }
        else
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
    else if (info.LinkTarget is not null || (!OperatingSystem.IsWindows() && (info.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0))
    {
        Console.WriteLine($"Refused to reuse `{dir}`: it shall be a directory, not a link, and not writable by the others; please give the `-o` option.");
        return null;
    }

    Console.WriteLine($"The certificate(s) will be saved into the private directory: {dir}");
    return dir;
}

// Writes a temporary file next to the target, then moves it into place, so a reader never sees half a certificate.
static bool Save(string path, string content)
{
    var temp = path + "." + Formatter.Nonce(16) + ".tmp";
    try
    {
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        File.Move(temp, path, overwrite: true);
        return true;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.WriteLine($"Failed to save `{path}`: {e.Message}");
        File.Delete(temp);
        return false;
    }
}

static void PrintHelp() => Console.WriteLine(
    """
    Usage: 微信支付平台证书下载工具 (ChainPay) [-hV] [--sandbox]
                        -f=<privateKeyFilePath> -k=<apiv3Key> -m=<merchantId>
                        -s=<serialNo> -o=[outputFilePath] -u=[baseUri]
    Options:
      -m, --mchid=<merchantId>   商户号
      -s, --serialno=<serialNo>  商户证书的序列号
      -f, --privatekey=<privateKeyFilePath>
                                 商户的私钥文件
      -k, --key=<apiv3Key>       APIv3密钥
      -o, --output=[outputFilePath]
                                 下载成功后保存证书的路径，可选，默认为临时文件目录下的专属目录，运行时打印其完整路径
      -u, --baseuri=[baseUri]    接入点，可选，默认为 https://api.mch.weixin.qq.com/
          --sandbox              不连网：对本机回环地址上的 ChainPay 沙箱（平台证书模式）下载，-m -s -f 可省略
      -V, --version              Print version information and exit.
      -h, --help                 Show this help message and exit.
    """);
