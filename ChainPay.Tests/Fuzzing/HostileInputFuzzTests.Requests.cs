using System.Collections;
using System.Dynamic;
using System.Net;
using System.Security.Cryptography;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Fuzzing;

// Hostile input on the request path: options bags and headers, error answers of any shape, factory headers.
public partial class HostileInputFuzzTests
{
    [Test]
    [CancelAfter(900_000)]
    public async Task RequestPath_HostileOptionsBagsAndHeaders_SendSignedOrRefuseWithInvalidArgument()
    {
        using var merchantKey = RSA.Create(1024);
        var recorder = new Recorder();
        var instance = Builder.Factory(new BuilderOptions
        {
            Mchid = FakeWeChatPay.Mchid,
            Serial = TestKeys.MerchantSerial,
            PrivateKey = merchantKey,
            Certs = { [TestKeys.PublicKeyId] = recorder.Platform },
            HttpClient = new HttpClient(recorder),
            Clock = () => Now,
            ResponseReplayProtection = false,
            Retry = new RetryOptions { MaxAttempts = 2, Delay = (_, _) => Task.CompletedTask },
        });
        var random = new Random(20261204);
        int sent = 0, refused = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var before = recorder.Count;
            var (bag, mustSend) = HostileBag(random);
            var template = random.Next(6) == 0 ? "v3/{id}/x" : "v3/a/{id}";
            try
            {
                var res = await instance.Chain(template).PostAsync(bag);
                Assert.That(res.StatusCode, Is.EqualTo(200), $"iteration {i}");
                Assert.That(mustSend, Is.Not.False, $"iteration {i}: a header that cannot be sent was sent");
                sent++;
            }
            catch (InvalidArgumentException e)
            {
                Assert.That(mustSend, Is.Not.True, $"iteration {i}: a sendable header was refused: {e.Message}");
                Assert.That(recorder.Count, Is.EqualTo(before), $"iteration {i}: refused after something was sent");
                refused++;
            }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"iteration {i}: {e.GetType().FullName}: {e.Message}");
            }
        }

        Assert.That(sent, Is.GreaterThan(Iterations / 10));
        Assert.That(refused, Is.GreaterThan(Iterations / 10));
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task ErrorAnswers_OfAnyShape_RaiseApiExceptionWithTheRawBody()
    {
        var random = new Random(20261205);
        var answers = new Queue<(HttpStatusCode, string)>();
        var fake = new FakeWeChatPay { Reply = _ => answers.Dequeue() };
        var instance = fake.Create(o => o.ResponseReplayProtection = false);
        for (var i = 0; i < Iterations; i++)
        {
            var status = (HttpStatusCode)(random.Next(2) == 0 ? 400 + random.Next(30) : 500 + random.Next(5));
            var body = ErrorBody(random);
            answers.Enqueue((status, body));
            try
            {
                await instance.Chain("v3/pay/transactions/id/{id}").GetAsync(new { id = "1" });
                Assert.Fail($"iteration {i}: a {(int)status} answer was returned");
            }
            catch (ApiException e)
            {
                Assert.That(e.StatusCode, Is.EqualTo((int)status), $"iteration {i}");
                Assert.That(e.Body, Is.EqualTo(body), $"iteration {i}: the raw body is kept");
            }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"iteration {i}: `{body}` raised {e.GetType().FullName}: {e.Message}");
            }
        }
    }

    [Test]
    [CancelAfter(600_000)]
    public void Factory_HostileHeaders_BuildOrRefuseWithInvalidArgumentNamingHeaders()
    {
        var random = new Random(20261206);
        int built = 0, refused = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var name = random.Next(3) == 0 ? Concat(random, TextPieces, 1, 4) : HeaderNames[random.Next(HeaderNames.Length)];
            var value = Concat(random, TextPieces, 0, 4);
            try
            {
                Builder.Factory(new BuilderOptions
                {
                    Mchid = FakeWeChatPay.Mchid,
                    Serial = TestKeys.MerchantSerial,
                    PrivateKey = FakeWeChatPay.PlatformKey,
                    Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
                    Headers = { [name] = value },
                });
                Assert.That(Sendable(name, value), Is.True, $"iteration {i}: `{Printable(name)}: {Printable(value)}` was accepted");
                built++;
            }
            catch (InvalidArgumentException e)
            {
                Assert.That(Sendable(name, value), Is.False, $"iteration {i}: `{Printable(name)}: {Printable(value)}` was refused: {e.Message}");
                Assert.That(e.ParamName, Does.StartWith("Headers"), $"iteration {i}: `{Printable(name)}: {Printable(value)}`");
                refused++;
            }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"iteration {i}: `{Printable(name)}: {Printable(value)}` raised {e.GetType().FullName}: {e.Message}");
            }
        }

        Assert.That(built, Is.GreaterThan(0));
        Assert.That(refused, Is.GreaterThan(0));
    }

    /// <summary>The oracle, from RFC 9110 §5.1 and §5.5: a token name, and a value of visible ASCII, space and tab only.</summary>
    private static bool Sendable(string name, string value) =>
        name.Length > 0
        && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0))
        && value.All(c => c == '\t' || (c >= ' ' && c < '\u007f'));

    private static string ErrorBody(Random random) => random.Next(8) switch
    {
        0 => "{\"code\":{\"a\":1},\"message\":[1,2]}",
        1 => "{\"code\":[\"X\"],\"message\":{\"m\":\"y\"},\"detail\":5}",
        2 => "{\"code\":" + random.Next() + ",\"message\":true}",
        3 => "[1,2,3]",
        4 => Concat(random, TextPieces, 0, 12),
        5 => Deep("{\"a\":", 5_000),
        6 => "{\"code\":\"SYSTEM_ERROR\",\"message\":\"" + Concat(random, new[] { "a", "中", "\\\"", "\\u0000" }, 0, 6) + "\"}",
        _ => "{\"code\":null,\"message\":null,\"detail\":{\"field\":[{}]}}",
    };

    /// <summary>A hostile options bag, and whether it must be sent (<c>true</c>), refused (<c>false</c>) or either (<c>null</c>).</summary>
    private static (object? Bag, bool? MustSend) HostileBag(Random random)
    {
        var plainId = random.Next(10) != 0;
        var bag = new Dictionary<string, object?> { ["id"] = plainId ? "o" + random.Next(1000) : Exotic(random) };
        bool? mustSend = null;
        switch (random.Next(9))
        {
            case 0: bag["json"] = Exotic(random); break;
            case 1: bag["query"] = Exotic(random); break;
            case 2:
                var name = random.Next(2) == 0 ? HeaderNames[random.Next(HeaderNames.Length)] : "X-Ok";
                var value = Concat(random, TextPieces, 0, 4);
                var plainValue = random.Next(2) == 0;
                bag["headers"] = new Dictionary<string, object?> { [name] = plainValue ? value : Exotic(random) };
                if (plainId && plainValue && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    mustSend = Sendable(name, value);
                }

                break;
            case 3: bag["xml"] = Exotic(random); break;
            case 4: bag["body"] = Exotic(random); break;
            case 5: bag["headers"] = Exotic(random); break;
            case 6: bag["json"] = new { amount = new { total = random.Next(2) == 0 ? 100.0 : random.NextDouble() }, note = Concat(random, TextPieces, 0, 4) }; break;
            default: break;
        }

        return random.Next(15) == 0 ? (Exotic(random), null) : (bag, mustSend);
    }

    private static object? Exotic(Random random)
    {
        switch (random.Next(22))
        {
            case 0: var d = new Dictionary<string, object?>(); d["self"] = d; return d;
            case 1: var l = new List<object?>(); l.Add(l); return l;
            case 2: var a = new Dictionary<string, object?>(); var b = new Dictionary<string, object?> { ["a"] = a }; a["b"] = b; return a;
            case 3: return typeof(string);
            case 4: return new Func<int>(() => 1);
            case 5: return new MemoryStream(new byte[] { 1, 2 });
            case 6: return IntPtr.Zero;
            case 7: return new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Unspecified);
            case 8: return new Thrower();
            case 9: return new SelfRef();
            case 10: dynamic e = new ExpandoObject(); e.self = e; return e;
            case 11: return JToken.Parse("[[[[[[[[[[1]]]]]]]]]]");
            case 12: return Nest(random.Next(2) == 0 ? 100 : 5_000);
            case 13: return new object();
            case 14: return new ArrayList { null, 1, "x", new Hashtable { ["k"] = 'c' } };
            case 15: return new Hashtable { [new object()] = 1, [1] = new[] { 1.5, double.NaN, double.PositiveInfinity } };
            case 16: return Concat(random, TextPieces, 0, 6);
            case 17: return new[] { new Dictionary<string, object?> { ["k"] = "v" } };
            case 18: return Array.Empty<object>();
            case 19: return DBNull.Value;
            case 20: return decimal.MaxValue;
            default: return new ExpandoObject();
        }
    }

    private static object Nest(int depth)
    {
        object current = "leaf";
        for (var i = 0; i < depth; i++)
        {
            current = new Dictionary<string, object?> { ["n"] = current };
        }

        return current;
    }

    private sealed class Thrower
    {
        public string Boom => throw new InvalidOperationException("a getter that throws");
    }

    private sealed class SelfRef
    {
        public SelfRef Me => this;
    }

    /// <summary>Answers every request 200 with a signed <c>{}</c>, counting what reaches the wire.</summary>
    private sealed class Recorder : HttpMessageHandler
    {
        private int count;

        public RSA Platform { get; } = RSA.Create(1024);

        public int Count => Volatile.Read(ref count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}"), RequestMessage = request };
            FakeWeChatPay.Sign(response, "{}", Now, key: Platform);
            return Task.FromResult(response);
        }
    }
}
