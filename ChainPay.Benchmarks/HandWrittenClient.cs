using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Benchmarks;

/// <summary>
/// The baseline ChainPay is held against: the least a correct APIv3 client does, written by hand over one
/// <see cref="HttpClient"/> — sign <c>GET\nTARGET\nTIMESTAMP\nNONCE\n\n</c> with RSA-2048, send, read the body, check
/// the four <c>Wechatpay-*</c> headers, the clock window and the RSA signature over <c>TIMESTAMP\nNONCE\nBODY\n</c>.
/// No chain, no options, no retries, no telemetry, no replay cache.
/// </summary>
internal sealed class HandWrittenClient : IDisposable
{
    private readonly HttpClient http;
    private readonly string mchid;
    private readonly string serial;
    private readonly RSA merchantKey;
    private readonly string platformKeyId;
    private readonly RSA platformKey;

    public HandWrittenClient(string[] fields)
    {
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(fields[0]) };
        mchid = fields[1];
        serial = fields[2];
        merchantKey = RSA.Create();
        merchantKey.ImportFromPem(fields[3].Replace("|", "\n", StringComparison.Ordinal));
        platformKeyId = fields[4];
        platformKey = RSA.Create();
        platformKey.ImportFromPem(fields[5].Replace("|", "\n", StringComparison.Ordinal));
    }

    /// <summary>GETs <paramref name="target"/> (a path starting with <c>/</c>) and returns the verified body.</summary>
    public async Task<byte[]> GetAsync(string target)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N");
        var signature = Convert.ToBase64String(merchantKey.SignData(
            Encoding.UTF8.GetBytes("GET\n" + target + "\n" + timestamp + "\n" + nonce + "\n\n"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"WECHATPAY2-SHA256-RSA2048 mchid=\"{mchid}\",serial_no=\"{serial}\",timestamp=\"{timestamp}\",nonce_str=\"{nonce}\",signature=\"{signature}\"");
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        var answerTimestamp = Header(response, "Wechatpay-Timestamp");
        var answerNonce = Header(response, "Wechatpay-Nonce");
        if (Header(response, "Wechatpay-Serial") != platformKeyId
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(answerTimestamp, CultureInfo.InvariantCulture)) > 300)
        {
            throw new InvalidOperationException("Unexpected serial or timestamp.");
        }

        var head = Encoding.UTF8.GetBytes(answerTimestamp + "\n" + answerNonce + "\n");
        var message = new byte[head.Length + body.Length + 1];
        head.CopyTo(message, 0);
        body.CopyTo(message, head.Length);
        message[^1] = (byte)'\n';
        if (!platformKey.VerifyData(message, Convert.FromBase64String(Header(response, "Wechatpay-Signature")), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            throw new InvalidOperationException("The answer's signature does not verify.");
        }

        return body;
    }

    public void Dispose()
    {
        http.Dispose();
        merchantKey.Dispose();
        platformKey.Dispose();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : throw new InvalidOperationException($"No {name} header.");
}
