using System.Net;
using ChainPay.Http;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Http;

/// <summary>Every HTTP attempt carries its own signature, whoever makes it (issue 12, item 2).</summary>
public class SigningHandlerTests
{
    private static readonly object Order = new
    {
        json = new { appid = "wxd678efh567hg6787", mchid = "1230000109", description = "d", out_trade_no = "R1", notify_url = "https://weixin.qq.com/", amount = new { total = 1, currency = "CNY" } },
    };

    private static (WeChatPaySandbox Sandbox, AttemptRecorder Recorder) Sandbox()
    {
        long ticks = 0;
        var start = DateTimeOffset.UtcNow;
        var sandbox = new WeChatPaySandbox(new SandboxOptions { Clock = () => start.AddSeconds(Interlocked.Increment(ref ticks)) });
        var recorder = new AttemptRecorder(sandbox.CreateHandler());
        return (sandbox, recorder);
    }

    private static BuilderChain Instance(WeChatPaySandbox sandbox, HttpMessageHandler pipeline)
    {
        var options = sandbox.CreateOptions();
        options.HttpClient = new HttpClient(pipeline);
        return Builder.Factory(options);
    }

    [Test]
    public async Task AnOuterRetry_SendsTheSecondAttemptWithAFreshSignature()
    {
        var (sandbox, recorder) = Sandbox();
        var instance = Instance(sandbox, new RetryingHandler(new SigningHandler(recorder)));
        sandbox.FailNext(HttpStatusCode.ServiceUnavailable, "SYSTEM_ERROR", "系统繁忙");

        using var response = await instance.Chain("v3/pay/transactions/native").PostAsync(Order);

        Assert.That(response.StatusCode, Is.EqualTo(200));
        Assert.That((string?)JObject.Parse(await response.GetStringAsync())["code_url"], Does.StartWith("weixin://"));
        Assert.That(recorder.Attempts, Has.Count.EqualTo(2));
        var (first, second) = (AttemptRecorder.Fields(recorder.Attempts[0].Authorization), AttemptRecorder.Fields(recorder.Attempts[1].Authorization));
        Assert.That(second["nonce_str"], Is.Not.EqualTo(first["nonce_str"]));
        Assert.That(second["timestamp"], Is.Not.EqualTo(first["timestamp"]));
        Assert.That(recorder.Attempts.Select(a => AttemptRecorder.Verifies(a, sandbox.Merchant.PrivateKey)), Is.All.True);
        Assert.That(recorder.Attempts[1].Body, Is.EqualTo(recorder.Attempts[0].Body), "the same order is retried, never a changed one");
    }

    [Test]
    public async Task WithoutTheHandler_TheRetryIsSentStale_AndWeChatPayRefusesIt()
    {
        var (sandbox, recorder) = Sandbox();
        var instance = Instance(sandbox, new RetryingHandler(recorder));
        sandbox.FailNext(HttpStatusCode.ServiceUnavailable, "SYSTEM_ERROR", "系统繁忙");

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/native").PostAsync(Order));

        Assert.That(e!.StatusCode, Is.EqualTo(401), "the failure SigningHandler prevents");
        Assert.That(recorder.Attempts[1].Authorization, Is.EqualTo(recorder.Attempts[0].Authorization));
        await Task.CompletedTask;
    }

    [Test]
    public async Task TheFirstAttempt_PassesUntouched()
    {
        var (sandbox, recorder) = Sandbox();
        var signedAbove = new AttemptRecorder(new SigningHandler(recorder));
        var instance = Instance(sandbox, signedAbove);

        using var response = await instance.Chain("v3/pay/transactions/native").PostAsync(Order);

        Assert.That(response.StatusCode, Is.EqualTo(200));
        Assert.That(recorder.Attempts.Single().Authorization, Is.EqualTo(signedAbove.Attempts.Single().Authorization));
    }

    [Test]
    public async Task ARequestChainPayDidNotSign_PassesUntouched_EvenWhenSentTwice()
    {
        var answers = new Queue<HttpStatusCode>(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK });
        var recorder = new AttemptRecorder(new Answering(() => answers.Dequeue()));
        using var http = new HttpClient(new RetryingHandler(new SigningHandler(recorder)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.invalid/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer abc");

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(recorder.Attempts.Select(a => a.Authorization), Is.EqualTo(new[] { "Bearer abc", "Bearer abc" }));
    }

    [Test]
    public void TheRetriedAttempt_KeepsTheExactWireTarget()
    {
        var (sandbox, _) = Sandbox();
        var answers = new Queue<HttpStatusCode>(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.NotFound });
        var recorder = new AttemptRecorder(new Answering(() => answers.Dequeue()));
        var options = sandbox.CreateOptions();
        options.HttpClient = new HttpClient(new RetryingHandler(new UriRewriter(new SigningHandler(recorder))));
        options.Certs = new Dictionary<string, object?> { [sandbox.PlatformKeyId] = sandbox.PlatformPublicKey };
        var instance = Builder.Factory(options);

        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/a%41b").GetAsync());

        Assert.That(e!.StatusCode, Is.EqualTo(404), "the retry was sent, and answered");
        Assert.That(recorder.Attempts.Select(a => a.Target), Is.EqualTo(new[] { "/v3/a%41b", "/v3/a%41b" }).AsCollection);
        Assert.That(recorder.Attempts.Select(a => AttemptRecorder.Verifies(a, sandbox.Merchant.PrivateKey)), Is.All.True);
        Assert.That(recorder.Attempts[1].Authorization, Is.Not.EqualTo(recorder.Attempts[0].Authorization));
    }

    [Test]
    public void ARetriedAttemptWhoseBodyAHandlerReplaced_IsRefused_NotSentStale()
    {
        var (sandbox, recorder) = Sandbox();
        var instance = Instance(sandbox, new RetryingHandler(new BodyReplacer(new SigningHandler(recorder))));
        sandbox.FailNext(HttpStatusCode.ServiceUnavailable, "SYSTEM_ERROR", "系统繁忙");

        var e = Assert.CatchAsync<InvalidOperationException>(() => instance.Chain("v3/pay/transactions/native").PostAsync(Order));

        Assert.That(e!.Message, Does.Contain("cannot sign this retried request again").And.EndWith("The attempt was not sent (a stale signature is refused by WeChat Pay)."));
        Assert.That(recorder.Attempts, Has.Count.EqualTo(1), "the second attempt never left");
    }

    [Test]
    public void TheInnerHandler_IsRequired()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => _ = new SigningHandler(null!));
        Assert.That(e!.ParamName, Is.EqualTo("innerHandler"));
        Assert.That(e.Message, Does.StartWith("An inner handler is required."));
    }

    /// <summary>Answers each request with the next status, empty.</summary>
    private sealed class Answering : HttpMessageHandler
    {
        private readonly Func<HttpStatusCode> next;

        public Answering(Func<HttpStatusCode> next) => this.next = next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(next()) { RequestMessage = request });
    }

    /// <summary>A handler that rebuilds the URI from its text, as some pipelines do (it decodes <c>%41</c>).</summary>
    private sealed class UriRewriter : DelegatingHandler
    {
        public UriRewriter(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(request.RequestUri!.AbsoluteUri);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A handler that swaps the body for a one-shot stream on every attempt after the first.</summary>
    private sealed class BodyReplacer : DelegatingHandler
    {
        private int sends;

        public BodyReplacer(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (++sends > 1)
            {
                request.Content = new StreamContent(new MemoryStream(new byte[] { 1, 2, 3 }));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
