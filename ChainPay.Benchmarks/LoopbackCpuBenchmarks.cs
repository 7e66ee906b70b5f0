using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ChainPay;
using ChainPay.Testing;

namespace Benchmarks;

/// <summary>
/// (e) What one signed-and-verified loopback GET costs the client, in CPU, against the two things it can be held
/// to in the same run: the RSA floor (one RSA-2048 sign plus one verify, <see cref="RsaFloor"/>) and a minimal
/// hand-written signed <see cref="HttpClient"/> client (<see cref="HandWritten"/>). The sandbox runs in a process of its
/// own (<see cref="SandboxProcess"/>), so the process CPU (<see cref="CpuMeter"/>, the <c>CPU/op</c> columns) and the
/// allocations are the client's alone. Each invocation makes <see cref="Requests"/> calls with at most
/// <see cref="Concurrency"/> in flight.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class LoopbackCpuBenchmarks
{
    /// <summary>Calls per invocation.</summary>
    public const int Requests = 64;

    private const string Path = "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}";
    private static readonly string Target = "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/" + WeChatPaySandbox.SampleOutBillNo;
    private static readonly object Options = new { out_bill_no = WeChatPaySandbox.SampleOutBillNo };

    private SandboxProcess server = null!;
    private BuilderChain node = null!;
    private HandWrittenClient hand = null!;
    private RSA signingKey = null!;
    private RSA verifyingKey = null!;
    private byte[] message = null!;
    private byte[] signature = null!;

    /// <summary>Calls in flight at once.</summary>
    [Params(1, 8)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, (2 * Concurrency) + 8), io);
        server = SandboxProcess.Start();
        var f = server.Fields;
        node = Builder.Factory(new BuilderOptions
        {
            BaseUri = f[0],
            Mchid = f[1],
            Serial = f[2],
            PrivateKey = f[3].Replace("|", "\n", StringComparison.Ordinal),
            Certs = { [f[4]] = f[5].Replace("|", "\n", StringComparison.Ordinal) },
        }).Chain(Path);
        hand = new HandWrittenClient(f);
        signingKey = RSA.Create(2048);
        verifyingKey = RSA.Create();
        verifyingKey.ImportParameters(signingKey.ExportParameters(false));
        message = Encoding.UTF8.GetBytes("GET\n" + Target + "\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n");
        signature = signingKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var response = node.Get(Options);
        if (response.StatusCode != 200 || hand.GetAsync(Target).GetAwaiter().GetResult().Length == 0 || !SignAndVerify())
        {
            throw new InvalidOperationException("The set-up calls did not come back verified.");
        }
    }

    [IterationSetup]
    public void StartIteration() => CpuMeter.Start();

    [IterationCleanup]
    public void StopIteration() => CpuMeter.Stop(Requests);

    [GlobalCleanup]
    public void Cleanup()
    {
        CpuMeter.Save(nameof(LoopbackCpuBenchmarks), $"Concurrency={Concurrency}");
        hand.Dispose();
        server.Dispose();
    }

    /// <summary>The floor: one RSA-2048 SHA-256 PKCS#1 v1.5 sign and one verify per call, nothing else.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public Task RsaFloor()
    {
        CpuMeter.Method = nameof(RsaFloor);
        return Run(() =>
        {
            if (!SignAndVerify())
            {
                throw new InvalidOperationException("The signature does not verify.");
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The hand-written signed client (<see cref="HandWrittenClient"/>).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Requests)]
    public Task HandWritten()
    {
        CpuMeter.Method = nameof(HandWritten);
        return Run(() => hand.GetAsync(Target));
    }

    /// <summary>ChainPay: <c>GetAsync</c> on the chain node, its own <see cref="HttpClient"/> (no injected client).</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public Task ChainPayGetAsync()
    {
        CpuMeter.Method = nameof(ChainPayGetAsync);
        return Run(async () =>
        {
            using var response = await node.GetAsync(Options);
        });
    }

    private bool SignAndVerify() =>
        verifyingKey.VerifyData(message, signingKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private async Task Run(Func<Task> call)
    {
        var next = -1;
        var workers = new Task[Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Concurrency == 1 ? Worker() : Task.Run(Worker);
        }

        await Task.WhenAll(workers);

        async Task Worker()
        {
            while (Interlocked.Increment(ref next) < Requests)
            {
                await call();
            }
        }
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new CpuColumn(), new CpuColumn(nameof(RsaFloor)), new CpuColumn(nameof(HandWritten)));
        }
    }
}
