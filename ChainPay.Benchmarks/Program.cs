using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Benchmarks;

/// <summary>
/// Runs the benchmarks BenchmarkDotNet's way: <c>dotnet run -c Release --project ChainPay.Benchmarks -- --filter '*'</c>.
/// The default job is short (one launch, 3 warmups, 8 iterations) because the benchmarks run on a shared 2-core
/// machine; any BenchmarkDotNet option (<c>--job</c>, <c>--iterationCount</c>, …) overrides it.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--allocations")
        {
            AllocationProbe.Run();
            return 0;
        }

        if (args.Length >= 1 && args[0] == "--coldstart")
        {
            ColdStartProbe.Run(args);
            return 0;
        }

        CpuMeter.Reset();

        var job = Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithId("Short8");
        var config = DefaultConfig.Instance.AddJob(job.AsDefault());
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
