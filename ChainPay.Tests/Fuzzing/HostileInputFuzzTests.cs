using System.Collections;
using System.Dynamic;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Notifications;
using ChainPay.Resilience;
using ChainPay.Tests.Fixtures;
using ChainPay.Tests.Notifications;
using ChainPay.Util;
using Flurl.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Fuzzing;

/// <summary>
/// Hostile input, 100,000 cases per entry point with fixed seeds: every public parser and the request path either
/// succeed or raise one of the exceptions docs/errors.md lists for it — never another type, never a crash of the test
/// process (deeply nested documents included, run here in the test process itself).
/// </summary>
[NonParallelizable]
[Category("slow")]
public class HostileInputFuzzTests
{
    private const int Iterations = 100_000;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795455453);
    private static readonly string[] XmlPieces =
    {
        "<xml>", "</xml>", "<a>", "</a>", "<b x=\"1\">", "</b>", "<c/>", "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>",
        "&amp;", "&lt;", "&#x41;", "&#0;", "&bogus;", "<!DOCTYPE x [<!ENTITY e \"v\">]>", "<?xml version=\"1.0\"?>", "text",
        " ", "\n", "中文", "<ns:a xmlns:ns=\"u\">", "</ns:a>", "<item>", "</item>", "\u0001", "\uD800", ">", "\"", "'",
    };

    private static readonly string[] TextPieces =
    {
        "a", "Z", "0", "-", "_", ".", "~", "/", " ", "%", "%41", "%zz", "?", "#", "&", "=", "+", ":", "@", "[", "]", "中",
        "é", "😀", "\"", "'", "<", ">", "\\", "{", "}", "\r", "\n", "\t", "\0", "\u007f", "\u0085", "\u2028",
    };

    private static readonly string[] HeaderNames =
    {
        "X-Ok", "X Bad", "X:Colon", "", " ", "X-\u00e9", "X(paren)", "X/slash", "Wechatpay-Serial", "Authorization",
        "Content-Type", "X\0", "X\t", "X-{brace}", "X-\"q\"", "X@at", "Accept",
    };

    private static readonly string[] PemPieces =
    {
        "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----",
        "-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED", "MIIB", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "AAAA", "====",
        "\n", "\r\n", " ", "file://", "file:///nonexistent/key.pem", "/nonexistent/key.pem", "private.pkcs1://", "private.pkcs8://",
        "public.spki://", "public.pkcs1://", "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ", "!@#", "中",
    };

    [Test]
    [CancelAfter(600_000)]
    public void TransformerToArray_ReturnsADictionaryOrRefusesWithInvalidArgument()
    {
        var random = new Random(20261201);
        var parsed = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var xml = i % 5_000 == 7 ? Deep(random.Next(2) == 0 ? "<a>" : "<xml><a>", 140_000) : Concat(random, XmlPieces, 0, 24);
            Expect(i, xml, () =>
            {
                Assert.That(Transformer.ToArray(xml), Is.Not.Null);
                parsed++;
            }, typeof(InvalidArgumentException));
        }

        Assert.That(parsed, Is.GreaterThan(Iterations / 2), "most random texts parse (to a possibly empty dictionary)");
    }

    [Test]
    [CancelAfter(600_000)]
    public void KeyLoaders_LoadOrRefuseWithInvalidArgument()
    {
        var random = new Random(20261202);
        for (var i = 0; i < Iterations; i++)
        {
            var text = Concat(random, PemPieces, 0, 8);
            var kind = random.Next(4);
            Expect(i, text, () =>
            {
                switch (kind)
                {
                    case 0: Rsa.From(text, Rsa.KeyTypePrivate).Dispose(); break;
                    case 1: Rsa.From(text, Rsa.KeyTypePublic).Dispose(); break;
                    case 2: PemUtil.LoadCertificateFromString(text).Dispose(); break;
                    default: PemUtil.ParseCertificateSerialNo(text); break;
                }
            }, typeof(InvalidArgumentException));
        }
    }

    [Test]
    [CancelAfter(600_000)]
    public void NotificationVerifier_AcceptsOrRaisesNotificationVerification_AndAccessorsNeverLeak()
    {
        using var platform = RSA.Create(1024); // a smaller key keeps 100,000 signatures quick; the checks are the same
        var verifier = new NotificationVerifier(new NotificationOptions
        {
            Certs = { [TestKeys.PublicKeyId] = platform },
            ApiV3Key = NotificationVerifierTests.ApiV3Key,
            Clock = () => Now,
        });
        var random = new Random(20261203);
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var body = i % 10_000 == 3 ? Deep("[", 200_000) : NotificationBody(random);
            var headers = new Dictionary<string, string>
            {
                ["Wechatpay-Timestamp"] = random.Next(20) == 0 ? Concat(random, TextPieces, 0, 3) : Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Wechatpay-Nonce"] = random.Next(20) == 0 ? string.Empty : "n" + i,
                ["Wechatpay-Serial"] = random.Next(20) == 0 ? Concat(random, TextPieces, 0, 3) : TestKeys.PublicKeyId,
            };
            var message = Encoding.UTF8.GetBytes(headers["Wechatpay-Timestamp"] + "\n" + headers["Wechatpay-Nonce"] + "\n" + body + "\n");
            headers["Wechatpay-Signature"] = random.Next(20) == 0 ? Concat(random, TextPieces, 0, 4) : Convert.ToBase64String(platform.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            Expect(i, body, () =>
            {
                var notification = verifier.Verify(headers, body);
                accepted++;
                Touch(() => _ = notification.Id + notification.EventType + notification.ResourceType + notification.Summary + notification.CreateTime);
                Touch(() => notification.DecryptResourceText());
                Touch(() => notification.DecryptResource());
            }, typeof(NotificationVerificationException));
        }

        Assert.That(accepted, Is.GreaterThan(Iterations / 4), "most bodies are signed correctly and reach the accessors");

        static void Touch(Action read)
        {
            try
            {
                read();
            }
            catch (NotificationVerificationException)
            {
                // documented: the verified body has an unexpected shape or does not decrypt
            }
        }
    }

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

    private static void Expect(int iteration, string input, Action action, params Type[] documented)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not AssertionException && documented.Any(t => t.IsInstanceOfType(e)))
        {
            // documented refusal
        }
        catch (Exception e) when (e is not AssertionException)
        {
            Assert.Fail($"iteration {iteration}: `{Printable(input)}` raised {e.GetType().FullName}: {e.Message}");
        }
    }

    private static string NotificationBody(Random random)
    {
        JToken Any(int depth) => random.Next(depth > 2 ? 5 : 8) switch
        {
            0 => JValue.CreateNull(),
            1 => new JValue(random.Next()),
            2 => new JValue(random.Next(2) == 0),
            3 => new JValue(random.NextDouble()),
            4 => new JValue(Concat(random, TextPieces, 0, 5)),
            5 => new JArray(Any(depth + 1), Any(depth + 1)),
            _ => new JObject { ["ciphertext"] = Any(depth + 1), ["nonce"] = Any(depth + 1), ["algorithm"] = Any(depth + 1) },
        };

        switch (random.Next(12))
        {
            case 0: return Concat(random, TextPieces, 0, 10);
            case 1: return Any(0).ToString(Newtonsoft.Json.Formatting.None);
        }

        var (_, genuine) = NotificationVerifierTests.Notice();
        var body = JObject.Parse(genuine);
        var fields = new[] { "id", "create_time", "event_type", "resource_type", "summary", "resource" };
        for (var n = random.Next(1, 3); n > 0; n--)
        {
            var field = fields[random.Next(fields.Length)];
            if (field == "resource" && random.Next(2) == 0 && body["resource"] is JObject resource)
            {
                resource[new[] { "ciphertext", "nonce", "associated_data", "algorithm" }[random.Next(4)]] = Any(1);
            }
            else
            {
                body[field] = Any(0);
            }
        }

        return body.ToString(Newtonsoft.Json.Formatting.None);
    }

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

    private static string Deep(string open, int times) => new StringBuilder(open.Length * times).Insert(0, open, times).ToString();

    private static string Concat(Random random, string[] pieces, int min, int max)
    {
        var sb = new StringBuilder();
        for (var n = random.Next(min, max + 1); n > 0; n--)
        {
            sb.Append(pieces[random.Next(pieces.Length)]);
        }

        return sb.ToString();
    }

    private static string Printable(string text) =>
        text.Length > 200 ? Printable(text.Substring(0, 200)) + "…(" + text.Length + " chars)" : string.Concat(text.Select(c => c < ' ' || c == '\u007f' ? $"\\u{(int)c:x4}" : c.ToString()));

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
