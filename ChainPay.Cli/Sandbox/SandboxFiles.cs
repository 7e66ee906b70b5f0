using System.Security.Cryptography;
using ChainPay.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Cli.Sandbox;

/// <summary>
/// A sandbox's identity on disk, so that <c>chainpay sandbox</c> and <c>chainpay notify</c> (and their next runs)
/// share one merchant, one platform key and one APIv3 key: <c>sandbox.json</c> (merchant id, serial, public key id,
/// APIv3 key), <c>apiclient_key.pem</c> (the merchant's private key), <c>pub_key.pem</c> (the platform public key)
/// and <c>platform_key.pem</c> (the sandbox's own signing key). Test keys only: never a real merchant's.
/// </summary>
internal sealed class SandboxFiles
{
    public const string Settings = "sandbox.json";
    public const string MerchantKey = "apiclient_key.pem";
    public const string PublicKey = "pub_key.pem";
    public const string PlatformKey = "platform_key.pem";

    private SandboxFiles(string directory, SandboxOptions options)
    {
        Directory = directory;
        Options = options;
    }

    /// <summary>The folder, absolute.</summary>
    public string Directory { get; }

    /// <summary>Options that rebuild the same sandbox (keys, merchant id, APIv3 key).</summary>
    public SandboxOptions Options { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>Reads the folder, or makes it with new keys when it holds no <c>sandbox.json</c>.</summary>
    public static SandboxFiles OpenOrCreate(string directory, Func<DateTimeOffset> clock)
    {
        var full = Path.GetFullPath(directory);
        var settings = Path.Combine(full, Settings);
        if (File.Exists(settings))
        {
            var json = JObject.Parse(File.ReadAllText(settings));
            var platform = RSA.Create();
            platform.ImportFromPem(File.ReadAllText(Path.Combine(full, PlatformKey)));
            var merchant = RSA.Create();
            merchant.ImportFromPem(File.ReadAllText(Path.Combine(full, MerchantKey)));
            return new SandboxFiles(full, new SandboxOptions
            {
                Mchid = (string)json["mchid"]!, ApiV3Key = (string)json["apiv3_key"]!, PlatformPrivateKey = platform, MerchantPrivateKey = merchant, Clock = clock,
            });
        }

        System.IO.Directory.CreateDirectory(full);
        var options = new SandboxOptions { ApiV3Key = Formatter.Nonce(32), PlatformPrivateKey = RSA.Create(2048), MerchantPrivateKey = RSA.Create(2048), Clock = clock };
        var sandbox = new WeChatPaySandbox(options);
        Write(Path.Combine(full, PlatformKey), options.PlatformPrivateKey.ExportPkcs8PrivateKeyPem());
        Write(Path.Combine(full, MerchantKey), options.MerchantPrivateKey.ExportPkcs8PrivateKeyPem());
        Write(Path.Combine(full, PublicKey), sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfoPem());
        Write(settings, new JObject
        {
            ["mchid"] = sandbox.Merchant.Mchid, ["serial"] = sandbox.Merchant.Serial, ["public_key_id"] = sandbox.PlatformKeyId, ["apiv3_key"] = sandbox.ApiV3Key,
        }.ToString(Formatting.Indented));
        return new SandboxFiles(full, options);
    }

    /// <summary>Fills what <paramref name="settings"/> leaves unset with the sandbox's merchant, keys and address.</summary>
    public static void Fill(MerchantSettings settings, WeChatPaySandbox sandbox, SandboxServer server)
    {
        settings.Mchid = sandbox.Merchant.Mchid;
        settings.Serial ??= sandbox.Merchant.Serial;
        settings.PrivateKey ??= sandbox.Merchant.PrivateKey.ExportPkcs8PrivateKeyPem();
        if (settings.PlatformCertificate is null)
        {
            settings.PublicKeyId ??= sandbox.PlatformKeyId;
            settings.PublicKey ??= sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfoPem();
        }

        settings.ApiV3Key ??= sandbox.ApiV3Key;
        settings.BaseUri = server.BaseUri.AbsoluteUri;
    }

    // Readable by the current user only where the platform allows it: these are private keys, if test ones.
    private static void Write(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, content);
            return;
        }

        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
