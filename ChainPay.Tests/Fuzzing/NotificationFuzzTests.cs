using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Notifications;
using Newtonsoft.Json;
using AesGcm = ChainPay.Crypto.AesGcm;
using Sm4Gcm = ChainPay.Crypto.Sm4Gcm;

namespace ChainPay.Tests.Fuzzing;

/// <summary>
/// Hostile notifications with a fixed seed: bodies of every shape (most of them validly signed, so that they get past
/// the signature to the JSON), broken headers, encrypted resources of every shape, through
/// <see cref="NotificationVerifier.Verify(Func{string, string?}, byte[])"/>, every accessor and every decrypt.
/// Nothing but <see cref="NotificationVerificationException"/> may escape.
/// </summary>
[NonParallelizable]
[Category("slow")]
public class NotificationFuzzTests
{
    private const int Iterations = 4000;
    private const int Seed = 20261124;
    private const string Serial = "PUB_KEY_ID_0114232134912410000000000000";
    private const string ApiV3Key = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795455453);
    private static readonly string[] Envelope = { "id", "create_time", "resource_type", "event_type", "summary", "resource" };
    private static readonly string[] ResourceFields = { "algorithm", "ciphertext", "nonce", "associated_data", "original_type" };
    private static readonly string[] Headers = { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial", "Wechatpay-Signature" };
    private static readonly string[] Scalars =
    {
        "0", "-0", "1", "-1", "1.10", "1e400", "-1e400", "1E-400", "123456789012345678901234567890", "0.1e1", "NaN", "Infinity",
        "true", "false", "null", "\"\"", "\" \"", "\"EV-1\"", "\"2018-06-08T10:34:56+08:00\"", "\"\\/Date(1198908717056)\\/\"",
        "\"\\u0000\"", "\"\\ud800\"", "\"中文\"", "\"AEAD_AES_256_GCM\"", "\"AEAD_SM4_GCM\"", "\"%%%\"", "\"AAAA\"", "'single'", "undefined",
    };

    private static readonly string[] Junk = { "{", "}", "[", "]", ":", ",", "\"", "\\", "1", "e", "-", ".", " ", "\n", "null", "tru", "中", "\0", "/*", "*/", "//" };

    private sealed class Sample
    {
        [JsonProperty("out_trade_no")]
        public string? OutTradeNo { get; set; }

        [JsonProperty("success_time")]
        public DateTimeOffset? SuccessTime { get; set; }

        [JsonProperty("amount")]
        public SampleAmount? Amount { get; set; }
    }

    private sealed class SampleAmount
    {
        [JsonProperty("total")]
        public long Total { get; set; }

        [JsonProperty("rate")]
        public decimal Rate { get; set; }
    }

    [Test]
    public void HostileNotifications_RaiseOnlyTheVerificationException()
    {
        using var platform = RSA.Create(1024); // a smaller key keeps thousands of signatures quick; the scheme is the same
        var verifiers = new[] { Verifier(platform, replay: false), Verifier(platform, replay: true) };
        var random = new Random(Seed);
        int verified = 0, refused = 0, decrypted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var body = Body(random);
            var headers = Sign(random, platform, body);
            var verifier = verifiers[random.Next(verifiers.Length)];
            var notification = Expect(i, body, "Verify", () => Call(random, verifier, headers, body));
            if (notification is null)
            {
                refused++;
                continue;
            }

            verified++;
            Expect(i, body, "Id", () => notification.Id);
            Expect(i, body, "EventType", () => notification.EventType);
            Expect(i, body, "ResourceType", () => notification.ResourceType);
            Expect(i, body, "Summary", () => notification.Summary);
            Expect(i, body, "CreateTime", () => notification.CreateTime);
            Expect(i, body, "Body", () => notification.Body.ToString(Formatting.None));
            decrypted += Expect(i, body, "DecryptResourceText", () => notification.DecryptResourceText()) is null ? 0 : 1;
            Expect(i, body, "DecryptResource", () => notification.DecryptResource());
            Expect(i, body, "DecryptResource<Sample>", () => notification.DecryptResource<Sample>());
            Expect(i, body, "DecryptResource<Dictionary>", () => notification.DecryptResource<Dictionary<string, object>>());
        }

        // The run reached every stage: refusals, verified bodies, and resources that really decrypted.
        TestContext.Out.WriteLine($"refused {refused}, verified {verified}, decrypted {decrypted}");
        Assert.That(refused, Is.GreaterThan(Iterations / 10));
        Assert.That(verified, Is.GreaterThan(Iterations / 3));
        Assert.That(decrypted, Is.GreaterThan(Iterations / 20));
    }

    private static NotificationVerifier Verifier(RSA platform, bool replay) => new(new NotificationOptions
    {
        Certs = { [Serial] = platform.ExportSubjectPublicKeyInfoPem() },
        ApiV3Key = ApiV3Key,
        Clock = () => Now,
        ReplayProtection = replay,
    });

    /// <summary>Runs <paramref name="call"/>; a NotificationVerificationException gives <c>default</c>, anything else fails the test.</summary>
    private static T? Expect<T>(int iteration, byte[] body, string what, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (NotificationVerificationException)
        {
            return default;
        }
        catch (Exception e)
        {
            var shown = Encoding.UTF8.GetString(body);
            Assert.Fail($"iteration {iteration}: {what} raised {e.GetType().Name}: {e.Message}\nbody: {(shown.Length > 400 ? shown[..400] + "…" : shown)}");
            throw;
        }
    }

    private static Notification Call(Random random, NotificationVerifier verifier, Dictionary<string, string?> headers, byte[] body)
    {
        switch (random.Next(3))
        {
            case 0:
                return verifier.Verify(name => headers.GetValueOrDefault(name), body);
            case 1:
                return verifier.Verify(name => headers.GetValueOrDefault(name), Encoding.UTF8.GetString(body));
            default:
                var pairs = headers.Where(h => h.Value is not null).Select(h => new KeyValuePair<string, string>(random.Next(2) == 0 ? h.Key : h.Key.ToUpperInvariant(), h.Value!));
                return verifier.Verify(pairs.ToList(), Encoding.UTF8.GetString(body));
        }
    }

    /// <summary>The four headers, validly signed four times in five; otherwise broken in one way.</summary>
    private static Dictionary<string, string?> Sign(Random random, RSA platform, byte[] body)
    {
        var ts = Now.AddSeconds(random.Next(-310, 311)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = random.Next(10) == 0 ? Pick(random, "", " ", "\t", "中", "n\r\nx") : Formatter.Nonce();
        var signed = Encoding.UTF8.GetBytes(ts + "\n" + nonce + "\n").Concat(body).Append((byte)'\n').ToArray();
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Wechatpay-Timestamp"] = ts,
            ["Wechatpay-Nonce"] = nonce,
            ["Wechatpay-Serial"] = Serial,
            ["Wechatpay-Signature"] = Convert.ToBase64String(platform.SignData(signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
        };
        if (random.Next(5) != 0)
        {
            return headers;
        }

        var name = Headers[random.Next(Headers.Length)];
        headers[name] = random.Next(8) switch
        {
            0 => null,
            1 => string.Empty,
            2 => " \t ",
            3 => "WECHATPAY/SIGNTEST/" + headers[name],
            4 => headers[name] + "=",
            5 => Pick(random, "-1", "99999999999999999999", "1795455453.0", "+1795455453", "%%%", "AAAA", "中文", "PUB_KEY_ID_OTHER"),
            6 => headers[name]!.ToLowerInvariant(),
            _ => new string('A', random.Next(1, 600)),
        };
        return headers;
    }

    private static byte[] Body(Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return Encoding.UTF8.GetBytes(Value(random, 0));                                  // any JSON value, objects rarely
            case 1:
                return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Junk[random.Next(Junk.Length)])));
            case 2:
                return Mutate(random, Encoding.UTF8.GetBytes(EnvelopeText(random)));                   // bytes flipped, cut, invalid UTF-8
            case 3:
                var depth = random.Next(60, 3000);
                return Encoding.UTF8.GetBytes("{\"resource\":" + new string('[', depth) + new string(']', depth) + "}");
            default:
                return Encoding.UTF8.GetBytes(EnvelopeText(random));
        }
    }

    /// <summary>A notification-like object: the envelope fields, each a string most of the time, with a resource.</summary>
    private static string EnvelopeText(Random random)
    {
        var fields = Envelope.Where(_ => random.Next(8) != 0).Select(name => name == "resource"
            ? $"\"resource\":{(random.Next(6) == 0 ? Value(random, 1) : Resource(random))}"
            : $"\"{name}\":{(random.Next(3) == 0 ? Value(random, 1) : JsonConvert.ToString("v" + random.Next(1000)))}").ToList();
        if (random.Next(10) == 0 && fields.Count > 0)
        {
            fields.Add(fields[random.Next(fields.Count)]); // a repeated name
        }

        return "{" + string.Join(",", fields) + "}";
    }

    private static string Resource(Random random)
    {
        var algorithm = random.Next(6) switch { 0 => "AEAD_SM4_GCM", 1 => "AEAD_other", _ => "AEAD_AES_256_GCM" };
        var nonce = random.Next(6) == 0 ? new string('n', random.Next(0, 20)) : "fdasflkja484";
        var aad = random.Next(4) == 0 ? string.Empty : "transaction";
        var plaintext = Plaintext(random);
        var ciphertext = random.Next(8) switch
        {
            0 => Convert.ToBase64String(Encoding.UTF8.GetBytes(plaintext)),  // not encrypted at all
            1 => "%%%" + plaintext,
            _ when nonce.Length == 0 => string.Empty,
            _ when algorithm == "AEAD_SM4_GCM" => Sm4Gcm.Encrypt(plaintext, ApiV3Key, nonce, aad),
            _ => AesGcm.Encrypt(plaintext, ApiV3Key, nonce, aad),
        };
        var values = new Dictionary<string, string>
        {
            ["algorithm"] = JsonConvert.ToString(algorithm),
            ["ciphertext"] = JsonConvert.ToString(ciphertext),
            ["nonce"] = JsonConvert.ToString(nonce),
            ["associated_data"] = JsonConvert.ToString(aad),
            ["original_type"] = "\"transaction\"",
        };
        if (random.Next(3) == 0)
        {
            values[ResourceFields[random.Next(ResourceFields.Length)]] = Value(random, 1); // one field of any type
        }

        return "{" + string.Join(",", values.Where(_ => random.Next(12) != 0).Select(v => $"\"{v.Key}\":{v.Value}")) + "}";
    }

    /// <summary>What the resource decrypts to: a transaction, or text of any shape.</summary>
    private static string Plaintext(Random random) => random.Next(6) switch
    {
        0 => Value(random, 0),
        1 => string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => Junk[random.Next(Junk.Length)])),
        2 => "{\"a\":" + new string('[', random.Next(60, 2000)) + "}",
        _ => "{\"out_trade_no\":" + Pick(random, "\"1217752501201407033233368018\"", Value(random, 2))
            + ",\"success_time\":" + Pick(random, "\"2018-06-08T10:34:56+08:00\"", "\"yesterday\"", Value(random, 2))
            + ",\"amount\":" + Pick(random, "{\"total\":100,\"rate\":1.10}", "{\"total\":1e400}", "{\"total\":123456789012345678901234567890}", "{\"rate\":\"x\"}", Value(random, 2)) + "}",
    };

    /// <summary>Any JSON value (and a few things that are not), nested at most a few levels.</summary>
    private static string Value(Random random, int depth)
    {
        var kind = random.Next(depth > 3 ? 1 : 4);
        return kind switch
        {
            0 => Scalars[random.Next(Scalars.Length)],
            1 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1))) + "]",
            2 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"\"{Envelope[random.Next(Envelope.Length)]}\":{Value(random, depth + 1)}")) + "}",
            _ => Scalars[random.Next(Scalars.Length)],
        };
    }

    private static byte[] Mutate(Random random, byte[] bytes)
    {
        var list = bytes.ToList();
        for (var n = random.Next(1, 4); n > 0 && list.Count > 0; n--)
        {
            var at = random.Next(list.Count);
            switch (random.Next(3))
            {
                case 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 1:
                    list.RemoveRange(at, list.Count - at);
                    break;
                default:
                    list.Insert(at, (byte)Pick(random, 0xC3, 0xFF, 0x80, 0xED, (int)'"', (int)'{'));
                    break;
            }
        }

        return list.ToArray();
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];
}
