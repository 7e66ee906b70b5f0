using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Notifications;
using ChainPay.Tests.Fixtures;
using ChainPay.Tests.Notifications;
using ChainPay.Util;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Fuzzing;

/// <summary>
/// Hostile input, 100,000 cases per entry point with fixed seeds: every public parser and the request path either
/// succeed or raise one of the exceptions docs/errors.md lists for it — never another type, never a crash of the test
/// process (deeply nested documents included, run here in the test process itself).
/// </summary>
[NonParallelizable]
[Category("slow")]
public partial class HostileInputFuzzTests
{
    // The parts: this file holds the parsers (XML, keys, notifications) and the shared pieces; HostileInputFuzzTests.Requests.cs
    // holds the request path (options bags, error answers, factory headers).

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
}
