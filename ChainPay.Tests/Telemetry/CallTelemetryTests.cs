using System.Diagnostics;
using System.Net;
using ChainPay.Resilience;
using ChainPay.Telemetry;
using ChainPay.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Telemetry;

public class CallTelemetryTests
{
    private const string RequestId = "08F0E5A5C60610A2041818A7AB2620A4B2D401-0";
    private const string Template = "/v3/pay/transactions/id/{transaction_id}";

    private static BuilderChain Create(FakeWeChatPay fake, TelemetryCapture capture, Action<BuilderOptions>? more = null) =>
        fake.Create(o =>
        {
            o.Mchid = capture.Mchid;
            o.LoggerFactory = capture;
            more?.Invoke(o);
        });

    private static Task<Flurl.Http.IFlurlResponse> Query(BuilderChain instance) =>
        instance.Chain("v3/pay/transactions/id/{transaction_id}").GetAsync(new { transaction_id = "4200000001202401010000000001", query = new { mchid = "1900000109" } });

    [Test]
    public async Task ASuccess_IsOneSpan_OneLogEvent_AndOneMeasurementOfEach()
    {
        using var capture = new TelemetryCapture();
        await Query(Create(new FakeWeChatPay(), capture));

        var span = capture.Spans.Single();
        Assert.That(span.DisplayName, Is.EqualTo("GET " + Template));
        Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(span.GetTagItem("http.request.method"), Is.EqualTo("GET"));
        Assert.That(span.GetTagItem("url.template"), Is.EqualTo(Template));
        Assert.That(span.GetTagItem("server.address"), Is.EqualTo("api.mch.weixin.qq.com"));
        Assert.That(span.GetTagItem("server.port"), Is.EqualTo(443));
        Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        Assert.That(span.GetTagItem("chainpay.wechat.request_id"), Is.EqualTo(RequestId));
        Assert.That(span.GetTagItem("error.type"), Is.Null);
        Assert.That(span.GetTagItem("http.request.resend_count"), Is.Null);

        var duration = capture.Of("http.client.request.duration").Single();
        Assert.That(duration.Unit, Is.EqualTo("s"));
        Assert.That(duration.Value, Is.GreaterThanOrEqualTo(0).And.LessThan(60));
        Assert.That(duration.Tags["url.template"], Is.EqualTo(Template));
        Assert.That(duration.Tags["http.response.status_code"], Is.EqualTo(200));
        Assert.That(duration.Tags.ContainsKey("error.type"), Is.False);
        Assert.That(capture.Of("chainpay.client.calls").Single().Value, Is.EqualTo(1));
        Assert.That(capture.Of("chainpay.wechat.errors"), Is.Empty);
        Assert.That(capture.Of("chainpay.client.retries"), Is.Empty);

        var log = capture.Logs.Single();
        Assert.That(log.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(log.Name, Is.EqualTo("CallCompleted"));
        Assert.That(log.Fields["Method"], Is.EqualTo("GET"));
        Assert.That(log.Fields["UrlTemplate"], Is.EqualTo(Template));
        Assert.That(log.Fields["StatusCode"], Is.EqualTo(200));
        Assert.That(log.Fields["RequestId"], Is.EqualTo(RequestId));
        Assert.That(log.Fields["Attempts"], Is.EqualTo(1));
        Assert.That(log.Fields["Mchid"], Is.EqualTo(capture.Mchid));
        Assert.That(log.Fields["ElapsedMs"], Is.TypeOf<long>());
        Assert.That(log.Message, Does.StartWith($"WeChat Pay GET {Template} answered 200 in "));
    }

    [Test]
    public void AClientError_RecordsTheStatus_AndWeChatsCode()
    {
        using var capture = new TelemetryCapture();
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.NotFound, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}") };
        var e = Assert.ThrowsAsync<ApiException>(() => Query(Create(fake, capture)));
        Assert.That(e!.Code, Is.EqualTo("ORDER_NOT_EXIST"));

        var span = capture.Spans.Single();
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(span.StatusDescription, Is.EqualTo("ORDER_NOT_EXIST"));
        Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(404));
        Assert.That(span.GetTagItem("error.type"), Is.EqualTo("404"));
        Assert.That(span.GetTagItem("chainpay.wechat.code"), Is.EqualTo("ORDER_NOT_EXIST"));

        var error = capture.Of("chainpay.wechat.errors").Single();
        Assert.That(error.Value, Is.EqualTo(1));
        Assert.That(error.Tags["chainpay.wechat.code"], Is.EqualTo("ORDER_NOT_EXIST"));
        Assert.That(error.Tags["http.response.status_code"], Is.EqualTo(404));
        Assert.That(capture.Of("http.client.request.duration").Single().Tags["error.type"], Is.EqualTo("404"));

