using System.CommandLine;
using System.CommandLine.Help;
using ChainPay.Cli.Certificates;
using ChainPay.Cli.Doctor;
using ChainPay.Cli.Notify;
using ChainPay.Cli.Sandbox;

namespace ChainPay.Cli;

/// <summary>The <c>chainpay</c> command line: its commands, parsed with System.CommandLine, run in process.</summary>
internal static class ChainPayCli
{
    /// <summary>The tool's command name (its NuGet ToolCommandName), shown in every usage line.</summary>
    public const string ToolName = "chainpay";

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code (<see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="environment">Reads an environment variable (tests give their own).</param>
    /// <param name="cancellationToken">Stops a long-running command (<c>sandbox</c>).</param>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(output, error, environment), cancellationToken);

    /// <summary>Parses <paramref name="args"/> and runs the command in <paramref name="context"/> (its writers, environment and clock).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="context">Where the command writes and what it reads.</param>
    /// <param name="cancellationToken">Stops a long-running command (<c>sandbox</c>).</param>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var (output, error) = (context.Output, context.Error);
        // Not a RootCommand: its name is the executable's (ChainPay.Cli, the assembly, since `chainpay` would clash with
        // ChainPay.dll case-insensitively); the tool is invoked as `chainpay`, so the usage says so.
        var root = new Command(ToolName, "chainpay: WeChat Pay (微信支付) APIv3 tools built on ChainPay. Exit codes: 0 ok, 1 a check or a call failed, 2 bad usage.")
        {
            new HelpOption(),
            new VersionOption(),
            DoctorCommand.Create(context),
            SandboxCommand.Create(context),
            NotifyCommand.Create(context),
            CertificatesCommand.Create(context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run `chainpay --help` (or `chainpay <command> --help`) for the usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}
