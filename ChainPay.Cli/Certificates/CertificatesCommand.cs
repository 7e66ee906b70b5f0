using System.CommandLine;
using System.Text.RegularExpressions;
using ChainPay.Certificates;
using ChainPay.Testing;
using Flurl.Http;

namespace ChainPay.Cli.Certificates;

/// <summary>
/// <c>chainpay certificates download</c>: docs/certificate-downloader.cs as a subcommand. It trusts no platform key
/// yet, lets a <see cref="CertificateManager"/> download <c>/v3/certificates</c> (verified with the certificate it
/// carries, trusted because it decrypts with the APIv3 key) and writes <c>wechatpay_{serial}.pem</c> files.
/// </summary>
internal static class CertificatesCommand
{
    public static Command Create(CliContext context)
    {
        var settings = new MerchantSettings.Options();
        var output = new Option<string>("--output", "-o") { Description = "The folder the certificates are written to; default the current one.", DefaultValueFactory = _ => "." };
        var download = new Command("download", "Downloads the platform certificates (/v3/certificates), checks and decrypts them with the APIv3 key, and writes wechatpay_<serial>.pem. Without WECHATPAY_MCHID: from a built-in sandbox in certificate mode. Exit: 0 written, 1 nothing to download or a call failed, 2 bad usage.")
        {
            output,
        };
        foreach (var option in settings.All)
        {
            download.Options.Add(option);
        }

        download.SetAction((result, cancellationToken) => DownloadAsync(context, settings.Read(result, context.Environment), result.GetValue(output)!, cancellationToken));
        return new Command("certificates", "WeChat Pay platform certificates (平台证书).") { download };
    }

    public static async Task<int> DownloadAsync(CliContext context, MerchantSettings settings, string outputDir, CancellationToken cancellationToken)
    {
        SandboxServer? server = null;
        try
        {
            string apiV3Key;
            BuilderOptions options;
            if (settings.IsSandbox)
            {
                var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = settings.ApiV3Key });
                server = SandboxServer.Start(sandbox);
                options = sandbox.CreateOptions(server);
                apiV3Key = sandbox.ApiV3Key;
                await context.Output.WriteLineAsync($"No WECHATPAY_MCHID: downloading from a ChainPay sandbox in certificate mode at {server.BaseUri}.").ConfigureAwait(false);
            }
            else
            {
                var missing = new[] { ("WECHATPAY_SERIAL", settings.Serial), ("WECHATPAY_PRIVATE_KEY", settings.PrivateKey), ("WECHATPAY_APIV3_KEY", settings.ApiV3Key) }
                    .Where(p => p.Item2 is null).Select(p => MerchantSettings.Source(p.Item1)).ToList();
                if (missing.Count > 0)
                {
                    throw new UsageException("Downloading for merchant " + settings.Mchid + " also needs " + string.Join(", ", missing) + ".");
                }

                apiV3Key = settings.ApiV3Key!;
                options = new BuilderOptions
                {
                    Mchid = settings.Mchid, Serial = settings.Serial, PrivateKey = MerchantSettings.Key(settings.PrivateKey!),
                    BaseUri = settings.BaseUri ?? BuilderOptions.DefaultBaseUri, Clock = context.Clock,
                };
            }

            options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null }; // no platform key trusted yet
            context.Progress("downloading /v3/certificates");
            using var manager = new CertificateManager(Builder.Factory(options), apiV3Key);
            var certificates = await manager.RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (manager.PublicKeyMode)
            {
                await context.Output.WriteLineAsync("This merchant uses a WeChat Pay public key (PUB_KEY_ID_…) instead of platform certificates: there is nothing to download. Download the public key from 商户平台 → API安全 → 微信支付公钥.").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            if (certificates.Count == 0)
            {
                await context.Output.WriteLineAsync("There's no certificate in the answer, nothing was saved.").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var directory = Path.GetFullPath(outputDir);
            Directory.CreateDirectory(directory);
            var failed = false;
            foreach (var certificate in certificates)
            {
                if (!Regex.IsMatch(certificate.SerialNo, "^[0-9A-Fa-f]{1,64}$"))
                {
                    failed = true;
                    await context.Output.WriteLineAsync("Skipped a certificate with an unexpected serial number.").ConfigureAwait(false);
                    continue;
                }

                var path = Path.Combine(directory, $"wechatpay_{certificate.SerialNo}.pem");
                var temp = path + "." + Formatter.Nonce(16) + ".tmp";
                await File.WriteAllTextAsync(temp, certificate.Pem, cancellationToken).ConfigureAwait(false);
                File.Move(temp, path, overwrite: true);
                await context.Output.WriteLineAsync($"✓ {certificate.SerialNo}: valid {certificate.EffectiveTime:yyyy-MM-dd} to {certificate.ExpireTime:yyyy-MM-dd}, saved to {path}").ConfigureAwait(false);
            }

            return failed ? ExitCodes.Failed : ExitCodes.Ok;
        }
        catch (Exception e) when (e is InvalidArgumentException or WeChatPayException or FlurlHttpException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"{e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            server?.Dispose();
        }
    }
}
