using System.CommandLine;
using ChainPay.Cli.Sandbox;
using ChainPay.Testing;

namespace ChainPay.Cli.Doctor;

/// <summary><c>chainpay doctor</c>: every check on one line, "✓/⚠/✗ check — verdict — fix"; exit 1 when one failed (a warning passes).</summary>
internal static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var settings = new MerchantSettings.Options();
        var command = new Command("doctor", "Checks a merchant configuration: the private key and its serial, the platform key (PUB_KEY_ID_… or certificates), the APIv3 key length, the clock against WeChat Pay's Date, one signed read-only call. Never prints a secret. Without WECHATPAY_MCHID it checks against a built-in sandbox (the options then override the sandbox's own values). Exit: 0 all passed, 1 a check failed, 2 bad usage.");
        foreach (var option in settings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => RunAsync(context, settings.Read(result, context.Environment), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, MerchantSettings settings, CancellationToken cancellationToken)
    {
        WeChatPaySandbox? sandbox = null;
        SandboxServer? server = null;
        try
        {
            if (settings.IsSandbox)
            {
                sandbox = new WeChatPaySandbox(new SandboxOptions { Clock = () => DateTimeOffset.UtcNow });
                server = SandboxServer.Start(sandbox);
                SandboxFiles.Fill(settings, sandbox, server);
                await context.Output.WriteLineAsync($"No WECHATPAY_MCHID: checking against the ChainPay sandbox at {server.BaseUri} (merchant {settings.Mchid}).").ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteLineAsync($"Checking merchant {settings.Mchid} against {settings.BaseUri ?? BuilderOptions.DefaultBaseUri} (read-only).").ConfigureAwait(false);
            }

            var checks = await new Doctor(settings, context.Clock, context.Progress).RunAsync(cancellationToken).ConfigureAwait(false);
            foreach (var check in checks)
            {
                await context.Output.WriteLineAsync(check.ToString()).ConfigureAwait(false);
            }

            var failed = checks.Count(c => !c.Passed);
            var warned = checks.Count(c => c.Warning);
            var warnings = warned == 0 ? string.Empty : $" ({warned} with a warning)";
            await context.Output.WriteLineAsync(failed == 0 ? $"All {checks.Count} checks passed{warnings}." : $"{failed} of {checks.Count} checks failed{warnings}.").ConfigureAwait(false);
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        finally
        {
            server?.Dispose();
        }
    }
}
