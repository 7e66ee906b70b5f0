using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Benchmarks;

/// <summary>
/// CPU time per operation, which BenchmarkDotNet does not measure: the benchmark class calls <see cref="Start"/> in an
/// <c>[IterationSetup]</c> and <see cref="Stop"/> in an <c>[IterationCleanup]</c>, which read the whole process's CPU
/// time (user + kernel, every thread: <see cref="Environment.CpuUsage"/>) around each iteration, and
/// <see cref="Save"/> in <c>[GlobalCleanup]</c> writes the median per operation of the measured iterations to a file
/// that <see cref="CpuColumn"/> reads in the host process. The per-iteration setup makes BenchmarkDotNet run one
/// invocation per iteration, so the benchmarks using it do many operations per invocation (<c>OperationsPerInvoke</c>).
/// Unlike the wall time, this does not grow when other processes compete for the cores: it is what one call costs.
/// </summary>
internal static class CpuMeter
{
    private static readonly List<double> PerOp = new();
    private static TimeSpan started;

    /// <summary>The folder the medians are written to, shared by the host and the benchmark processes.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "chainpay-bench-cpu");

    /// <summary>Which benchmark method runs (the method sets it): the iteration hooks cannot tell.</summary>
    public static string Method { get; set; } = string.Empty;

    /// <summary>Clears the results of an earlier run (host process, before any benchmark runs).</summary>
    public static void Reset()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    public static void Start() => started = Environment.CpuUsage.TotalTime;

    public static void Stop(int operations) => PerOp.Add((Environment.CpuUsage.TotalTime - started).TotalMilliseconds * 1000 / operations);

    /// <summary>Writes the median of the last half of the iterations (the measured ones, not the jitting and warm-up ones).</summary>
    public static void Save(string type, string parameters)
    {
        if (PerOp.Count == 0)
        {
            return;
        }

        var measured = PerOp.Skip(PerOp.Count / 2).OrderBy(x => x).ToArray();
        PerOp.Clear();
        Directory.CreateDirectory(Folder);
        File.WriteAllText(PathOf(type, Method, parameters), measured[measured.Length / 2].ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>The CPU microseconds per operation saved for a benchmark, or <c>null</c>.</summary>
    public static double? Read(string type, string method, string parameters)
    {
        var path = PathOf(type, method, parameters);
        return File.Exists(path) ? double.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture) : null;
    }

    private static string PathOf(string type, string method, string parameters) => Path.Combine(Folder, $"{type}.{method}.{parameters}.txt");
}

/// <summary>
/// The CPU columns: <c>CPU/op</c> (µs of process CPU per operation, see <see cref="CpuMeter"/>) and its ratio to
/// another method of the same class with the same parameters (the RSA floor, the hand-written client).
/// </summary>
internal sealed class CpuColumn : IColumn
{
    private readonly string? relativeTo;

    /// <summary>Creates the column; <paramref name="relativeTo"/> names the method it divides by, <c>null</c> for the raw µs.</summary>
    public CpuColumn(string? relativeTo = null)
    {
        this.relativeTo = relativeTo;
        ColumnName = relativeTo is null ? "CPU/op" : "CPU/" + relativeTo;
        Id = "ChainPayCpu" + (relativeTo ?? string.Empty);
    }

    public string Id { get; }

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => relativeTo is null ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => relativeTo is null
        ? "Process CPU time (all threads, user + kernel) per operation, median of the measured iterations"
        : $"CPU/op divided by the CPU/op of {relativeTo} with the same parameters, in the same run";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var type = benchmarkCase.Descriptor.Type.Name;
        var parameters = Key(benchmarkCase);
        var cpu = CpuMeter.Read(type, benchmarkCase.Descriptor.WorkloadMethod.Name, parameters);
        if (cpu is null)
        {
            return "-";
        }

        if (relativeTo is null)
        {
            return cpu.Value.ToString("N1", CultureInfo.InvariantCulture) + " μs";
        }

        var baseline = CpuMeter.Read(type, relativeTo, parameters);
        return baseline is null or 0 ? "-" : (cpu.Value / baseline.Value).ToString("N2", CultureInfo.InvariantCulture);
    }

    /// <summary>The file-name key of a case's parameters, as the benchmark writes it.</summary>
    public static string Key(BenchmarkCase benchmarkCase) =>
        string.Join("_", benchmarkCase.Parameters.Items.Select(p => p.Name + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)));
}
