using System.Collections.Concurrent;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests;

// Sync calls (Get/Post/…): where they start, with and without the caller's SynchronizationContext.
public partial class BuilderChainTests
{
    private const string Reverse = "v3/pay/transactions/out-trade-no/{out_trade_no}/reverse";

    [Test]
    public void SyncCalls_WithoutASynchronizationContext_StartOnTheCallingThread()
    {
        var (node, seen, mchid) = Recorded();
        var (caller, status, failure) = OnThread(null, () => node.Post(ReverseOptions(mchid)).StatusCode);
        Assert.That(failure, Is.Null);
        Assert.That(status, Is.EqualTo(200));
        Assert.That(seen, Is.EqualTo(new[] { caller }), "the request was signed and sent from the calling thread, not handed to the pool");
    }

    [Test]
    public void SyncCalls_UnderASynchronizationContext_StartOnThePool()
    {
        var (node, seen, mchid) = Recorded();
        var context = new CountingContext();
        var (caller, status, failure) = OnThread(context, () => node.Post(ReverseOptions(mchid)).StatusCode);
        Assert.That(failure, Is.Null);
        Assert.That(status, Is.EqualTo(200));
        Assert.That(seen, Has.Count.EqualTo(1));
        Assert.That(seen.Single(), Is.Not.EqualTo(caller), "under a context the call runs on the pool, so nothing can be posted back to the blocked thread");
        Assert.That(context.Posted, Is.Zero);
    }

    private static object ReverseOptions(string mchid) =>
        new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, json = new { appid = "wxd678efh567hg6787", mchid } };

    private static (BuilderChain Node, ConcurrentQueue<int> Seen, string Mchid) Recorded()
    {
        var sandbox = new WeChatPaySandbox();
        var seen = new ConcurrentQueue<int>();
        var options = sandbox.CreateOptions();
        options.HttpClient = new HttpClient(new ThreadRecorder(seen, sandbox.CreateHandler()));
        return (Builder.Factory(options).Chain(Reverse), seen, sandbox.Merchant.Mchid);
    }

    // Runs the call on a thread of its own (with the given context), returning that thread's id, the result and any exception.
    private static (int Caller, int Result, Exception? Failure) OnThread(SynchronizationContext? context, Func<int> call)
    {
        var caller = -1;
        var result = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            caller = Environment.CurrentManagedThreadId;
            try
            {
                result = call();
            }
            catch (Exception e)
            {
                failure = e; // an exception on a raw thread would otherwise end the test host
            }
        });
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromMinutes(1)), Is.True, "the sync call did not return");
        return (caller, result, failure);
    }

    private sealed class ThreadRecorder(ConcurrentQueue<int> seen, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(Environment.CurrentManagedThreadId);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
