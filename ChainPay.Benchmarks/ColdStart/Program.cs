using System.Diagnostics;
using System.Security.Cryptography;
using ChainPay;
using ChainPay.Testing;

namespace ColdStart;

/// <summary>
/// <c>serve</c>: starts a <see cref="SandboxServer"/> and prints one line (base URI, merchant id and serial, merchant
/// private key and platform public key as PEM, tab-separated) for the client, then serves until its standard input
/// closes. <c>call FILE N</c>: reads that line from FILE, makes N verified GETs with ChainPay, prints what it
/// measured (N = 0 is the hello-world: the runtime, the file read, no ChainPay). <c>call FILE N WARM</c> then makes WARM
/// more calls and prints the CPU of the last 1,000 of them, the steady state. <c>call FILE N hand [WARM]</c> makes the N
/// (and WARM) calls with the hand-written signed client of the benchmarks instead (the baseline).
/// </summary>
public static class Program
{
    private const string Path = "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}";

    public static int Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "serve")
        {
            return Serve();
        }

        if (args.Length < 3 || args[0] != "call")
        {
            Console.Error.WriteLine("usage: ColdStart serve | ColdStart call FILE CALLS [WARM | hand [WARM]]");
            return 2;
        }

        var fields = File.ReadAllText(args[1]).Trim().Split('\t');
        var calls = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        if (calls == 0)
        {
            Console.WriteLine($"hello cpu_ms={Environment.CpuUsage.TotalTime.TotalMilliseconds:F1}");
            return 0;
        }

        if (args.Length > 3 && args[3] == "hand")
        {
            return CallByHand(fields, calls, args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0);
        }

        return Call(fields, calls, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The NativeAOT build keeps this assembly whole (TrimmerRootAssembly), so the option objects keep their properties.")]
    private static int Call(string[] fields, int calls, int warm)
    {
        var startCpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        var instance = Builder.Factory(new BuilderOptions
        {
            BaseUri = fields[0],
            Mchid = fields[1],
            Serial = fields[2],
            PrivateKey = fields[3].Replace("|", "\n", StringComparison.Ordinal),
            Certs = { [fields[4]] = fields[5].Replace("|", "\n", StringComparison.Ordinal) },
        });
        var factoryCpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        var factoryJit = Jit();
        var node = instance.Chain(Path);
        var options = new { out_bill_no = WeChatPaySandbox.SampleOutBillNo };
        var cpu = new List<double>();
        var firstAnswer = 0.0;
        var firstJit = string.Empty;
        for (var i = 1; i <= calls; i++)
        {
            using var response = node.GetAsync(options).GetAwaiter().GetResult();
            if (response.StatusCode != 200)
            {
                Console.Error.WriteLine($"answer {response.StatusCode}");
                return 1;
            }

            if (i == 1)
            {
                firstAnswer = Environment.CpuUsage.TotalTime.TotalMilliseconds;
                cpu.Add(firstAnswer);
                firstJit = Jit();
            }

            if (i == 200 || i == 1000)
            {
                cpu.Add(Environment.CpuUsage.TotalTime.TotalMilliseconds);
            }
        }

        var wall = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var warmCpu = 0.0;
        var warmItems = 0L;
        if (warm > 0)
        {
            for (var i = 0; i < warm; i++)
            {
                node.GetAsync(options).GetAwaiter().GetResult().Dispose();
            }

            var before = Environment.CpuUsage.TotalTime.TotalMilliseconds;
            var items = ThreadPool.CompletedWorkItemCount;
            for (var i = 0; i < 1000; i++)
            {
                node.GetAsync(options).GetAwaiter().GetResult().Dispose();
            }

            warmCpu = Environment.CpuUsage.TotalTime.TotalMilliseconds - before;
            warmItems = ThreadPool.CompletedWorkItemCount - items;
        }

        // start_cpu_ms: process CPU when the app's code starts; factory_cpu_ms: process CPU once Builder.Factory returned; cpu_ms: at the first answer, after 200 calls and after 1,000 (as many as were made); wall_ms: from the process start to the last answer;
        // warm1000_work_items: thread-pool work items completed during those 1,000 calls (hops between threads);
        // jit_factory / jit_first: methods the JIT compiled, and its time, by the end of Factory and at the first answer (counts do not depend on the machine's load).
        Console.WriteLine($"calls={calls} wall_ms={wall:F1} start_cpu_ms={startCpu:F1} factory_cpu_ms={factoryCpu:F1} cpu_ms={string.Join(",", cpu.Select(c => c.ToString("F1")))} warm1000_cpu_ms={warmCpu:F1} warm1000_work_items={warmItems} jit_factory={factoryJit} jit_first={firstJit}");
        return 0;
    }

    /// <summary>Methods compiled by the JIT so far in this process, and the time it took: <c>COUNT/MSms</c>.</summary>
    private static string Jit() =>
        $"{System.Runtime.JitInfo.GetCompiledMethodCount()}/{System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0}ms";

    private static int CallByHand(string[] fields, int calls, int warm)
    {
        var startCpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        using var client = new Benchmarks.HandWrittenClient(fields);
        var factoryCpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        var target = "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/" + WeChatPaySandbox.SampleOutBillNo;
        var cpu = new List<double>();
        for (var i = 1; i <= calls; i++)
        {
            client.GetAsync(target).GetAwaiter().GetResult();
            if (i == 1 || i == 200 || i == 1000)
            {
                cpu.Add(Environment.CpuUsage.TotalTime.TotalMilliseconds);
            }
        }

        var wall = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var warmCpu = 0.0;
        var warmItems = 0L;
        if (warm > 0)
        {
            for (var i = 0; i < warm; i++)
            {
                client.GetAsync(target).GetAwaiter().GetResult();
            }

            var before = Environment.CpuUsage.TotalTime.TotalMilliseconds;
            var items = ThreadPool.CompletedWorkItemCount;
            for (var i = 0; i < 1000; i++)
            {
                client.GetAsync(target).GetAwaiter().GetResult();
            }

            warmCpu = Environment.CpuUsage.TotalTime.TotalMilliseconds - before;
            warmItems = ThreadPool.CompletedWorkItemCount - items;
        }

        Console.WriteLine($"hand calls={calls} wall_ms={wall:F1} start_cpu_ms={startCpu:F1} factory_cpu_ms={factoryCpu:F1} cpu_ms={string.Join(",", cpu.Select(c => c.ToString("F1")))} warm1000_cpu_ms={warmCpu:F1} warm1000_work_items={warmItems}");
        return 0;
    }

    private static int Serve()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { RateLimitPerSecond = int.MaxValue });
        using var server = SandboxServer.Start(sandbox);
        var merchant = sandbox.Merchant;
        Console.WriteLine(string.Join("\t", server.BaseUri.AbsoluteUri, merchant.Mchid, merchant.Serial, Pem(merchant.PrivateKey.ExportPkcs8PrivateKeyPem()),
            sandbox.PlatformKeyId, Pem(sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfoPem())));
        Console.Out.Flush();
        while (Console.In.Read() >= 0)
        {
        }

        return 0;
    }

    private static string Pem(string pem) => pem.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "|", StringComparison.Ordinal);
}
