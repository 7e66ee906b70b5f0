using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Benchmarks;

/// <summary>The redis-server <see cref="RedisBenchmarks"/> runs against: a child process on a free loopback port, no persistence.</summary>
internal sealed class RedisBenchmarkServer : IDisposable
{
    private readonly Process process;

    private RedisBenchmarkServer(Process process, int port)
    {
        this.process = process;
        Configuration = "127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration { get; }

    public static RedisBenchmarkServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("RedisBenchmarks needs redis-server: apt-get install -y redis-server (eng/install-services.sh).", e);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisBenchmarkServer(process, port);
        var waited = Stopwatch.StartNew();
        while (!Pings(port))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                server.Dispose();
                throw new InvalidOperationException($"redis-server on port {port} did not answer PING.");
            }

            Thread.Sleep(20);
        }

        return server;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    private static bool Pings(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[5];
            return stream.Read(buffer, 0, 5) == 5 && buffer[0] == (byte)'+';
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }
}
