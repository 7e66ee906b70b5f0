using System.Text;
using ChainPay.Crypto;
using ChainPay.Util;
using Flurl.Http;

namespace ChainPay.V2;

/// <summary>
/// The APIv2 request interceptor (<c>BeforeCall</c>, spec §6.1): checks the merchant id, adds <c>nonce_str</c>
/// (unless <c>nonceless</c>), signs with MD5 or HMAC-SHA256 and writes the XML body — or, for GET, the query.
/// Runs at send time, so every attempt is signed anew.
/// </summary>
internal sealed class RequestTransformer
{
    private readonly string mchid;
    private readonly string secret;
    private readonly Func<string> nonce;

    public RequestTransformer(string mchid, string secret, Func<string> nonce)
    {
        this.mchid = mchid;
        this.secret = secret;
        this.nonce = nonce;
    }

    /// <summary>Replaces the pending content of <paramref name="call"/> with the signed request.</summary>
    public void Transform(FlurlCall call)
    {
        var message = call.HttpRequestMessage;
        if (message.Content is not XmlRequestContent pending)
        {
            return;
        }

        if (message.Method == HttpMethod.Get)
        {
            var signed = Sign(ParseQuery(call.Request.Url.Query), pending.Nonceless);
            call.Request.Url.Query = BuildQuery(signed);
            message.Content = null;
            return;
        }

        var xml = Encoding.UTF8.GetBytes(Transformer.ToXml(Sign(pending.Data, pending.Nonceless)));
        var content = new ByteArrayContent(xml);
        content.Headers.TryAddWithoutValidation("Content-Type", pending.Headers.ContentType?.ToString() ?? "text/xml; charset=utf-8");
        message.Content = content;
    }

    /// <summary>The signed data: mchid checked, <c>nonce_str</c> added unless nonceless, <c>sign</c> set last.</summary>
    /// <exception cref="InvalidArgumentException">The merchant id does not match, or <c>sign_type</c> is neither MD5 nor HMAC-SHA256.</exception>
    internal List<KeyValuePair<string, object?>> Sign(IEnumerable<KeyValuePair<string, object?>> input, bool nonceless)
    {
        var data = input.ToList();
        var given = new[] { "mch_id", "mchid", "combine_mch_id" }
            .Select(k => Value(data, k))
            .FirstOrDefault(v => v is not null);
        if (Scalar.ToText(given) != mchid)
        {
            throw new InvalidArgumentException($"The xml's structure[mch_id({Scalar.ToText(given)})] doesn't matched the init one mchid({mchid}).", "xml");
        }

        var type = Value(data, "sign_type") is { } t ? Scalar.ToText(t) : Hash.AlgoMd5;
        if (type != Hash.AlgoMd5 && type != Hash.AlgoHmacSha256)
        {
            throw new InvalidArgumentException($"The `sign_type` must be `MD5` or `HMAC-SHA256`, not `{type}` (wechatpay-php would send an empty sign).", "sign_type");
        }

        if (!nonceless && Value(data, "nonce_str") is null)
        {
            Set(data, "nonce_str", nonce());
        }

        Set(data, "sign", Hash.Sign(type, Formatter.QueryStringLike(Formatter.Ksort(data)), secret));
        return data;
    }

    private static object? Value(List<KeyValuePair<string, object?>> data, string key)
    {
        foreach (var pair in data)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static void Set(List<KeyValuePair<string, object?>> data, string key, object? value)
    {
        var index = data.FindIndex(p => p.Key == key);
        if (index >= 0)
        {
            data[index] = new KeyValuePair<string, object?>(key, value);
        }
        else
        {
            data.Add(new KeyValuePair<string, object?>(key, value));
        }
    }

    /// <summary>Guzzle's <c>Query::parse</c>: a key without <c>=</c> has a null value (so it is neither signed nor a nonce).</summary>
    private static List<KeyValuePair<string, object?>> ParseQuery(string? query)
    {
        var result = new List<KeyValuePair<string, object?>>();
        foreach (var pair in (query ?? string.Empty).TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
            result.Add(new KeyValuePair<string, object?>(Decode(eq < 0 ? pair : pair.Substring(0, eq)), eq < 0 ? null : Decode(pair.Substring(eq + 1))));
        }

        return result;
    }

    /// <summary>Guzzle's <c>Query::build</c> (RFC 3986): a null value writes the key bare, as it came.</summary>
    private static string BuildQuery(List<KeyValuePair<string, object?>> data) =>
        string.Join("&", data.Select(p => PercentEncoding.Encode(p.Key) + (p.Value is null ? string.Empty : "=" + PercentEncoding.Encode(Scalar.ToText(p.Value)))));
}
