namespace ChainPay.Tests.Fixtures;

/// <summary>
/// A caller's <see cref="SynchronizationContext"/> that counts what is posted to it and runs it on the thread pool, so
/// a continuation captured by mistake still completes (and is counted) instead of deadlocking the test.
/// </summary>
internal sealed class CountingContext : SynchronizationContext
{
    private int posted;

    /// <summary>How many callbacks were posted.</summary>
    public int Posted => Volatile.Read(ref posted);

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref posted);
        ThreadPool.QueueUserWorkItem(_ => d(state));
    }
}
