using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing.Internal;

/// <summary>The delivery loop a SandboxServer runs on real time: a compressed schedule, no test-side sleeps.</summary>
public class DeliveryLoopTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Test]
    public async Task OverHttp_ARaisedEvent_IsDeliveredAndReDeliveredAfterA500_OnTheCompressedSchedule()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { NotifyTimeScale = 0.01 });
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var succeeded = new TaskCompletionSource<SandboxDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        sandbox.Delivered += (_, d) =>
        {
            if (d.Succeeded)
            {
                succeeded.TrySetResult(d);
            }
        };
        var calls = 0;
        await using var app = await NotifyEndpoint.StartAsync(sandbox, () => DateTimeOffset.UtcNow, (n, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("first time: 500");
            }

            handled.TrySetResult(n.Id!);
            return Task.CompletedTask;
        });
        using var server = SandboxServer.Start(sandbox);

        sandbox.Raise(sandbox.Merchant.Mchid, NotifyEndpoint.Url(app), "TRANSACTION.SUCCESS", new JObject { ["out_trade_no"] = "1217752501201407033233368018" });

        var id = await handled.Task.WaitAsync(Generous);
        var delivered = await succeeded.Task.WaitAsync(Generous);
        var deliveries = sandbox.Deliveries;
        Assert.That(deliveries.Select(d => (d.Attempt, d.Status)), Is.EqualTo(new (int, int?)[] { (1, 500), (2, 204) }));
        Assert.That(delivered.NotificationId, Is.EqualTo(id));
        Assert.That(deliveries[1].At - deliveries[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150)), "15 s × 0.01, not sooner");
    }

    [Test]
    public async Task Disposing_TheServer_StopsTheLoop_AndNothingIsSentAfterwards()
    {
        var now = DateTimeOffset.UtcNow;
        var sandbox = new WeChatPaySandbox(new SandboxOptions { Clock = () => now });
        await using var app = await NotifyEndpoint.StartPlainAsync(_ => Task.FromResult(Results.StatusCode(500)));
        var server = SandboxServer.Start(sandbox);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sandbox.Delivered += (_, _) => first.TrySetResult();
        sandbox.Deliver(new Uri(NotifyEndpoint.Url(app)), "TRANSACTION.SUCCESS", new { out_trade_no = "1" });
        await first.Task.WaitAsync(Generous);

        server.Dispose();
        now += TimeSpan.FromMinutes(1);

        Assert.That(server.Delivery.Completion.IsCompleted, Is.True);
        Assert.That(sandbox.Deliveries, Has.Count.EqualTo(1));
        Assert.That(sandbox.PendingDeliveries, Is.EqualTo(1), "still due: a test's own DeliverDueAsync would send it");
        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1));
    }
}
