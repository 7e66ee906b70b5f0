namespace ChainPay.Testing.Internal;

/// <summary>
/// Runs a sandbox's <see cref="WeChatPaySandbox.DeliverDueAsync"/> on real time for a <see cref="SandboxServer"/>:
/// at once when a notification is queued, then when the next attempt is due (checking at least every second);
/// stopped by <see cref="Dispose"/>.
/// </summary>
internal sealed class DeliveryLoop : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(5);

    private readonly WeChatPaySandbox sandbox;
    private readonly CancellationTokenSource stop = new();
    private readonly SemaphoreSlim wake = new(0);

    public DeliveryLoop(WeChatPaySandbox sandbox)
    {
        this.sandbox = sandbox;
        sandbox.DeliveryQueued += Wake;
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Completes when the loop has stopped.</summary>
    public Task Completion { get; }

    public void Dispose()
    {
        sandbox.DeliveryQueued -= Wake;
        stop.Cancel();
        try
        {
            Completion.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // RunAsync ends on the cancellation
        }

        stop.Dispose();
        wake.Dispose();
    }

    private void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // stopping
        }
    }

    private async Task RunAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await sandbox.DeliverDueAsync(stop.Token).ConfigureAwait(false);
                var wait = sandbox.UntilNextDelivery() ?? MaxWait;
                wait = wait < MinWait ? MinWait : wait > MaxWait ? MaxWait : wait;
                await wake.WaitAsync(wait, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
