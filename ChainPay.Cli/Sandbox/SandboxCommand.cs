using System.CommandLine;
using System.Net;
using ChainPay.Testing;

namespace ChainPay.Cli.Sandbox;

/// <summary>
/// <c>chainpay sandbox --port N</c>: the ChainPay WeChat Pay sandbox as an HTTP server on 127.0.0.1 that any
/// language's client can call; it prints the merchant id, serial, key files and platform key id, then serves until
/// Ctrl+C.
/// </summary>
internal static class SandboxCommand
{
    /// <summary>The folder the keys are kept in unless <c>--dir</c> says otherwise.</summary>
    public const string DefaultDirectory = ".chainpay-sandbox";

    /// <summary>The last line printed once the server listens.</summary>
    public const string ReadyLine = "Serving; press Ctrl+C to stop.";

    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port", "-p") { Description = "The TCP port on 127.0.0.1; 0 picks a free one.", DefaultValueFactory = _ => 8088 };
        var dir = new Option<string>("--dir") { Description = $"Where the merchant's and the platform's test keys are written (and reused on the next run); default {DefaultDirectory}.", DefaultValueFactory = _ => DefaultDirectory };
        var certificates = new Option<bool>("--certificates") { Description = "Sign with a platform certificate (serial) instead of a public key (PUB_KEY_ID_…); /v3/certificates then serves it." };
        var timeScale = new Option<double>("--notify-time-scale") { Description = "Compresses WeChat Pay's re-send schedule of notifications to notify_url (15s/15s/30s/3m/…/6h): 0.01 turns 15 s into 150 ms; 1 (default) is WeChat Pay's.", DefaultValueFactory = _ => 1 };
        var command = new Command("sandbox", "Serves the ChainPay WeChat Pay sandbox over HTTP on 127.0.0.1 (APIv3 signatures verified and answers signed as WeChat Pay does), delivering its notifications to notify_url and printing each attempt. Exit: 0 stopped, 1 the port is taken, 2 bad usage.")
        {
            port, dir, certificates, timeScale,
        };
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetValue(port), result.GetValue(dir)!, result.GetValue(certificates), result.GetValue(timeScale), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, int port, string directory, bool certificates, double timeScale, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            throw new UsageException($"--port must be 0 to 65535, not {port}.");
        }

        if (!(timeScale > 0 && timeScale <= 1))
        {
            throw new UsageException($"--notify-time-scale must be above 0 and at most 1, not {timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var files = SandboxFiles.OpenOrCreate(directory, context.Clock);
        files.Options.KeyMode = certificates ? SandboxKeyMode.CertificateSerial : SandboxKeyMode.PublicKeyId;
        files.Options.NotifyTimeScale = timeScale;
        var sandbox = new WeChatPaySandbox(files.Options);
        sandbox.Delivered += (_, delivery) => context.Output.WriteLine(DeliveryLine(delivery));
        context.SandboxStarted?.Invoke(sandbox);
        SandboxServer server;
        try
        {
            server = SandboxServer.Start(sandbox, port);
        }
        catch (HttpListenerException e)
        {
            await context.Error.WriteLineAsync($"Cannot listen on 127.0.0.1:{port}: {e.Message}. Pick another --port (0: any free one).").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        using (server)
        {
            var output = context.Output;
            await output.WriteLineAsync($"ChainPay sandbox (WeChat Pay APIv3) at {server.BaseUri}").ConfigureAwait(false);
            await output.WriteLineAsync($"  WECHATPAY_BASE_URI={server.BaseUri}").ConfigureAwait(false);
            await output.WriteLineAsync($"  WECHATPAY_MCHID={sandbox.Merchant.Mchid}").ConfigureAwait(false);
            await output.WriteLineAsync($"  WECHATPAY_SERIAL={sandbox.Merchant.Serial}").ConfigureAwait(false);
            await output.WriteLineAsync($"  WECHATPAY_PRIVATE_KEY={files.PathOf(SandboxFiles.MerchantKey)}").ConfigureAwait(false);
            if (sandbox.PlatformCertificatePem is { } pem)
            {
                var path = files.PathOf($"wechatpay_{sandbox.PlatformKeyId}.pem");
                await File.WriteAllTextAsync(path, pem, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"  WECHATPAY_PLATFORM_CERTIFICATE={path}").ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"  WECHATPAY_PUBLIC_KEY_ID={sandbox.PlatformKeyId}").ConfigureAwait(false);
                await output.WriteLineAsync($"  WECHATPAY_PUBLIC_KEY={files.PathOf(SandboxFiles.PublicKey)}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"  The APIv3 key (test key) is apiv3_key in {files.PathOf(SandboxFiles.Settings)}.").ConfigureAwait(false);
            await output.WriteLineAsync($"  Notifications go to each flow's notify_url, re-sent until answered 2xx{(timeScale < 1 ? $" (schedule × {timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : string.Empty)}; each attempt is printed as `notify …`.").ConfigureAwait(false);
            await output.WriteLineAsync(ReadyLine).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop serving
            }

            await output.WriteLineAsync($"Stopped after {sandbox.RequestCount} request(s).").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
    }

    /// <summary>One delivery attempt as printed: <c>notify TRANSACTION.SUCCESS http://… #1: 500</c>.</summary>
    public static string DeliveryLine(SandboxDelivery delivery) => "notify " + delivery;
}
