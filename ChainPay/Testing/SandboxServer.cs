using System.Net;
using System.Net.Sockets;
using ChainPay.Testing.Internal;

namespace ChainPay.Testing;

/// <summary>
/// A <see cref="WeChatPaySandbox"/> served over HTTP on 127.0.0.1 at a free port, for tests and tools that need a
/// real socket. While it runs, it also delivers the sandbox's notifications to their <c>notify_url</c> on real time
/// (scaled by <see cref="SandboxOptions.NotifyTimeScale"/>), as <see cref="WeChatPaySandbox.DeliverDueAsync"/> would.
/// Dispose it to stop both.
/// </summary>
/// <example>
/// <code>
/// using var server = SandboxServer.Start(sandbox);
/// var instance = Builder.Factory(sandbox.CreateOptions(server));   // BaseUri = http://127.0.0.1:{port}/
/// </code>
/// </example>
public sealed class SandboxServer : IDisposable
{
    private readonly HttpListener listener;
    private readonly WeChatPaySandbox sandbox;
    private readonly Task loop;

    private SandboxServer(WeChatPaySandbox sandbox, HttpListener listener, Uri baseUri)
    {
        this.sandbox = sandbox;
        this.listener = listener;
        BaseUri = baseUri;
        loop = Task.Run(AcceptLoopAsync);
        Delivery = new DeliveryLoop(sandbox);
    }

    /// <summary>The server's base URI, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The loop delivering the sandbox's notifications while this server runs.</summary>
    internal DeliveryLoop Delivery { get; }

    /// <summary>Starts serving <paramref name="sandbox"/> on a free loopback port.</summary>
    /// <param name="sandbox">The sandbox that answers.</param>
    public static SandboxServer Start(WeChatPaySandbox sandbox) => Start(sandbox, 0);

    /// <summary>Starts serving <paramref name="sandbox"/> on 127.0.0.1 at <paramref name="port"/> (0: a free port).</summary>
    /// <param name="sandbox">The sandbox that answers.</param>
    /// <param name="port">The TCP port, 1 to 65535, or 0 for a free one.</param>
    /// <exception cref="InvalidArgumentException">No sandbox, or the port is out of range.</exception>
    /// <exception cref="HttpListenerException">The port is taken.</exception>
    public static SandboxServer Start(WeChatPaySandbox sandbox, int port)
    {
        if (sandbox is null)
        {
            throw new InvalidArgumentException("A sandbox is required.", nameof(sandbox));
        }

        if (port is < 0 or > 65535)
        {
            throw new InvalidArgumentException($"The port must be 0 (a free one) to 65535, not {port}.", nameof(port));
        }

        if (port > 0)
        {
            return Listen(sandbox, port);
        }

        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var free = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return Listen(sandbox, free);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // the port was taken between the probe and the bind: try another
            }
        }
    }

    private static SandboxServer Listen(WeChatPaySandbox sandbox, int port)
    {
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var listener = new HttpListener();
        listener.Prefixes.Add(baseUri.AbsoluteUri);
        try
        {
            listener.Start();
        }
        catch (HttpListenerException)
        {
            listener.Close();
            throw;
        }

        return new SandboxServer(sandbox, listener, baseUri);
    }

    /// <summary>Stops the server and its delivery of notifications.</summary>
    public void Dispose()
    {
        Delivery.Dispose();
        if (listener.IsListening)
        {
            listener.Stop();
        }

        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the accept loop ends with the listener's disposal
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(BaseUri, context.Request.RawUrl));
            using (var buffer = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
                request.Content = new ByteArrayContent(buffer.ToArray());
            }

            foreach (var name in context.Request.Headers.AllKeys.Where(n => n is not null))
            {
                var value = context.Request.Headers[name];
                if (!request.Headers.TryAddWithoutValidation(name!, value))
                {
                    request.Content.Headers.TryAddWithoutValidation(name!, value);
                }
            }

            using var response = await sandbox.HandleAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers)
            {
                context.Response.Headers[header.Key] = string.Join(", ", header.Value);
            }

            if (response.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            context.Response.Abort(); // the client went away
        }
    }
}