        var log = capture.Logs.Single();
        Assert.That(log.Name, Is.EqualTo("WeChatError"));
        Assert.That(log.Fields["StatusCode"], Is.EqualTo(404));
        Assert.That(log.Fields["WeChatCode"], Is.EqualTo("ORDER_NOT_EXIST"));
        Assert.That(log.Message, Does.Not.Contain("订单不存在"), "WeChat's message may echo the request: only the code is logged");
    }

    [Test]
    public void AVerificationFailure_IsCounted_AndAWarning()
    {
        using var capture = new TelemetryCapture();
        var fake = new FakeWeChatPay
        {
            Tamper = r =>
            {
                r.Headers.Remove("Wechatpay-Signature");
                r.Headers.Add("Wechatpay-Signature", Convert.ToBase64String(new byte[256]));
            },
        };
        Assert.ThrowsAsync<ResponseVerificationException>(() => Query(Create(fake, capture)));

        var failure = capture.Of("chainpay.verification.failures").Single();
        Assert.That(failure.Tags["chainpay.verification.reason"], Is.EqualTo("signature"));
        Assert.That(failure.Tags["url.template"], Is.EqualTo(Template));
        Assert.That(failure.Tags["error.type"], Is.EqualTo("ChainPay.ResponseVerificationException"));

        var span = capture.Spans.Single();
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(span.GetTagItem("error.type"), Is.EqualTo("ChainPay.ResponseVerificationException"));
        Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(200));

        var warning = capture.Logs.Single(l => l.Level == LogLevel.Warning);
        Assert.That(warning.Name, Is.EqualTo("VerificationFailed"));
        Assert.That(warning.Fields["Reason"], Is.EqualTo("signature"));
        Assert.That(warning.Fields["RequestId"], Is.EqualTo(RequestId));
        Assert.That(capture.Logs.Select(l => l.Name), Is.EqualTo(new[] { "VerificationFailed", "CallCompleted" }));
    }

    [Test]
    public async Task ARetried5xx_IsOneSpanWithARetryEvent_ARetryWarning_AndTwoAttempts()
    {
        using var capture = new TelemetryCapture();
        var replies = 0;
        var fake = new FakeWeChatPay
        {
            Reply = _ => Interlocked.Increment(ref replies) == 1
                ? (HttpStatusCode.ServiceUnavailable, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统繁忙\"}")
                : (HttpStatusCode.OK, "{\"ok\":true}"),
        };
        var waits = new List<TimeSpan>();
        var retry = new RetryOptions
        {
            MaxAttempts = 3,
            BaseDelay = TimeSpan.FromMilliseconds(250),
            Jitter = false,
            BackupBaseUri = "https://api2.mch.weixin.qq.com/",
            Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; },
        };
        await Query(Create(fake, capture, o => o.Retry = retry));
        Assert.That(waits, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(250) }));

        var span = capture.Spans.Single();
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(span.GetTagItem("http.request.resend_count"), Is.EqualTo(1));
        Assert.That(span.GetTagItem("server.address"), Is.EqualTo("api2.mch.weixin.qq.com"), "the answer came from the backup domain");
        var retried = span.Events.Single();
        Assert.That(retried.Name, Is.EqualTo("chainpay.retry"));
        Assert.That(retried.Tags.ToDictionary(t => t.Key, t => t.Value), Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["error.type"] = "503",
            ["chainpay.retry.delay"] = 0.25,
            ["server.address"] = "api2.mch.weixin.qq.com",
        }));

        var retries = capture.Of("chainpay.client.retries").Single();
        Assert.That(retries.Tags["error.type"], Is.EqualTo("503"));
        Assert.That(retries.Tags["server.address"], Is.EqualTo("api.mch.weixin.qq.com"), "the failed attempt's host");
        Assert.That(capture.Of("chainpay.wechat.errors").Single().Tags["chainpay.wechat.code"], Is.EqualTo("SYSTEM_ERROR"));
        Assert.That(capture.Of("chainpay.client.calls").Single().Tags["http.response.status_code"], Is.EqualTo(200));

        var warning = capture.Logs.First();
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Name, Is.EqualTo("Retrying"));
        Assert.That(warning.Fields["Attempt"], Is.EqualTo(1));
        Assert.That(warning.Fields["Reason"], Is.EqualTo("503 SYSTEM_ERROR"));
        Assert.That(warning.Fields["DelayMs"], Is.EqualTo(250L));
        Assert.That(warning.Fields["ServerAddress"], Is.EqualTo("api2.mch.weixin.qq.com"));
        var done = capture.Logs.Last();
        Assert.That(done.Name, Is.EqualTo("CallCompleted"));
        Assert.That(done.Fields["Attempts"], Is.EqualTo(2));
        Assert.That(capture.Logs, Has.Count.EqualTo(2));
    }

    [Test]
    public void NothingListening_StartsNoObservation_ALoggerOrAListenerDoes()
    {
        var template = ChainPay.Chaining.UriTemplate.Parse("v3/x");
        Assert.That(ChainPayTelemetry.Listened, Is.False, "tests run one at a time; every capture is disposed");
        Assert.That(new CallTelemetry(null, "1900000001", "https://api.mch.weixin.qq.com/").Start(HttpMethod.Get, template), Is.Null);
        using var capture = new TelemetryCapture();
        var observed = new CallTelemetry(null, capture.Mchid, "https://api.mch.weixin.qq.com/").Start(HttpMethod.Get, template);
        Assert.That(observed, Is.Not.Null, "a listener");
        Assert.That(observed!.Failed(new InvalidOperationException()), Is.False, "lets the exception fly on");
        Assert.That(capture.Spans.Single().GetTagItem("error.type"), Is.EqualTo("System.InvalidOperationException"));
        capture.Dispose();
        Assert.That(ChainPayTelemetry.Listened, Is.False);
        Assert.That(new CallTelemetry(capture, "1900000001", "https://api.mch.weixin.qq.com/").Start(HttpMethod.Get, template), Is.Not.Null, "an enabled logger");
    }
}
