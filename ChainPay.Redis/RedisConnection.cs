using System.Net;
using StackExchange.Redis;

namespace ChainPay.Redis;

/// <summary>
/// One store's way to Redis: each command refused at once while the multiplexer is disconnected, bounded by
/// <see cref="RedisChainPayOptions.CommandTimeout"/>, and every Redis failure turned into a
/// <see cref="SharedStoreUnavailableException"/> that names the endpoint (never the password, a key or a nonce).
/// </summary>
internal sealed class RedisConnection
{
    private readonly IConnectionMultiplexer multiplexer;

    public RedisConnection(IConnectionMultiplexer multiplexer, RedisChainPayOptions options)
    {
        this.multiplexer = multiplexer ?? throw new InvalidArgumentException("The Redis connection (an IConnectionMultiplexer) is required.", nameof(multiplexer));
        Options = RedisChainPayOptionsValidator.Checked(options);
    }

    /// <summary>The checked copy of the options.</summary>
    public RedisChainPayOptions Options { get; }

    /// <summary>Whether the multiplexer has a connection now.</summary>
    public bool IsConnected => multiplexer.IsConnected;

    /// <summary>Runs <paramref name="command"/> on the database, within the command timeout.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Task<T> task;
        try
        {
            EnsureConnected();
            task = command(multiplexer.GetDatabase());
        }
        catch (Exception e) when (IsFailure(e))
        {
            throw Unavailable(e);
        }

        if (!task.IsCompleted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(Options.CommandTimeout, stop.Token);
            if (await Task.WhenAny(task, delay).ConfigureAwait(false) != task)
            {
                _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                throw Unavailable($"no answer within {Options.CommandTimeout.TotalMilliseconds:0} ms", null);
            }

            stop.Cancel();
        }

        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception e) when (IsFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Runs <paramref name="command"/> synchronously (StackExchange.Redis's own sync path, bounded by its SyncTimeout).</summary>
    public T Run<T>(Func<IDatabase, T> command)
    {
        try
        {
            EnsureConnected();
            return command(multiplexer.GetDatabase());
        }
        catch (Exception e) when (IsFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>The configured endpoints, e.g. <c>127.0.0.1:6379</c>, for messages.</summary>
    internal string Endpoints()
    {
        try
        {
            var endpoints = multiplexer.GetEndPoints(configuredOnly: true);
            return endpoints.Length == 0 ? "(no endpoint)" : string.Join(",", endpoints.Select(Describe));
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return "(closed connection)";
        }
    }

    private static string Describe(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => dns.Host + ":" + dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IPEndPoint ip => ip.ToString(),
        _ => endpoint.ToString() ?? "?",
    };

    private static bool IsFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;

    private void EnsureConnected()
    {
        if (!multiplexer.IsConnected)
        {
            throw Unavailable("not connected", null);
        }
    }

    private SharedStoreUnavailableException Unavailable(Exception e) => e switch
    {
        SharedStoreUnavailableException already => already,
        RedisConnectionException connection => Unavailable("connection failure " + connection.FailureType, e),
        TimeoutException => Unavailable("timed out", e),
        ObjectDisposedException => Unavailable("the connection was disposed", e),
        RedisServerException => Unavailable("the server refused the command", e),
        _ => Unavailable(e.GetType().Name, e),
    };

    // The inner exception is StackExchange.Redis's own; its message can name the key, so only the endpoint and the
    // kind of failure are in ours.
    private SharedStoreUnavailableException Unavailable(string reason, Exception? inner) =>
        new($"Redis at {Endpoints()} cannot be reached: {reason}.", inner);
}
