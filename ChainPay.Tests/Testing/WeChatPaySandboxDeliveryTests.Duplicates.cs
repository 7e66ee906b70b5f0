using System.Net;
using ChainPay.Testing;
using ChainPay.Tests.AspNetCore;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing;

// Duplicates, what is refused, the compressed schedule and the Delivered event.
public partial class WeChatPaySandboxDeliveryTests
{
    [Test]
    public async Task ADuplicate_PassesTheReplayGuard_SoTheHandlerSeesTheIdTwice_AndItsIdempotenceActsOnce()
    {
        var recorder = new NotifyRecorder();
        var sandbox = Sandbox(o => (o.DuplicateDeliveries, o.NotifyHandler) = (true, recorder));
        var seen = new List<string>();
        var paid = new HashSet<string>(); // the merchant's own record of what it processed: idempotence by notification id
        await using var app = await NotifyEndpoint.StartAsync(sandbox, () => now, (n, _) =>
        {
            lock (seen)
            {
                seen.Add(n.Id!);
                paid.Add(n.Id!);
            }

            return Task.CompletedTask;
        });
        var id = sandbox.Deliver(new Uri(NotifyEndpoint.Url(app)), "TRANSACTION.SUCCESS", Paid);

        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1));
        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1), "the duplicate, right after the 204");
        now += TimeSpan.FromDays(1);
        Assert.That(await sandbox.DeliverDueAsync(), Is.Zero, "one duplicate, then no more");

        Assert.That(sandbox.Deliveries.Select(d => (d.Attempt, d.Duplicate, d.Status)), Is.EqualTo(new (int, bool, int?)[] { (1, false, 204), (2, true, 204) }));
        Assert.That(sandbox.Deliveries[1].ToString(), Does.EndWith("#2 (duplicate): 204"));
        Assert.That(seen, Is.EqualTo(new[] { id, id }), "a new nonce: the endpoint's replay guard lets WeChat Pay's duplicate through");
        Assert.That(paid, Has.Count.EqualTo(1), "the handler's idempotence is what makes it count once");

        var replayed = await NotificationApp.PostAsync(app, "/notify", recorder.Sent[1].Headers, recorder.Sent[1].Body);
        NotificationApp.AssertFail(replayed, HttpStatusCode.Unauthorized);
        Assert.That(seen, Has.Count.EqualTo(2), "an exact replay (the same nonce) is refused before the handler");
    }

    [Test]
    public async Task AFailedDuplicate_IsNotSentAgain()
    {
        var sandbox = Sandbox(o => o.DuplicateDeliveries = true);
        var answers = new Queue<int>(new[] { 204, 500 });
        await using var app = await NotifyEndpoint.StartPlainAsync(_ => Task.FromResult(Results.StatusCode(answers.Dequeue())));
        sandbox.Deliver(new Uri(NotifyEndpoint.Url(app)), "TRANSACTION.SUCCESS", Paid);

        await sandbox.DeliverDueAsync();
        await sandbox.DeliverDueAsync();
        now += TimeSpan.FromDays(1);

        Assert.That(await sandbox.DeliverDueAsync(), Is.Zero);
        Assert.That(sandbox.Deliveries.Select(d => d.Status), Is.EqualTo(new int?[] { 204, 500 }));
    }

    [Test]
    public async Task TheTimeScale_CompressesEachWait()
    {
        var sandbox = Sandbox(o => o.NotifyTimeScale = 0.01);
        await using var app = await NotifyEndpoint.StartPlainAsync(_ => Task.FromResult(Results.StatusCode(500)));
        sandbox.Deliver(new Uri(NotifyEndpoint.Url(app)), "TRANSACTION.SUCCESS", Paid);
        await sandbox.DeliverDueAsync();

        now += TimeSpan.FromMilliseconds(149);
        Assert.That(await sandbox.DeliverDueAsync(), Is.Zero);
        now += TimeSpan.FromMilliseconds(1);
        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1), "15 s × 0.01");
    }

    [Test]
    public async Task EachAttempt_IsReportedByDelivered_AndAListenerThatThrowsChangesNothing()
    {
        var sandbox = Sandbox();
        var reported = new List<SandboxDelivery>();
        sandbox.Delivered += (_, d) => reported.Add(d);
        sandbox.Delivered += (_, _) => throw new IOException("the console is closed");
        await using var app = await NotifyEndpoint.StartPlainAsync(_ => Task.FromResult(Results.NoContent()));
        sandbox.Deliver(new Uri(NotifyEndpoint.Url(app)), "TRANSACTION.SUCCESS", Paid);

        Assert.That(await sandbox.DeliverDueAsync(), Is.EqualTo(1));

        Assert.That(reported, Is.EqualTo(sandbox.Deliveries));
        Assert.That(reported.Single().Status, Is.EqualTo(204));
    }

    [TestCase("/notify")]
    [TestCase("ftp://127.0.0.1/notify")]
    [TestCase("not a url")]
    public void ANotifyUrlThatIsNotAbsoluteHttp_IsRecordedNotSent_AndRaiseDoesNotThrow(string notifyUrl)
    {
        var sandbox = Sandbox();

        Assert.DoesNotThrow(() => sandbox.Raise(sandbox.Merchant.Mchid, notifyUrl, "TRANSACTION.SUCCESS", Paid));

        var refused = sandbox.Deliveries.Single();
        Assert.That((refused.Url, refused.Status), Is.EqualTo((notifyUrl, (int?)null)));
        Assert.That(refused.Error, Does.Contain("not an absolute http or https URL"));
        Assert.That(sandbox.PendingDeliveries, Is.Zero);
    }

    [Test]
    public void Deliver_RefusesABadUrl_AnEmptyEventType_AndNoResource_BeforeQueueing()
    {
        var sandbox = Sandbox();
        var url = new Uri("http://127.0.0.1:1/notify");

        Assert.That(Assert.Throws<InvalidArgumentException>(() => sandbox.Deliver(new Uri("/notify", UriKind.Relative), "TRANSACTION.SUCCESS", Paid))!.ParamName, Is.EqualTo("notifyUrl"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => sandbox.Deliver(new Uri("file:///tmp/notify"), "TRANSACTION.SUCCESS", Paid))!.ParamName, Is.EqualTo("notifyUrl"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => sandbox.Deliver(null!, "TRANSACTION.SUCCESS", Paid))!.ParamName, Is.EqualTo("notifyUrl"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => sandbox.Deliver(url, string.Empty, Paid))!.ParamName, Is.EqualTo("eventType"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => sandbox.Deliver(url, "TRANSACTION.SUCCESS", null!))!.ParamName, Is.EqualTo("resource"));
        Assert.That(sandbox.PendingDeliveries, Is.Zero);
    }

    [TestCase(0d)]
    [TestCase(-1d)]
    [TestCase(1.5d)]
    [TestCase(double.NaN)]
    public void ATimeScaleOutOfRange_IsRefused(double scale)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new WeChatPaySandbox(new SandboxOptions { NotifyTimeScale = scale }));
        Assert.That(e!.ParamName, Is.EqualTo(nameof(SandboxOptions.NotifyTimeScale)));
        Assert.That(e.Message, Does.Contain("above 0 and at most 1"));
    }

    [Test]
    public void ANonPositiveTimeout_IsRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new WeChatPaySandbox(new SandboxOptions { NotifyTimeout = TimeSpan.Zero }));
        Assert.That(e!.ParamName, Is.EqualTo(nameof(SandboxOptions.NotifyTimeout)));
    }
}
