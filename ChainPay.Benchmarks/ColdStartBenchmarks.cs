using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace Benchmarks;

/// <summary>
/// (f) A fresh process, whole: the ColdStart app (a console like a C# script or CLI tool) started, making 1 or 200
/// verified GETs against a loopback sandbox in another process, and exiting. <see cref="HelloWorld"/> is the same app
/// making no call (the runtime's own start, the baseline). One operation is one process, start to exit. <see cref="Build"/>
/// <c>JIT</c> is the app as built; <c>NativeAOT</c> the same app published with NativeAOT at setup (about a minute and
/// a half, the first time), as an application with <c>ChainPayAllowTrimming=true</c> publishes it.
/// </summary>
public class ColdStartBenchmarks
{
    private SandboxProcess server = null!;
    private string? directory;

    /// <summary><c>JIT</c> or <c>NativeAOT</c>.</summary>
    [Params("JIT", "NativeAOT")]
    public string Build { get; set; } = "JIT";

    [GlobalSetup]
    public void Setup()
    {
        directory = Build == "NativeAOT" ? SandboxProcess.PublishNativeAot() : null;
        server = SandboxProcess.Start();
        Launch(1);
    }

    [GlobalCleanup]
    public void Cleanup() => server.Dispose();

    /// <summary>The app started and stopped without a call.</summary>
    [Benchmark(Baseline = true)]
    public string HelloWorld() => Launch(0);

    /// <summary>A process that makes one verified call.</summary>
    [Benchmark]
    public string OneCall() => Launch(1);

    /// <summary>A process that makes 200 verified calls.</summary>
    [Benchmark]
    public string TwoHundredCalls() => Launch(200);

    /// <summary>Runs the app once and returns what it printed; throws unless it succeeded.</summary>
    internal string Launch(int calls) => Run(server.KeysFile, calls.ToString(System.Globalization.CultureInfo.InvariantCulture), directory: directory);

    /// <summary>Runs <c>ColdStart call FILE ARGS</c> once and returns its output; throws unless it succeeded.</summary>
    internal static string Run(string keysFile, string arguments, IDictionary<string, string>? environment = null, string? directory = null)
    {
        var info = SandboxProcess.App($"call \"{keysFile}\" {arguments}", directory: directory);
        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            info.Environment[pair.Key] = pair.Value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"The app failed ({process.ExitCode}): {error}{output}");
    }
}
