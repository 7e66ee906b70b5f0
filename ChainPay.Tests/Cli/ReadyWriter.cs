namespace ChainPay.Tests.Cli;

/// <summary>A captured console that completes <see cref="Ready"/> when a line starting with a marker is written.</summary>
internal sealed class ReadyWriter : StringWriter
{
    private readonly string marker;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReadyWriter(string marker) => this.marker = marker;

    public Task Ready => ready.Task;

    public override void WriteLine(string? value)
    {
        lock (this)
        {
            base.WriteLine(value);
        }

        if (value is not null && value.StartsWith(marker, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (this)
        {
            return base.ToString();
        }
    }
}
