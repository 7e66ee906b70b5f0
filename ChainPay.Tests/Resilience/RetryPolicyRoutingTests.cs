using System.Net;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;
using RichardSzalay.MockHttp;

namespace ChainPay.Tests.Resilience;

/// <summary>Where each attempt goes (docs/resilience.md, "What is retried" and "The backup domain"): the rules pinned one by one.</summary>
public class RetryPolicyRoutingTests
{
    private const string Backup = "https://api2.mch.weixin.qq.com/";
    private readonly List<TimeSpan> waits = new();

    [SetUp]
    public void SetUp() => waits.Clear();

    private RetryOptions Options(string? backup = Backup, int attempts = 3) => new()
    {
        MaxAttempts = attempts,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(1),
        Jitter = false,
        BackupBaseUri = backup,
        Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; },
    };

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [CancelAfter(10_000)]
    public async Task AServerError_MovesTheNextAttemptToTheBackupDomain(HttpStatusCode status)
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(status, HttpStatusCode.OK) };
        var res = await fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync(new { query = new { a = 1 } });
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api.mch.weixin.qq.com/v3/x?a=1", "https://api2.mch.weixin.qq.com/v3/x?a=1" }));
        Assert.That(fake.Sent.All(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.True, "the backup attempt is signed for its own URL");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task WithoutABackupBaseUri_EveryAttemptStaysOnTheBaseUri()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        await fake.Create(o => o.Retry = Options(backup: null)).Chain("v3/x").GetAsync();
        Assert.That(fake.Sent.Select(s => s.Url), Is.All.EqualTo("https://api.mch.weixin.qq.com/v3/x"));
        Assert.That(fake.Sent, Has.Count.EqualTo(3));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task TooManyRequests_IsRetriedOnTheSameHost_EvenWithABackupBaseUri()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence((HttpStatusCode)429, HttpStatusCode.OK) };
        await fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync();
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api.mch.weixin.qq.com/v3/x", "https://api.mch.weixin.qq.com/v3/x" }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OnceOnTheBackupDomain_LaterAttemptsStayThere()
    {
        // A 5xx moves the call; a 429 on the backup (which alone would not move it) must not move it back.
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, (HttpStatusCode)429, HttpStatusCode.OK) };
        var res = await fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync();
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[]
        {
            "https://api.mch.weixin.qq.com/v3/x", "https://api2.mch.weixin.qq.com/v3/x", "https://api2.mch.weixin.qq.com/v3/x",
        }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task AConnectionFailureThenA429_StaysOnTheBackupDomain()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence((HttpStatusCode)429, HttpStatusCode.OK) };
        var http = new HttpClient(new RefuseFirstConnection { InnerHandler = fake.Handler });
        await fake.Create(o => { o.HttpClient = http; o.Retry = Options(); }).Chain("v3/x").GetAsync();
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api2.mch.weixin.qq.com/v3/x", "https://api2.mch.weixin.qq.com/v3/x" }));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ATimeout_IsRetried_OnTheBackupDomain()
    {
        // The first attempt never gets an answer: the handler waits until Flurl's Timeout cancels it (no sleep).
        var fake = new FakeWeChatPay();
        var hang = new HangFirst { InnerHandler = fake.Handler };
        var res = await fake.Create(o =>
        {
            o.HttpClient = new HttpClient(hang);
            o.Timeout = TimeSpan.FromMilliseconds(100);
            o.Retry = Options();
        }).Chain("v3/x").GetAsync();
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(hang.Seen, Is.EqualTo(new[] { "api.mch.weixin.qq.com", "api2.mch.weixin.qq.com" }));
        Assert.That(waits, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task TheTrailingSlashOfBackupBaseUri_IsAdded()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.OK) };
        await fake.Create(o => o.Retry = Options(backup: "https://api2.mch.weixin.qq.com")).Chain("v3/x").GetAsync();
        Assert.That(fake.Sent.Last().Url, Is.EqualTo("https://api2.mch.weixin.qq.com/v3/x"));
        Assert.That(new RetryPolicy(Options(backup: "https://api2.mch.weixin.qq.com")).BackupBaseUri, Is.EqualTo(Backup));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ACallWithItsOwnBaseUri_KeepsThatHostOnEveryAttempt()
    {
        var fake = new FakeWeChatPay { Reply = FakeWeChatPay.Sequence(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.OK) };
        await fake.Create(o => o.Retry = Options()).Chain("v3/x").GetAsync(new { base_uri = "https://fraud.mch.weixin.qq.com/" });
        Assert.That(fake.Sent.Select(s => s.Url), Is.All.EqualTo("https://fraud.mch.weixin.qq.com/v3/x"));
        Assert.That(fake.Sent, Has.Count.EqualTo(3));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ApiV2_AServerErrorIsRetried_OnTheBackupDomain_WithAFreshNonce()
    {
        var (instance, sent) = ApiV2(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        var res = await instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100", out_trade_no = "1" } });
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(sent.Select(s => s.Url), Is.EqualTo(new[] { "https://api.mch.weixin.qq.com/pay/orderquery", "https://api2.mch.weixin.qq.com/pay/orderquery" }));
        var nonces = sent.Select(s => (string?)Transformer.ToArray(s.Body)["nonce_str"]).ToList();
        Assert.That(nonces, Has.All.Length.EqualTo(32));
        Assert.That(nonces.Distinct().Count(), Is.EqualTo(2), "each attempt is signed anew");
        foreach (var (_, body) in sent)
        {
            var fields = Transformer.ToArray(body);
            Assert.That(fields["sign"], Is.EqualTo(Hash.Sign(Hash.AlgoMd5, Formatter.QueryStringLike(Formatter.Ksort(fields)), V2Secret)));
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public void ApiV2_WithItsOwnBaseUri_ThreeServerErrors_AreThreeAttempts_ThenTheLastError()
    {
        var (instance, sent) = ApiV2(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" }, base_uri = "https://api.mch.weixin.qq.com/" }));
        Assert.That(e!.StatusCode, Is.EqualTo(503));
        Assert.That(sent.Select(s => s.Url), Is.All.EqualTo("https://api.mch.weixin.qq.com/pay/orderquery"), "its own base_uri keeps the host");
        Assert.That(sent, Has.Count.EqualTo(3));
    }

    [Test]
    [CancelAfter(10_000)]
    public void ApiV2_AFailedAnswer_IsNeverRetried()
    {
        var (instance, sent) = ApiV2(HttpStatusCode.OK);
        failV2 = true;
        Assert.ThrowsAsync<ApiV2Exception>(() => instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } }));
        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(waits, Is.Empty);
    }

    private const string V2Secret = "192006250b4c09247ec02edce69f6a2d";

    // A successful APIv2 answer; its sign computed outside ChainPay (Python hashlib):
    // MD5("result_code=SUCCESS&return_code=SUCCESS&key=" + V2Secret), upper case.
    private const string SuccessAnswer = "<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code><sign>9224E4CA1393991F5C9F11E1E53114F2</sign></xml>";
    private bool failV2;

    private (BuilderChain Instance, List<(string Url, string Body)> Sent) ApiV2(params HttpStatusCode[] statuses)
    {
        failV2 = false;
        var sent = new List<(string Url, string Body)>();
        var mock = new MockHttpMessageHandler();
        var i = 0;
        mock.Fallback.Respond(async request =>
        {
            sent.Add((request.RequestUri!.AbsoluteUri, request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync()));
            var status = statuses[Math.Min(i++, statuses.Length - 1)];
            var body = status != HttpStatusCode.OK ? "<html>busy</html>"
                : failV2 ? "<xml><return_code>FAIL</return_code><return_msg>系统繁忙</return_msg></xml>"
                : SuccessAnswer;
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
        });
        var instance = Builder.Factory(new BuilderOptions
        {
            Mchid = "10000100",
            Serial = TestKeys.MerchantSerial,
            PrivateKey = TestKeys.Pkcs8PrivateKey,
            Certs = { [TestKeys.PublicKeyId] = TestKeys.SpkiPublicKey },
            Secret = V2Secret,
            HttpClient = new HttpClient(mock),
            Retry = Options(),
        });
        return (instance, sent);
    }

    /// <summary>Never answers the first request: it waits until the call's own timeout cancels it.</summary>
    private sealed class HangFirst : DelegatingHandler
    {
        public List<string> Seen { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool first;
            lock (Seen)
            {
                Seen.Add(request.RequestUri!.Host);
                first = Seen.Count == 1;
            }

            if (!first)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("not reached");
        }
    }
}
