using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using RichardSzalay.MockHttp;

namespace ChainPay.Tests.Fixtures;

/// <summary>A recorded request: method, wire target, body bytes and headers.</summary>
internal sealed record SentRequest(string Method, string Target, string Url, byte[] Body, string? Authorization, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// An in-test WeChat Pay over RichardSzalay.MockHttp: records every request and answers with a body signed by
/// <see cref="PlatformKey"/> under <see cref="TestKeys.PublicKeyId"/>, unless a test overrides the answer.
/// </summary>
internal sealed class FakeWeChatPay
{
    public const string Mchid = "1900009191";

    /// <summary>A platform key distinct from the merchant key, made once per run.</summary>
    public static readonly RSA PlatformKey = RSA.Create(2048);

    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1554208460);

    private int nonceCounter;

    public FakeWeChatPay()
    {
        Handler.Fallback.Respond(request => Answer(request));
    }

    public MockHttpMessageHandler Handler { get; } = new();

    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    /// <summary>What the fake answers: status, body and a hook to edit the signed headers.</summary>
    public Func<SentRequest, (HttpStatusCode Status, string Body)> Reply { get; set; } = _ => (HttpStatusCode.OK, "{\"ok\":true}");

    /// <summary>Edits the answer after signing (to break a header, a body, …).</summary>
    public Action<HttpResponseMessage>? Tamper { get; set; }

    /// <summary>The server's clock used to stamp answers.</summary>
    public DateTimeOffset ServerTime { get; set; } = Now;

    /// <summary>A <see cref="Reply"/> answering with <paramref name="statuses"/> in turn (the last one repeats): <c>{"ok":true}</c> for 200, a WeChat <c>SYSTEM_ERROR</c> otherwise.</summary>
    public static Func<SentRequest, (HttpStatusCode Status, string Body)> Sequence(params HttpStatusCode[] statuses)
    {
        var i = 0;
        return _ =>
        {
            var status = statuses[Math.Min(i++, statuses.Length - 1)];
            return (status, status == HttpStatusCode.OK ? "{\"ok\":true}" : "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统异常\"}");
        };
    }

    /// <summary>A fresh instance over this fake with a fixed clock and a counting nonce.</summary>
    public BuilderChain Create(Action<BuilderOptions>? configure = null)
    {
        var options = new BuilderOptions
        {
            Mchid = Mchid,
            Serial = TestKeys.MerchantSerial,
            PrivateKey = TestKeys.Pkcs8PrivateKey,
            Certs = { [TestKeys.PublicKeyId] = PlatformKey },
            HttpClient = new HttpClient(Handler),
            Clock = () => Now,
            Nonce = () => "NONCE" + Interlocked.Increment(ref nonceCounter).ToString("D27"),
        };
        configure?.Invoke(options);
        return Builder.Factory(options);
    }

    /// <summary>Signs <paramref name="body"/> as WeChat Pay does and sets the four headers.</summary>
    public static void Sign(HttpResponseMessage response, string body, DateTimeOffset time, string serial = TestKeys.PublicKeyId, RSA? key = null)
    {
        var ts = time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Formatter.Nonce();
        var signature = Convert.ToBase64String((key ?? PlatformKey).SignData(Encoding.UTF8.GetBytes(Formatter.Response(ts, nonce, body)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        response.Headers.Add("Wechatpay-Timestamp", ts);
        response.Headers.Add("Wechatpay-Nonce", nonce);
        response.Headers.Add("Wechatpay-Serial", serial);
        response.Headers.Add("Wechatpay-Signature", signature);
        response.Headers.Add("Request-ID", "08F0E5A5C60610A2041818A7AB2620A4B2D401-0");
    }

    private async Task<HttpResponseMessage> Answer(HttpRequestMessage request)
    {
        var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync();
        var headers = request.Headers.NonValidated.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var sent = new SentRequest(
            request.Method.Method,
            request.RequestUri!.PathAndQuery,
            request.RequestUri.AbsoluteUri,
            body,
            headers.TryGetValue("Authorization", out var auth) ? auth : null,
            request.Content?.Headers.ContentType?.ToString(),
            headers);
        Sent.Enqueue(sent);
        var (status, text) = Reply(sent);
        var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        Sign(response, text, ServerTime);
        Tamper?.Invoke(response);
        return response;
    }

    /// <summary>Checks the request's Authorization as WeChat Pay would: format, mchid, serial and RSA signature.</summary>
    public static bool VerifyAuthorization(SentRequest sent, out IReadOnlyDictionary<string, string> fields)
    {
        var auth = sent.Authorization ?? string.Empty;
        var prefix = Formatter.AuthorizationScheme + " ";
        var map = new Dictionary<string, string>();
        fields = map;
        if (!auth.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in auth.Substring(prefix.Length).Split(','))
        {
            var eq = part.IndexOf('=');
            map[part.Substring(0, eq)] = part.Substring(eq + 2, part.Length - eq - 3);
        }

        var message = Encoding.UTF8.GetBytes($"{sent.Method}\n{sent.Target}\n{map["timestamp"]}\n{map["nonce_str"]}\n")
            .Concat(sent.Body).Concat(new[] { (byte)'\n' }).ToArray();
        using var pub = Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic);
        return pub.VerifyData(message, Convert.FromBase64String(map["signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
