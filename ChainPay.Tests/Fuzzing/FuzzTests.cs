using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing with a fixed seed: random chains and option bags either send a correctly signed request
/// with every placeholder value percent-encoded (checked against an RFC 3986 encoder written here), or raise
/// <see cref="InvalidArgumentException"/> naming the very option the test predicts from the bag it generated
/// (missing placeholder, dot segment, unknown key, APIv2 without a secret…) — nothing else.
/// </summary>
[NonParallelizable]
[Category("slow")]
public class FuzzTests
{
    private const int Iterations = 100_000;
    private const int Seed = 20261123;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795455453);
    private static readonly string[] Names = { "id", "out_trade_no", "sub_mchid", "x", "openid" };
    private static readonly string[] Pieces = { "a", "Z", "0", "-", "_", ".", "..", "~", "/", " ", "%", "%2F", "%zz", "?", "#", "&", "=", "+", ":", "@", "中", "é", "😀", "\"", "'", "<", ">", "\\", "{", "}", "\r\n", "\t", "v2", "v3" };

    private sealed class Recorder : HttpMessageHandler
    {
        private readonly HttpResponseMessage canned;
        private readonly byte[] body;

        public Recorder(string body)
        {
            this.body = Encoding.UTF8.GetBytes(body);
            canned = new HttpResponseMessage(HttpStatusCode.OK);
            FakeWeChatPay.Sign(canned, body, Now);
        }

        public SentRequest? Last { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = request.Headers.NonValidated.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            Last = new SentRequest(request.Method.Method, request.RequestUri!.PathAndQuery, request.RequestUri.AbsoluteUri, sent, headers.TryGetValue("Authorization", out var a) ? a : null, null, headers);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
            foreach (var header in canned.Headers)
            {
                response.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return response;
        }
    }

    [Test]
    public async Task RandomChainsAndOptionBags_SignCorrectlyOrRaiseTheArgumentException()
    {
        using var merchantKey = RSA.Create(1024); // a smaller key keeps 100,000 signatures quick; the scheme is the same
        var recorder = new Recorder("{}");
        var instance = Builder.Factory(new BuilderOptions
        {
            Mchid = FakeWeChatPay.Mchid,
            Serial = TestKeys.MerchantSerial,
            PrivateKey = merchantKey,
            Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
            HttpClient = new HttpClient(recorder),
            Clock = () => Now,
            ResponseReplayProtection = false, // the canned answer repeats its nonce by design
        });
        var random = new Random(Seed);
        int sent = 0, refused = 0;
        var reasons = new Dictionary<string, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var (parts, bag, simpleValues) = Generate(random);
            var template = string.Join("/", parts.Select(p => p.Literal ?? (p.Reserved ? "{+" + p.Name + "}" : "{" + p.Name + "}")));
            var expected = ExpectedRefusal(parts, bag);
            var node = instance.Chain(template);
            var get = random.Next(2) == 0;
            try
            {
                var res = get ? await node.GetAsync(bag) : await node.PostAsync(bag);
                Assert.That(expected, Is.Null, $"iteration {i}: `{template}` with {JToken.FromObject(Describe(bag))} was sent, but `{expected}` should have been refused");
                Assert.That(res.StatusCode, Is.EqualTo(200));
                var request = recorder.Last!;
                Assert.That(VerifySignature(request, merchantKey), Is.True, $"iteration {i}: `{template}` was sent with a bad signature");
                foreach (var value in simpleValues)
                {
                    // Encoded by RFC 3986 as exactly one segment: the encoding holds no '/', '?', '#' or raw '%'.
                    Assert.That(request.Target, Does.Contain(Rfc3986.Encode(value)), $"iteration {i}: `{value}` did not reach the wire percent-encoded: `{template}` sent as {request.Target}");
                }

                sent++;
            }
            catch (InvalidArgumentException e)
            {
                Assert.That(e.ParamName, Is.EqualTo(expected), $"iteration {i}: `{template}` with {JToken.FromObject(Describe(bag))} refused for the wrong reason: {e.Message}");
                reasons[expected!] = reasons.TryGetValue(expected!, out var n) ? n + 1 : 1;
                refused++;
            }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"iteration {i}: `{template}` with {JToken.FromObject(Describe(bag))} raised {e.GetType().Name}: {e.Message}");
            }
        }

        // Every kind of refusal the generator can produce was met (so none of the predictions is vacuous).
        var kinds = reasons.Keys.Select(k => Names.Contains(k) ? "placeholder" : k.EndsWith("_typo", StringComparison.Ordinal) ? "unknown" : k).Distinct();
        Assert.That(kinds, Is.SupersetOf(new[] { "placeholder", "unknown", "Secret", "base_uri", "path", "query", "X-Fuzz", "body", "xml", "security", "nonceless" }));
        Assert.That(sent + refused, Is.EqualTo(Iterations));
        Assert.That(sent, Is.GreaterThan(Iterations / 5), "the generator must mostly produce sendable requests");
        Assert.That(refused, Is.GreaterThan(Iterations / 20), "and a fair share of refusable ones");
    }

    /// <summary>A piece of a generated chain: literal text, or a placeholder (reserved: <c>{+name}</c>).</summary>
    private sealed record Part(string? Literal, string? Name = null, bool Reserved = false);

    private static (List<Part> Parts, Dictionary<string, object?> Bag, List<string> SimpleValues) Generate(Random random)
    {
        var segments = new List<Part> { new(random.Next(10) == 0 ? "v2" : "v3") };
        var used = new List<(string Name, bool Reserved)>();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            switch (random.Next(5))
            {
                case 0:
                    var name = Names[random.Next(Names.Length)];
                    var reserved = random.Next(4) == 0;
                    used.Add((name, reserved));
                    segments.Add(new Part(null, name, reserved));
                    break;
                default:
                    segments.Add(new Part(Text(random, 1, 4, literal: true)));
                    break;
            }
        }

        var bag = new Dictionary<string, object?>();
        var simple = new List<string>();
        foreach (var (name, reserved) in used)
        {
            if (bag.ContainsKey(name) || random.Next(12) == 0)
            {
                continue; // left missing sometimes: must be refused
            }

            var value = Value(random);
            bag[name] = value;
            if (!reserved && value is string s && s.Length > 1 && s.IndexOfAny(new[] { '/', '?', '#', ' ', '%', '&' }) >= 0 && !used.Any(u => u.Name == name && u.Reserved))
            {
                simple.Add(s);
            }
        }

        if (random.Next(8) == 0)
        {
            bag[Names[random.Next(Names.Length)] + "_typo"] = "x"; // unknown key
        }

        switch (random.Next(10))
        {
            case 0: bag["json"] = new { a = Text(random, 0, 5, false), n = random.Next(), nested = new[] { 1, 2 } }; break;
            case 1: bag["query"] = new Dictionary<string, object?> { ["q"] = Text(random, 0, 5, false), ["n"] = null, ["b"] = random.Next(2) == 0 }; break;
            case 2: bag["query"] = random.Next(3) == 0 ? (object)42 : "a=1&b=" + Text(random, 0, 3, false); break;
            case 3: bag["headers"] = new Dictionary<string, object?> { ["X-Fuzz"] = Text(random, 0, 4, false) }; break;
            case 4: bag["body"] = random.Next(3) == 0 ? (object)random.Next() : Text(random, 0, 6, false); break;
            case 5: bag["base_uri"] = random.Next(2) == 0 ? "https://api2.mch.weixin.qq.com/" : Text(random, 1, 3, false); break;
            case 6: bag[new[] { "xml", "security", "nonceless" }[random.Next(3)]] = true; break;
            case 7: bag["json"] = JToken.Parse("{\"k\":\"" + Text(random, 0, 3, false).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t") + "\"}"); break;
        }

        return (segments, bag, simple);
    }

    private static readonly string[] Reserved = { "json", "query", "headers", "body", "xml", "security", "nonceless", "base_uri" };

    /// <summary>
    /// The ParamName the generated call must be refused with, or <c>null</c> when it must be sent — predicted from
    /// the documented rules (options.md, chain-rules.md) in the order they are checked: the option bag, then the
    /// placeholders in template order, unknown keys, the APIv2 secret, APIv2-only options, dot segments, query,
    /// headers, body.
    /// </summary>
    private static string? ExpectedRefusal(List<Part> parts, Dictionary<string, object?> bag)
    {
        if (bag.TryGetValue("base_uri", out var baseUri)
            && !(baseUri is string b && Uri.TryCreate(b, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http")))
        {
            return "base_uri";
        }

        foreach (var part in parts.Where(p => p.Name is not null))
        {
            if (!bag.TryGetValue(part.Name!, out var value) || value is null || CannotFill(value, part.Reserved))
            {
                return part.Name;
            }
        }

        var unknown = bag.Keys.FirstOrDefault(k => !Reserved.Contains(k) && parts.All(p => p.Name != k));
        if (unknown is not null)
        {
            return unknown;
        }

        if (parts[0].Literal == "v2")
        {
            return "Secret";
        }

        foreach (var v2Only in new[] { "xml", "security", "nonceless" })
        {
            if (bag.ContainsKey(v2Only))
            {
                return v2Only;
            }
        }

        if (parts.Any(p => p.Literal is "." or ".."))
        {
            return "path";
        }

        if (bag.TryGetValue("query", out var query) && query is int)
        {
            return "query";
        }

        if (bag.TryGetValue("headers", out var headers) && ((Dictionary<string, object?>)headers!)["X-Fuzz"] is string header
            && header.Any(c => c > '~' || (c < ' ' && c != '\t')))
        {
            return "X-Fuzz"; // a header value is printable ASCII (or HTAB)
        }

        return bag.TryGetValue("body", out var body) && body is int ? "body" : null;
    }

    /// <summary>A value that cannot fill its placeholder: a nested list, or a (reserved: any '/'-separated) dot segment.</summary>
    private static bool CannotFill(object value, bool reserved) => value switch
    {
        string s => IsDotSegment(s, reserved),
        string[] items => items.Any(item => IsDotSegment(item, reserved)),
        Dictionary<string, object?> map => map.Values.Any(item => IsDotSegment((string)item!, reserved)),
        object[] => true, // a list holding a list
        _ => false, // a number or a boolean
    };

    private static bool IsDotSegment(string text, bool reserved) =>
        (reserved ? text.Split('/') : new[] { text }).Any(segment => segment.Replace("%2E", ".").Replace("%2e", ".") is "." or "..");

    private static object? Value(Random random) => random.Next(14) switch
    {
        0 => null,
        1 => random.Next(-1000, 100000),
        2 => random.Next(2) == 0,
        3 => ".",
        4 => "..",
        5 => new[] { Text(random, 1, 3, false), Text(random, 1, 3, false) },
        6 => new Dictionary<string, object?> { ["k"] = Text(random, 1, 3, false) },
        7 => new object[] { new[] { "nested" } },
        8 => "https://evil.example/" + Text(random, 1, 2, false),
        9 => string.Empty,
        _ => Text(random, 1, 6, false),
    };

    private static string Text(Random random, int min, int max, bool literal)
    {
        var sb = new StringBuilder();
        for (var n = random.Next(min, max + 1); n > 0; n--)
        {
            var piece = Pieces[random.Next(Pieces.Length)];
            if (literal && (piece == "{" || piece == "}" || piece == "\r\n" || piece == "\t" || piece == "/" || piece == "#" || piece == "?"))
            {
                piece = "p"; // a chain's literal text is the developer's own; it is fuzzed through values instead
            }

            sb.Append(piece);
        }

        return sb.ToString();
    }

    private static bool VerifySignature(SentRequest sent, RSA key)
    {
        var auth = sent.Authorization ?? string.Empty;
        if (!auth.StartsWith("WECHATPAY2-SHA256-RSA2048 ", StringComparison.Ordinal))
        {
            return false;
        }

        var fields = auth.Substring(26).Split(',').ToDictionary(f => f.Substring(0, f.IndexOf('=')), f => f.Substring(f.IndexOf('=') + 2).TrimEnd('"'));
        var message = Encoding.UTF8.GetBytes($"{sent.Method}\n{sent.Target}\n{fields["timestamp"]}\n{fields["nonce_str"]}\n").Concat(sent.Body).Concat(new[] { (byte)'\n' }).ToArray();
        return key.VerifyData(message, Convert.FromBase64String(fields["signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static Dictionary<string, string> Describe(Dictionary<string, object?> bag) =>
        bag.ToDictionary(p => p.Key, p => p.Value is null ? "null" : p.Value is string s ? s : p.Value.GetType().Name);
}
