using System.Diagnostics;
using System.Globalization;

namespace Benchmarks;

/// <summary>
/// <c>--coldstart [RUNS] [WARM] [APPDIR]</c>: the cold-start figures of <c>docs/performance.md</c>. Starts the sandbox
/// process once, then for each runtime setting an application can choose (environment variables, same as the
/// <c>runtimeconfig.json</c> knobs) runs the ColdStart app RUNS times with 0, 1 and 200 calls and prints the median
/// whole-process wall time (start to exit, measured here) and the app's own CPU figures; then once with 1,000 calls
/// followed by WARM more, to compare the CPU of a fresh process's first 1,000 calls with 1,000 warm ones. APPDIR runs
/// another build of the app (e.g. <c>dotnet publish -p:PublishReadyToRun=true</c>, or <c>-p:ColdStartAot=true</c>: a
/// NativeAOT build, which has no JIT for the settings to change, runs once with none).
/// </summary>
internal static class ColdStartProbe
{
    private static readonly (string Name, Dictionary<string, string> Environment)[] Settings =
    {
        ("default (tiered, TieredPGO on)", new()),
        ("DOTNET_TieredPGO=0", new() { ["DOTNET_TieredPGO"] = "0" }),
        ("DOTNET_TieredCompilation=0", new() { ["DOTNET_TieredCompilation"] = "0" }),
        ("DOTNET_TC_QuickJitForLoops=0", new() { ["DOTNET_TC_QuickJitForLoops"] = "0" }),
        ("DOTNET_ReadyToRun=0 (framework JIT-compiled too)", new() { ["DOTNET_ReadyToRun"] = "0" }),
    };

    public static void Run(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        var warm = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12000;
        var directory = args.Length > 3 ? args[3] : null;
        var native = directory is not null && !File.Exists(Path.Combine(directory, "ColdStart.dll")); // a NativeAOT build is one executable
        using var server = SandboxProcess.Start();
        Console.WriteLine($"app: {directory ?? SandboxProcess.AppDirectory}{(native ? " (NativeAOT)" : string.Empty)}; {runs} runs each, median; load: {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var (name, environment) in native ? new[] { ("NativeAOT (no JIT, no runtime settings)", new Dictionary<string, string>()) } : Settings)
        {
            var hello = Median(runs, () => Time(server, "0", environment, directory).Wall);
            var one = Runs(server, runs, "1", environment, directory);
            var many = Runs(server, runs, "200", environment, directory);
            Console.WriteLine($"{name}: hello {hello:F0} ms; 1 call {one.Wall:F0} ms wall ({one.Output}); 200 calls {many.Wall:F0} ms wall ({many.Output})");
            if (warm > 0)
            {
                var (_, output) = Time(server, $"1000 {warm}", environment, directory);
                Console.WriteLine($"  1,000 calls then {warm} more: {output}");
            }
        }
    }

    private static (double Wall, string Output) Runs(SandboxProcess server, int runs, string arguments, Dictionary<string, string> environment, string? directory)
    {
        var results = Enumerable.Range(0, runs).Select(_ => Time(server, arguments, environment, directory)).OrderBy(r => r.Wall).ToArray();
        return results[results.Length / 2];
    }

    private static double Median(int runs, Func<double> measure)
    {
        var values = Enumerable.Range(0, runs).Select(_ => measure()).OrderBy(x => x).ToArray();
        return values[values.Length / 2];
    }

    private static (double Wall, string Output) Time(SandboxProcess server, string arguments, Dictionary<string, string> environment, string? directory)
    {
        var watch = Stopwatch.StartNew();
        var output = ColdStartBenchmarks.Run(server.KeysFile, arguments, environment, directory);
        return (watch.Elapsed.TotalMilliseconds, output.Trim());
    }
}
