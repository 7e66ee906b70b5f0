using ChainPay.Cli;

namespace ChainPay.Tests.Cli;

/// <summary>Runs <c>chainpay</c> in process with captured output, an environment of the test's own and a clock.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(
        IReadOnlyDictionary<string, string>? environment, Func<DateTimeOffset>? clock, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);
        if (clock is not null)
        {
            context.Clock = clock;
        }

        var code = await ChainPayCli.RunAsync(args, context, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(null, null, CancellationToken.None, args);
}
