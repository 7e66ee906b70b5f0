namespace ChainPay.Cli;

/// <summary>What a command writes to and reads from: the console's writers and the environment.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        Output = output;
        Error = error;
        Environment = environment;
    }

    /// <summary>Standard output: verdicts, what was generated.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: progress and problems.</summary>
    public TextWriter Error { get; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>The clock the checks and signatures use (tests skew it).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Called with the sandbox <c>chainpay sandbox</c> serves, before it listens (tests raise its events).</summary>
    public Action<ChainPay.Testing.WeChatPaySandbox>? SandboxStarted { get; set; }

    /// <summary>Writes one progress line to standard error ("… step").</summary>
    public void Progress(string step) => Error.WriteLine("… " + step);
}
