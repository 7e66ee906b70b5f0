using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChainPay.Redis;
using StackExchange.Redis;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// A throwaway <c>redis-server</c> on 127.0.0.1 (a free port, no persistence) run as a child process: started and waited
/// for (PING), stopped and started again on the same port for the outage tests, killed when disposed or when the test
/// process ends. Without redis-server the test is ignored with the install command, or fails under CI (<c>CI=true</c>).
/// </summary>
public sealed class RedisServer : IDisposable
{
    /// <summary>How CI installs it (eng/install-services.sh does the same).</summary>
    public const string InstallCommand = "apt-get update && apt-get install -y redis-server";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string executable;
    private Process? process;

    private RedisServer(string executable, int port)
    {
        this.executable = executable;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the process is running.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts a server on a free port and waits until it answers PING.</summary>
    public static RedisServer Start()
    {
        var executable = Find();
        if (executable is null)
        {
            var message = $"redis-server is not installed: {InstallCommand} (or bash eng/install-services.sh).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var server = new RedisServer(executable!, FreePort());
        server.StartAgain();
        return server;
    }

    /// <summary>Starts the process (again, on the same port) and waits until it answers PING.</summary>
    public void StartAgain()
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" })
        {
            info.ArgumentList.Add(argument);
        }

        var started = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, _) => { };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        var waited = Stopwatch.StartNew();
        while (!Pings())
        {
            if (started.HasExited || waited.Elapsed > StartTimeout)
            {
                Kill();
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s (exit code {(started.HasExited ? started.ExitCode : -1)}).");
            }

            Thread.Sleep(20); // polling for the port, not timing
        }
    }

    /// <summary>Kills the process (as a crash or an outage would) and waits until the port refuses connections.</summary>
    public void Stop()
    {
        Kill();
        var waited = Stopwatch.StartNew();
        while (Pings() && waited.Elapsed < StartTimeout)
        {
            Thread.Sleep(20);
        }
    }

    /// <summary>A connection of its own (one per simulated instance), with ChainPay's fail-fast settings and quick reconnects.</summary>
    public ConnectionMultiplexer Connect(RedisChainPayOptions? options = null)
    {
        var configuration = (options ?? new RedisChainPayOptions()).CreateConfiguration(Configuration);
        configuration.ReconnectRetryPolicy = new LinearRetry(100);
        return ConnectionMultiplexer.Connect(configuration);
    }

    /// <summary>Empties the server (between tests).</summary>
    public async Task FlushAsync()
    {
        var configuration = ConfigurationOptions.Parse(Configuration);
        configuration.AllowAdmin = true;
        using var admin = await ConnectionMultiplexer.ConnectAsync(configuration);
        await admin.GetServer(admin.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    /// <summary>Waits (polling) until <paramref name="connection"/> has reconnected after <see cref="StartAgain"/>.</summary>
    public static async Task WaitConnectedAsync(IConnectionMultiplexer connection)
    {
        var waited = Stopwatch.StartNew();
        while (!connection.IsConnected || !await PingsAsync(connection))
        {
            if (waited.Elapsed > StartTimeout)
            {
                Assert.Fail("StackExchange.Redis did not reconnect within 20 s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits (polling) until <paramref name="connection"/> has noticed that the server is gone.</summary>
    public static async Task WaitDisconnectedAsync(IConnectionMultiplexer connection)
    {
        var waited = Stopwatch.StartNew();
        while (connection.IsConnected && waited.Elapsed < StartTimeout)
        {
            await Task.Delay(20);
        }

        Assert.That(connection.IsConnected, Is.False, "StackExchange.Redis still reports a connection to the stopped server");
    }

    /// <inheritdoc />
    public void Dispose() => Kill();

    private static async Task<bool> PingsAsync(IConnectionMultiplexer connection)
    {
        try
        {
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Concat(new[] { "/usr/bin", "/usr/local/bin", "/usr/sbin" }))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer, 0, buffer.Length);
            return read >= 5 && System.Text.Encoding.ASCII.GetString(buffer, 0, 5) == "+PONG";
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private void Kill()
    {
        var running = process;
        if (running is null)
        {
            return;
        }

        try
        {
            if (!running.HasExited)
            {
                running.Kill(entireProcessTree: true);
                running.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        running.Dispose();
        process = null;
    }
}
