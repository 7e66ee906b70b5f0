using System.Net;
using System.Text;
using ChainPay.Testing.Internal;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Certificates;

/// <summary>
/// Holds every call but the certificate download until <c>expected</c> calls are in flight at once, then lets them all
/// through together: calls that truly overlap, without timing.
/// </summary>
internal sealed class OverlapGate(int expected, CancellationToken cancellation) : DelegatingHandler
{
    private readonly TaskCompletionSource<bool> allInFlight = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;
    private int maxInFlight;

    /// <summary>The most calls the handler held at one time.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath == "/v3/certificates")
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var now = Interlocked.Increment(ref inFlight);
        for (var seen = maxInFlight; now > seen && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen; seen = maxInFlight)
        {
        }

        if (now >= expected)
        {
            allInFlight.TrySetResult(true);
        }

        try
        {
            await allInFlight.Task.WaitAsync(cancellation);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}

/// <summary>Holds the certificate download until <see cref="Release"/> is set; tells when it <see cref="Arrived"/>.</summary>
internal sealed class DownloadHold(CancellationToken cancellation) : DelegatingHandler
{
    public TaskCompletionSource<bool> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<bool> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath == "/v3/certificates")
        {
            Arrived.TrySetResult(true);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellation, cancellationToken);
            await Release.Task.WaitAsync(both.Token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Answers <c>/v3/certificates</c> with the given entries, signed by the sandbox platform key under <see cref="SignedBy"/>.</summary>
internal sealed class CertificatesAnswer(JArray entries, DateTimeOffset time, string signedBy) : DelegatingHandler
{
    /// <summary>The serial the answer's <c>Wechatpay-Serial</c> names.</summary>
    public string SignedBy { get; set; } = signedBy;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath != "/v3/certificates")
        {
            return base.SendAsync(request, cancellationToken);
        }

        var body = new JObject { ["data"] = entries }.ToString(Newtonsoft.Json.Formatting.None);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        FakeWeChatPay.Sign(response, body, time, SignedBy, TestKeyPool.Get(0));
        return Task.FromResult(response);
    }
}
