using System.Net;
using System.Net.Sockets;
using ChainPay.Testing;
using ChainPay.Testing.Internal;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing;

/// <summary>
/// WeChatPaySandbox.Delivery: a raised event reaches notify_url (a real Kestrel endpoint), re-sent on WeChat Pay's
/// schedule by the sandbox's clock until answered 2xx, each attempt signed anew, duplicates on request.
/// </summary>
public partial class WeChatPaySandboxDeliveryTests
{
    private static readonly JObject Paid = JObject.FromObject(new { mchid = "1230000109", out_trade_no = "1217752501201407033233368018", trade_state = "SUCCESS", amount = new { total = 100 } });

    private DateTimeOffset now = DateTimeOffset.UtcNow;

    private WeChatPaySandbox Sandbox(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { Clock = () => now };
        configure?.Invoke(options);
        return new WeChatPaySandbox(options);
    }

    [Test]
    public async Task A500_IsDeliveredAgainAfter15Seconds_NotBefore_WithANewSignature_ThenNoMore()
    {
        var recorder = new NotifyRecorder();
        var sandbox = Sandbox(o => o.NotifyHandler = recorder);
        var seen = new List<(string Id, string Nonce)>();
        await using var app = await NotifyEndpoint.StartAsync(sandbox, () => now, (n, context) =>
        {
            lock (seen)
            {
                seen.Add((n.Id!, context.Request.Headers["Wechatpay-Nonce"].ToString()));
                return seen.Count == 1 ? throw new InvalidOperationException("the database is down") : Task.CompletedTask;
            }
        });

        sandbox.Raise(sandbox.Merchant.Mchid, NotifyEndpoint.Url(app), "TRANSACTION.SUCCESS", Paid);
        Assert.That(sandbox.Deliveries, Is.Empty, "raising only queues: the request that raised is not held up");

        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1));
        now += TimeSpan.FromSeconds(14);
        Assert.That(await sandbox.DeliverDueAsync(), Is.Zero, "14 s: nothing due yet");
        now += TimeSpan.FromSeconds(1);
        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1), "15 s after the 500");
        now += TimeSpan.FromDays(2);
        Assert.That(await sandbox.DeliverDueAsync(), Is.Zero, "answered 204: no more attempts");

        var deliveries = sandbox.Deliveries;
        Assert.That(deliveries.Select(d => (d.Attempt, d.Status, d.Succeeded)), Is.EqualTo(new (int, int?, bool)[] { (1, 500, false), (2, 204, true) }));
        Assert.That(deliveries[1].At - deliveries[0].At, Is.EqualTo(TimeSpan.FromSeconds(15)));
        Assert.That(deliveries.Select(d => (d.EventType, d.Url)), Is.All.EqualTo(("TRANSACTION.SUCCESS", NotifyEndpoint.Url(app))));
        Assert.That(seen, Has.Count.EqualTo(2), "the second delivery verified: it reached the handler");
        Assert.That(seen[1].Id, Is.EqualTo(seen[0].Id).And.EqualTo(deliveries[0].NotificationId).And.EqualTo(deliveries[1].NotificationId));
        Assert.That(seen[1].Nonce, Is.Not.EqualTo(seen[0].Nonce), "a new nonce: not a replay");
        Assert.That(app.Logs.Entries.Where(e => e.Event == "NotificationRefused"), Is.Empty);
        var (first, second) = (recorder.Sent[0], recorder.Sent[1]);
        Assert.That(second.Body, Is.EqualTo(first.Body), "the same body: id, create_time and the encrypted resource");
        Assert.That(second.Headers["Wechatpay-Signature"], Is.Not.EqualTo(first.Headers["Wechatpay-Signature"]));
        Assert.That(long.Parse(second.Headers["Wechatpay-Timestamp"], System.Globalization.CultureInfo.InvariantCulture) - long.Parse(first.Headers["Wechatpay-Timestamp"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(15));
        Assert.That(sandbox.PendingDeliveries, Is.Zero);
    }

    [Test]
    public async Task AnEndpointThatNeverAnswers2xx_Gets15Attempts_OnWeChatPaysSchedule_ThenNone()
    {
        var sandbox = Sandbox();
        await using var app = await NotifyEndpoint.StartPlainAsync(_ => Task.FromResult(Results.StatusCode(503)));
        sandbox.Raise(sandbox.Merchant.Mchid, NotifyEndpoint.Url(app), "REFUND.SUCCESS", new JObject { ["out_refund_no"] = "R1" });
        var start = now;

        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1));
        foreach (var wait in DeliverySchedule.Waits.Take(14))
        {
            now += wait - TimeSpan.FromSeconds(1);
            Assert.That(await sandbox.DeliverDueAsync(), Is.Zero, $"1 s before the {wait} wait ends");
            now += TimeSpan.FromSeconds(1);
            Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1), $"after the {wait} wait");
        }

        now += TimeSpan.FromHours(6);
        Assert.That(await sandbox.DeliverDueAsync(), Is.Zero, "given up after the 15th attempt");
        now += TimeSpan.FromDays(30);
        Assert.That(await sandbox.DeliverDueAsync(), Is.Zero);

        var deliveries = sandbox.Deliveries;
        Assert.That(deliveries.Select(d => d.Attempt), Is.EqualTo(Enumerable.Range(1, 15)));
        Assert.That(deliveries.Select(d => d.Status), Is.All.EqualTo(503));
        Assert.That(deliveries.Select(d => d.NotificationId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(deliveries[^1].At - start, Is.EqualTo(new TimeSpan(18, 4, 0)), "the last attempt; with the final 6 h wait, 24h4m in all");
        Assert.That(DeliverySchedule.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b), Is.EqualTo(new TimeSpan(24, 4, 0)));
        Assert.That(sandbox.PendingDeliveries, Is.Zero);
    }

    [Test]
    public async Task ConnectionRefused_IsAFailedAttempt_ReSentAfter15Seconds()
    {
        var sandbox = Sandbox();
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}/notify";
        closed.Stop();

        sandbox.Raise(sandbox.Merchant.Mchid, url, "MCHTRANSFER.BILL.FINISHED", new JObject { ["out_bill_no"] = "plfk2020042013", ["state"] = "SUCCESS" });
        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1));

        var refused = sandbox.Deliveries.Single();
        Assert.That((refused.Status, refused.Succeeded), Is.EqualTo(((int?)null, false)));
        Assert.That(refused.Error, Is.Not.Empty);
        Assert.That(refused.ToString(), Is.EqualTo($"MCHTRANSFER.BILL.FINISHED {url} #1: {refused.Error}"));
        Assert.That(sandbox.PendingDeliveries, Is.EqualTo(1));
        now += TimeSpan.FromSeconds(15);
        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1));
        Assert.That(sandbox.Deliveries[1].Attempt, Is.EqualTo(2));
    }

    [Test]
    public async Task NoAnswerWithinTheTimeout_IsAFailedAttempt()
    {
        var sandbox = Sandbox(o => o.NotifyTimeout = TimeSpan.FromMilliseconds(200));
        await using var app = await NotifyEndpoint.StartPlainAsync(async context =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.NoContent();
        });

        sandbox.Deliver(new Uri(NotifyEndpoint.Url(app)), "TRANSACTION.SUCCESS", Paid);
        await sandbox.DeliverDueAsync();

        Assert.That(sandbox.Deliveries.Single().Error, Is.EqualTo("no answer within 0.2 s"));
        Assert.That(sandbox.PendingDeliveries, Is.EqualTo(1), "to be sent again");
    }
}
