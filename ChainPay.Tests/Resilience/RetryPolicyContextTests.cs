using System.Net;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Resilience;

/// <summary>
/// docs/sync-vs-async.md: ChainPay's own awaits do not capture the caller's <see cref="SynchronizationContext"/>, on a
/// retried call too: neither the wait for a failed attempt nor the wait between attempts comes back to it.
/// </summary>
public class RetryPolicyContextTests
{
    private static RetryOptions Options(Func<TimeSpan, CancellationToken, Task> delay) => new() { Jitter = false, Delay = delay };

    private TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [SetUp]
    public void SetUp() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts the call under <paramref name="context"/>, then opens the gate the call waits at and waits for it outside the context.</summary>
    private async Task<int> UnderContext(CountingContext context, Func<Task<Flurl.Http.IFlurlResponse>> call)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task<Flurl.Http.IFlurlResponse> task;
        try
        {
            task = call();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        gate.SetResult();
        return (await task.ConfigureAwait(false)).StatusCode;
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task AnAttemptAnsweredLater_DoesNotComeBackToTheCallersContext()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        var http = new HttpClient(new FirstAnswerAtTheGate(gate.Task) { InnerHandler = fake.Handler });
        var context = new CountingContext();
        var status = await UnderContext(context, () => fake.Create(o => { o.HttpClient = http; o.Retry = Options((_, _) => Task.CompletedTask); }).Chain("v3/x").GetAsync());
        Assert.That(status, Is.EqualTo(200));
        Assert.That(fake.Sent, Has.Count.EqualTo(2));
        Assert.That(context.Posted, Is.Zero, "no continuation was posted to the caller's context");
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task AWaitThatEndsLater_DoesNotComeBackToTheCallersContext()
    {
        var fake = new FakeWeChatPay();
        var http = new HttpClient(new RefuseFirstConnection { InnerHandler = fake.Handler });
        var waited = 0;
        var context = new CountingContext();
        var status = await UnderContext(context, () => fake.Create(o => { o.HttpClient = http; o.Retry = Options(async (_, _) => { await gate.Task.ConfigureAwait(false); Interlocked.Increment(ref waited); }); }).Chain("v3/x").GetAsync());
        Assert.That(status, Is.EqualTo(200));
        Assert.That(waited, Is.EqualTo(1));
        Assert.That(context.Posted, Is.Zero, "no continuation was posted to the caller's context");
    }

    /// <summary>Answers the first request once the gate opens, so that attempt completes after the caller has moved on.</summary>
    private sealed class FirstAnswerAtTheGate : DelegatingHandler
    {
        private readonly Task gate;
        private int calls;

        public FirstAnswerAtTheGate(Task gate) => this.gate = gate;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await gate.ConfigureAwait(false);
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
