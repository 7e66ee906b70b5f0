using System.Collections.Concurrent;
using System.Net;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Telemetry;

public class CallObservationTests
{
    private const string Secret = "TelemetrySecretKey0123456789abcd";
    private const string SensitiveBody = "SENSITIVE-BODY-6222020200112233445";
    private const string OrderNo = "ORDER-PLACEHOLDER-77881";

    [Test]
    public async Task NoSpanMetricOrLogText_HoldsABodyAKeyASignatureAnAuthorizationOrAPlaceholderValue()
    {
        using var capture = new TelemetryCapture();
        var signatures = new ConcurrentQueue<string>();
        var replies = 0;
        var fake = new FakeWeChatPay
        {
            Reply = _ => Interlocked.Increment(ref replies) switch
            {
                1 => (HttpStatusCode.BadGateway, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"" + SensitiveBody + "\"}"),
                3 => (HttpStatusCode.BadRequest, "{\"code\":\"PARAM_ERROR\",\"message\":\"bad " + OrderNo + "\"}"),
                _ => (HttpStatusCode.OK, "{\"echo\":\"" + SensitiveBody + "\"}"),
            },
            Tamper = r =>
            {
                signatures.Enqueue(r.Headers.GetValues("Wechatpay-Signature").Single());
                if (replies == 4)
                {
                    r.Headers.Remove("Wechatpay-Signature");
                    r.Headers.Add("Wechatpay-Signature", "BROKEN" + signatures.Last());
                }
            },
        };
        var instance = fake.Create(o =>
        {
            o.Mchid = capture.Mchid;
            o.LoggerFactory = capture;
            o.Secret = Secret;
            o.Retry = new RetryOptions { Delay = (_, _) => Task.CompletedTask };
        });
        var order = new { out_trade_no = OrderNo, json = new { description = SensitiveBody }, query = new { sub_mchid = OrderNo } };

        await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").PostAsync(order); // 502, then 200
        Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").PostAsync(order)); // 400
        Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").PostAsync(order));
        Assert.ThrowsAsync<ApiV2Exception>(() => instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = capture.Mchid, out_trade_no = OrderNo, appid = SensitiveBody } }));

        var secrets = new List<string> { Secret, SensitiveBody, OrderNo };
        secrets.AddRange(fake.Sent.Select(s => s.Authorization).OfType<string>());
        secrets.AddRange(fake.Sent.Select(s => s.Authorization?.Split("signature=\"")[1].TrimEnd('"')).OfType<string>());
        var v2Sign = System.Text.RegularExpressions.Regex.Match(fake.Sent.Last().BodyText, "<sign>(?:<!\\[CDATA\\[)?([0-9A-F]{32,})").Groups[1].Value;
        secrets.Add(v2Sign);
        secrets.AddRange(signatures);
        secrets.AddRange(TestKeys.Pkcs8PrivateKey.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)));
        Assert.That(v2Sign, Has.Length.GreaterThanOrEqualTo(32), "the APIv2 sign");
        Assert.That(fake.Sent.Count(s => s.Authorization is not null), Is.EqualTo(4), "four signed APIv3 attempts");
        Assert.That(signatures, Has.Count.GreaterThanOrEqualTo(4));

        var text = capture.AllText().ToList();
        Assert.That(capture.Spans, Has.Count.EqualTo(4));
        Assert.That(capture.Logs.Select(l => l.Name), Is.EqualTo(new[] { "Retrying", "CallCompleted", "WeChatError", "VerificationFailed", "CallCompleted", "CallCompleted" }));
        Assert.That(text, Has.Some.Contains("/v3/pay/transactions/out-trade-no/{out_trade_no}"), "the template is recorded");
        foreach (var secret in secrets)
        {
            Assert.That(text.Where(t => t.Contains(secret, StringComparison.Ordinal)), Is.Empty, $"a recorded text holds `{secret[..Math.Min(12, secret.Length)]}…`");
        }

        Assert.That(capture.Logs.Select(l => l.Exception), Has.All.Null, "exceptions carry bodies and URLs: never attached");
    }
}
