using System.Text;
using ChainPay.Tests.Fixtures;
using Flurl.Http;

namespace ChainPay.Tests.Faults;

/// <summary>
/// Each fault of a loopback server ends in the documented exception within the configured timeout, with
/// nothing unverified returned.
/// </summary>
public class FaultTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795455453);
    private const string Body = "{\"out_trade_no\":\"1217752501201407033233368018\"}";

    private static BuilderChain Create(FaultServer server, Action<BuilderOptions>? configure = null)
    {
        var options = new BuilderOptions
        {
            Mchid = FakeWeChatPay.Mchid,
            Serial = TestKeys.MerchantSerial,
            PrivateKey = TestKeys.Pkcs8PrivateKey,
            Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
            BaseUri = server.BaseUri,
            Clock = () => Now,
            // Generous: a success path must not time out on a loaded CI machine; the timeout tests set their own.
            Timeout = TimeSpan.FromSeconds(60),
        };
        configure?.Invoke(options);
        return Builder.Factory(options);
    }

    private static Task<IFlurlResponse> Call(BuilderChain instance, CancellationToken token = default) =>
        instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "1217752501201407033233368018", query = new { mchid = "1230000109" } }, token);

    [Test]
    public async Task Baseline_AWellBehavedAnswerVerifies()
    {
        using var server = new FaultServer(FaultServer.Reply(FaultServer.Signed(Body, Now, "nonce-baseline")));
        var res = await Call(Create(server));
        Assert.That(await res.GetStringAsync(), Is.EqualTo(Body));
    }

    [Test]
    public async Task TheSpecsSignedAnswer_VerifiesOverTheWire()
    {
        // §11.4 literally (signature from the spec, not computed here): the answer to any call, checked against the
        // certificate whose serial it names, at the spec's time.
        const string body = "{\"data\":[]}";
        using var server = new FaultServer(FaultServer.Reply(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nWechatpay-Timestamp: 1554209980\r\n"
            + $"Wechatpay-Nonce: c5ac7061fccab6bf3e254dcf98995b8c\r\nWechatpay-Serial: {TestKeys.CertificateSerial}\r\nWechatpay-Signature: {TestKeys.SpecAnswerSignature}\r\n"
            + $"Connection: close\r\n\r\n{body}"));
        var instance = Create(server, o =>
        {
            o.Certs[TestKeys.CertificateSerial] = TestKeys.Certificate;
            o.Clock = () => DateTimeOffset.FromUnixTimeSeconds(1554209980);
        });
        var res = await instance.Chain("v3/certificates").GetAsync();
        Assert.That(await res.GetStringAsync(), Is.EqualTo(body));
    }

    [Test]
    public void DroppedConnection_IsATransportError()
    {
        using var server = new FaultServer((stream, _) => { stream.Socket.Close(); return Task.CompletedTask; });
        var e = Assert.ThrowsAsync<FlurlHttpException>(() => Call(Create(server)));
        Assert.That(e!.StatusCode, Is.Null);
    }

    [Test]
    public void StalledServer_EndsInATimeout()
    {
        using var server = new FaultServer((_, token) => Task.Delay(Timeout.Infinite, token));
        Assert.ThrowsAsync<FlurlHttpTimeoutException>(() => Call(Create(server, o => o.Timeout = TimeSpan.FromMilliseconds(500))));
    }

    [Test]
    public async Task StalledServer_HonoursCancellation()
    {
        using var server = new FaultServer((_, token) => Task.Delay(Timeout.Infinite, token));
        using var cts = new CancellationTokenSource();
        var call = Call(Create(server, o => o.Timeout = TimeSpan.FromMinutes(5)), cts.Token);
        await server.Received.Task;
        cts.Cancel();
        Assert.That(() => call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void TruncatedBody_IsATransportError()
    {
        using var server = new FaultServer(async (stream, token) =>
        {
            var full = FaultServer.Signed(Body, Now, "nonce-truncated");
            await stream.WriteAsync(Encoding.UTF8.GetBytes(full.Substring(0, full.Length - 10)), token);
            stream.Socket.Close();
        });
        var e = Assert.ThrowsAsync<FlurlHttpException>(() => Call(Create(server)));
        Assert.That(e!.StatusCode, Is.Null);
    }

    [Test]
    public void OversizedBody_IsRefusedAtTheConfiguredLimit()
    {
        using var server = new FaultServer(async (stream, token) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 67108864\r\nConnection: close\r\n\r\n"), token);
            var chunk = new byte[65536];
            for (var i = 0; i < 1024; i++)
            {
                await stream.WriteAsync(chunk, token);
            }
        });
        var e = Assert.ThrowsAsync<FlurlHttpException>(() => Call(Create(server, o => o.MaxResponseSize = 64 * 1024)));
        Assert.That(e!.InnerException, Is.InstanceOf<HttpRequestException>());
    }

    [Test]
    public void OversizedBody_IsRefused_EvenThroughAnInjectedHttpClient_AndNotRetried()
    {
        using var server = new FaultServer(async (stream, token) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 67108864\r\nConnection: close\r\n\r\n"), token);
            var chunk = new byte[65536];
            for (var i = 0; i < 1024; i++)
            {
                await stream.WriteAsync(chunk, token);
            }
        });
        var instance = Create(server, o =>
        {
            o.HttpClient = new HttpClient(); // the caller's own client, whose buffer limit is 2 GB
            o.MaxResponseSize = 64 * 1024;
            o.Retry = new ChainPay.Resilience.RetryOptions { Delay = (_, _) => Task.CompletedTask };
        });
        Assert.ThrowsAsync<FlurlHttpException>(() => Call(instance));
        Assert.That(server.Requests, Is.EqualTo(1), "an answer too large is not sent for again");
    }

    [Test]
    public void HtmlGatewayPage_IsAnApiException_KeepingTheRawBody()
    {
        const string html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        using var server = new FaultServer(FaultServer.Reply($"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: {html.Length}\r\nConnection: close\r\n\r\n{html}"));
        var e = Assert.ThrowsAsync<ApiException>(() => Call(Create(server)));
        Assert.That(e!.StatusCode, Is.EqualTo(502));
        Assert.That(e.Body, Is.EqualTo(html));
        Assert.That(e.Code, Is.Null);
        Assert.That(e.Verified, Is.False);
    }

    [Test]
    public void DuplicateSignatureHeader_IsRefused()
    {
        using var server = new FaultServer(FaultServer.Reply(FaultServer.Signed(Body, Now, "nonce-dup", extraHeaders: "Wechatpay-Signature: AAAA\r\n")));
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => Call(Create(server)));
        Assert.That(e!.Message, Does.Contain("more than once"));
    }

    // Each case breaks exactly one header of an otherwise valid answer, and the refusal says which check failed.
    [TestCase("17954554530000000000000", null, "It's allowed time offset in ± 300 seconds")] // overflows a long: not a time
    [TestCase("1795455453", "not base64 !!!", "Verify the response's data with:")]
    public void MalformedSignatureHeaders_AreRefused(string timestamp, string? signature, string refusal)
    {
        using var server = new FaultServer(FaultServer.Reply(FaultServer.Signed(Body, Now, "nonce-bad", signature: signature, timestamp: timestamp)));
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => Call(Create(server)));
        Assert.That(e!.Message, Does.StartWith(refusal));
    }

    [Test]
    public async Task ReplayedAnswer_IsRefusedTheSecondTime()
    {
        using var server = new FaultServer(FaultServer.Reply(FaultServer.Signed(Body, Now, "nonce-replayed")));
        var instance = Create(server);
        await Call(instance);
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => Call(instance));
        Assert.That(e!.Message, Does.Contain("replayed"));
    }

    [Test]
    public async Task ReplayProtection_CanBeTurnedOff()
    {
        using var server = new FaultServer(FaultServer.Reply(FaultServer.Signed(Body, Now, "nonce-replayed")));
        var instance = Create(server, o => o.ResponseReplayProtection = false);
        await Call(instance);
        Assert.DoesNotThrowAsync(() => Call(instance));
    }

    [TestCase(301)]
    [TestCase(-301)]
    public void SkewedServerClock_IsRefused(int skew)
    {
        using var server = new FaultServer(FaultServer.Reply(FaultServer.Signed(Body, Now.AddSeconds(skew), "nonce-skew" + skew)));
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => Call(Create(server)));
        Assert.That(e!.Message, Does.StartWith("It's allowed time offset in ± 300 seconds"));
    }
}
