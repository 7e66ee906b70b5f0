using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Http;

/// <summary>The target on the wire is the one ChainPay built and signed, byte for byte (issue 10, items 13 and 14).</summary>
public class WireTargetHandlerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795455453);

    private static IEnumerable<TestCaseData> Targets()
    {
        yield return new TestCaseData("v3/a%41b", null, "/v3/a%41b").SetName("{m}(literal %41)");
        yield return new TestCaseData("v3/a%7e%7E/%2F", null, "/v3/a%7e%7E/%2F").SetName("{m}(literal %7e %7E %2F)");
        yield return new TestCaseData("v3/x?a=%41", null, "/v3/x?a=%41").SetName("{m}(template query %41)");
        yield return new TestCaseData("v3/x", "b=%7E&c=%41", "/v3/x?b=%7E&c=%41").SetName("{m}(query option string)");
        yield return new TestCaseData("v3/a[0]/b]", null, "/v3/a%5B0%5D/b%5D").SetName("{m}(brackets in the path)");
        yield return new TestCaseData("v3/x?a[0]=1", null, "/v3/x?a%5B0%5D=1").SetName("{m}(brackets in the query)");
    }

    [TestCaseSource(nameof(Targets))]
    public async Task OnARealSocket_TheRequestLineIsTheSignedTarget(string template, string? query, string target)
    {
        using var server = new RecordingServer(Now);
        var instance = Builder.Factory(new BuilderOptions
        {
            Mchid = FakeWeChatPay.Mchid,
            Serial = TestKeys.MerchantSerial,
            PrivateKey = TestKeys.Pkcs8PrivateKey,
            Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
            BaseUri = server.BaseUri,
            Clock = () => Now,
            Timeout = TimeSpan.FromSeconds(10),
        });

        using var response = await instance.Chain(template).GetAsync(query is null ? null : new { query });

        Assert.That(server.Heads, Has.Count.EqualTo(1));
        var lines = server.Heads.Single().Split("\r\n");
        Assert.That(lines[0], Is.EqualTo($"GET {target} HTTP/1.1"));
        var authorization = lines.Single(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase)).Substring(14).Trim();
        var sent = new SentRequest("GET", target, server.BaseUri.TrimEnd('/') + target, Array.Empty<byte>(), authorization, null, new Dictionary<string, string>());
        Assert.That(FakeWeChatPay.VerifyAuthorization(sent, out _), Is.True, "the signature covers the target on the wire");
        Assert.That(response.ResponseMessage.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo(target));
    }

    [TestCaseSource(nameof(Targets))]
    public async Task ThroughAnInjectedHttpClient_TheHandlersSeeTheSignedTarget(string template, string? query, string target)
    {
        var fake = new FakeWeChatPay();
        using var response = await fake.Create().Chain(template).GetAsync(query is null ? null : new { query });

        var sent = fake.Sent.Single();
        Assert.That(sent.Target, Is.EqualTo(target));
        Assert.That(FakeWeChatPay.VerifyAuthorization(sent, out _), Is.True);
    }

    [Test]
    public async Task APlaceholderValue_KeepsItsEncoding_AndReservedExpansionItsTriplets()
    {
        var fake = new FakeWeChatPay();
        var instance = fake.Create();
        using var a = await instance.Chain("v3/images/{id}").GetAsync(new { id = "a[0]%41" });
        using var b = await instance.Chain("v3/{+path}").GetAsync(new { path = "x/a[0]%41" });

        Assert.That(fake.Sent.Select(s => s.Target), Is.EqualTo(new[] { "/v3/images/a%5B0%5D%2541", "/v3/x/a%5B0%5D%41" }));
        Assert.That(fake.Sent.All(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.True);
    }

    [Test]
    public void Pin_LeavesATextThatIsNotAValidTarget_ToDotNet()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://h/v3/a b#f");
        var before = request.RequestUri;
        ChainPay.Http.WireTargetHandler.Pin(request);
        Assert.That(request.RequestUri, Is.SameAs(before));
    }

    /// <summary>Records each request head and answers with a signed <c>{}</c>.</summary>
    private sealed class RecordingServer : LoopbackTcpServer
    {
        private readonly DateTimeOffset now;
        private int count;

        public RecordingServer(DateTimeOffset now)
        {
            this.now = now;
            BaseUri = $"http://127.0.0.1:{Port}/";
            Start();
        }

        public string BaseUri { get; }

        public ConcurrentQueue<string> Heads { get; } = new();

        protected override async Task ServeAsync(TcpClient client)
        {
            var stream = client.GetStream();
            if (await HttpRequestReader.ReadAsync(stream, Stopping) is not { } head)
            {
                return;
            }

            Heads.Enqueue(head);
            var answer = FaultServer.Signed("{}", now, "nonce-wire-" + Interlocked.Increment(ref count));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), Stopping);
        }
    }
}
