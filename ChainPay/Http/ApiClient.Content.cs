using System.Text;
using ChainPay.Util;
using Flurl.Http;

namespace ChainPay.Http;

// The body of an APIv3 request: JSON (sensitive fields encrypted with a platform key, whose serial the request then
// carries), bytes, text or a multipart upload; and the platform key chosen for it.
internal sealed partial class ApiClient
{
    /// <summary>
    /// The key <see cref="SensitiveField"/> values are encrypted with: the one the caller's <c>Wechatpay-Serial</c>
    /// names, else the last <c>PUB_KEY_ID_…</c> configured, else the last certificate configured.
    /// </summary>
    internal (string Serial, object Key) EncryptionKey(string? pinned)
    {
        if (pinned is not null)
        {
            return certs.TryGetValue(pinned, out var key)
                ? (pinned, key)
                : throw new InvalidArgumentException($"The `Wechatpay-Serial` header names `{pinned}`, which is not in Certs: no key to encrypt the sensitive fields with.", "Wechatpay-Serial");
        }

        var chosen = DefaultKey();
        return chosen.Key is null
            ? throw new InvalidArgumentException("Sensitive fields need a platform key in Certs to be encrypted with.", nameof(BuilderOptions.Certs))
            : (chosen.Key, chosen.Value);
    }

    /// <summary>The <c>Wechatpay-Serial</c> sent by default: the last <c>PUB_KEY_ID_…</c> in Certs, else the newest (last configured or downloaded) certificate serial.</summary>
    internal string PlatformSerial() => DefaultKey().Key;

    private KeyValuePair<string, object> DefaultKey()
    {
        var chosen = certs.LastOrDefault(p => p.Key.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal));
        return chosen.Key is null ? certs.LastOrDefault() : chosen;
    }

    /// <summary>The first value of the header <paramref name="name"/> (case-insensitive) the request carries, or <c>null</c>; as <c>Headers.TryGetFirst</c>, without its iterators.</summary>
    private static string? HeaderOf(IFlurlRequest request, string name)
    {
        var headers = request.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return headers[i].Value;
            }
        }

        return null;
    }

    private HttpContent? BuildContent(IFlurlRequest request, RequestOptions options, string? contentType)
    {
        if (options.Json is not null)
        {
            var pinned = HeaderOf(request, "Wechatpay-Serial");
            var json = SensitiveConverter.Serialize(() => JsonBody.Serialize(options.Json, JsonSettings), () => EncryptionKey(pinned), out var used);
            if (used is not null && pinned is null)
            {
                request.WithHeader("Wechatpay-Serial", used);
            }

            return new SignedContent(json, contentType ?? "application/json");
        }

        byte[] bytes;
        switch (options.Body)
        {
            case null:
                return null;
            case MediaUtil media:
                return media.ToContent(); // multipart bytes with their own boundary, signed over the meta JSON
            case string s:
                bytes = Encoding.UTF8.GetBytes(s);
                break;
            case byte[] b:
                bytes = b;
                break;
            default:
                throw new InvalidArgumentException(
                    $"The `body` option must be a string, a byte[], a Stream or a MediaUtil, not {options.Body.GetType().Name}; use `json` for objects.", "body");
        }

        return new SignedContent(bytes, contentType ?? "application/json; charset=utf-8");
    }
}
