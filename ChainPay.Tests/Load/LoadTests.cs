using ChainPay.Testing;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Load;

/// <summary>A bounded load run over loopback: no timing asserts, only that every call succeeds and verifies.</summary>
[NonParallelizable]
[Category("slow")]
public class LoadTests
{
    private const int Total = 10_000;
    private const int Concurrency = 64;

    [Test]
    public async Task TenThousandCalls_AtConcurrency64_AllSucceedAndVerify()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { RateLimitPerSecond = int.MaxValue });
        using var server = SandboxServer.Start(sandbox);
        var options = sandbox.CreateOptions(server);
        options.Timeout = TimeSpan.FromSeconds(60);
        var instance = Builder.Factory(options);
        var node = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}");

        var next = -1;
        var verified = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var workers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < Total)
            {
                try
                {
                    var res = await node.GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });
                    var bill = JObject.Parse(await res.GetStringAsync());
                    if ((string?)bill["out_bill_no"] == WeChatPaySandbox.SampleOutBillNo)
                    {
                        Interlocked.Increment(ref verified);
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        });
        await Task.WhenAll(workers);

        Assert.That(failures, Is.Empty, failures.FirstOrDefault()?.ToString());
        Assert.That(verified, Is.EqualTo(Total));
        Assert.That(sandbox.RequestCount, Is.EqualTo(Total));
    }
}
