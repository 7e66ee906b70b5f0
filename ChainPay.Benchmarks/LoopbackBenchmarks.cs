using BenchmarkDotNet.Attributes;
using ChainPay;
using ChainPay.Testing;

namespace Benchmarks;

/// <summary>
/// (d) Throughput against <see cref="SandboxServer"/> on 127.0.0.1: each invocation sends <see cref="Requests"/>
/// GETs of <c>v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}</c> with at most
/// <see cref="Concurrency"/> in flight, sync (<c>Get</c>) or async (<c>GetAsync</c>). The sandbox runs in the same
/// process, so client and server share the machine's cores; each request costs two RSA signatures (the client's
/// request, the sandbox's answer) and two verifications.
/// </summary>
[MemoryDiagnoser]
public class LoopbackBenchmarks
{
    /// <summary>Requests per invocation.</summary>
    public const int Requests = 64;

    private const string Path = "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}";

    private static readonly object Options = new { out_bill_no = WeChatPaySandbox.SampleOutBillNo };

    private SandboxServer server = null!;
    private BuilderChain node = null!;

    /// <summary>Requests in flight at once.</summary>
    [Params(1, 8, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Sync callers block a thread each (and sync over async needs one more to run the call): give the pool
        // enough threads up front so the numbers measure ChainPay and the sandbox, not thread injection.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, (2 * Concurrency) + 8), io);

        var sandbox = new WeChatPaySandbox(new SandboxOptions { RateLimitPerSecond = int.MaxValue });
        server = SandboxServer.Start(sandbox);
        node = Builder.Factory(sandbox.CreateOptions(server)).Chain(Path);
        using var response = node.Get(Options);
        if (response.StatusCode != 200)
        {
            throw new InvalidOperationException($"The sandbox answered {response.StatusCode}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => server.Dispose();

    /// <summary>Async: <see cref="Concurrency"/> tasks share the <see cref="Requests"/> calls.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task GetAsyncVerb()
    {
        var next = -1;
        var workers = new Task[Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Worker();
        }

        await Task.WhenAll(workers);

        async Task Worker()
        {
            while (Interlocked.Increment(ref next) < Requests)
            {
                using var response = await node.GetAsync(Options);
            }
        }
    }

    /// <summary>Sync: <see cref="Concurrency"/> threads share the <see cref="Requests"/> calls.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public void GetVerb()
    {
        Parallel.For(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, _ =>
        {
            using var response = node.Get(Options);
        });
    }
}
