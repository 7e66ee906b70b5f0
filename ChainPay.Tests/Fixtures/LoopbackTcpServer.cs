using System.Net;
using System.Net.Sockets;

namespace ChainPay.Tests.Fixtures;

/// <summary>A TCP server on 127.0.0.1 at a free port: accepts until disposed and serves each connection on its own task.</summary>
internal abstract class LoopbackTcpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private Task loop = Task.CompletedTask;

    protected LoopbackTcpServer()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Cancelled when the server is disposed.</summary>
    protected CancellationToken Stopping => stop.Token;

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    /// <summary>Starts accepting; derived constructors call it last, once their own state is set.</summary>
    protected void Start() => loop = Task.Run(AcceptAsync);

    /// <summary>Serves one connection (it is disposed afterwards).</summary>
    protected abstract Task ServeAsync(TcpClient client);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    await ServeAsync(client);
                }
            });
        }
    }
}
