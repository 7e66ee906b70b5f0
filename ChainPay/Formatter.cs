using System.Security.Cryptography;
using System.Text;
using ChainPay.Util;

namespace ChainPay;

/// <summary>
/// String helpers of the WeChat Pay protocol, as wechatpay-php's <c>Formatter</c>: nonces, timestamps,
/// the <c>Authorization</c> header and the messages that are signed.
/// </summary>
/// <example>
/// <code>
/// var message = Formatter.Request("GET", "/v3/certificates", "1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242");
/// // "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n"
/// </code>
/// </example>
public static class Formatter
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // One generator for every request: the platform's implementation is thread-safe.
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    /// <summary>The <c>Authorization</c> scheme of APIv3 requests signed with RSA.</summary>
    public const string AuthorizationScheme = "WECHATPAY2-SHA256-RSA2048";

    /// <summary>
    /// A random string of <paramref name="size"/> base62 characters from a cryptographically secure generator,
    /// each character drawn uniformly.
    /// </summary>
    /// <param name="size">How many characters; at least 1.</param>
    /// <exception cref="InvalidArgumentException"><paramref name="size"/> is below 1.</exception>
    public static string Nonce(int size = 32)
    {
        if (size < 1)
        {
            throw new InvalidArgumentException("Size must be a positive integer.", nameof(size));
        }

        var chars = new char[size];
        var buffer = new byte[size + 8];
        var filled = 0;
        while (filled < size)
        {
            Random.GetBytes(buffer);
            foreach (var b in buffer)
            {
                // 248 = 4 * 62: rejecting the top values keeps every character equally likely.
                if (b < 248)
                {
                    chars[filled++] = Base62[b % 62];
                    if (filled == size)
                    {
                        break;
                    }
                }
            }
        }

        return new string(chars);
    }

    /// <summary>The current Unix time in seconds.</summary>
    public static long Timestamp() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>
    /// The APIv3 <c>Authorization</c> header value:
    /// <c>WECHATPAY2-SHA256-RSA2048 mchid="…",serial_no="…",timestamp="…",nonce_str="…",signature="…"</c>.
    /// The parameter order is wechatpay-php's.
    /// </summary>
    /// <param name="mchid">Merchant id.</param>
    /// <param name="nonce">The nonce that was signed.</param>
    /// <param name="signature">Base64 signature.</param>
    /// <param name="timestamp">The timestamp that was signed, in seconds.</param>
    /// <param name="serial">The merchant API certificate serial.</param>
    public static string Authorization(string mchid, string nonce, string signature, string timestamp, string serial) =>
        Authorization(AuthorizationScheme, mchid, nonce, signature, timestamp, serial);

    /// <summary>The <c>Authorization</c> header value in the given scheme (<c>WECHATPAY2-SM2-WITH-SM3</c> for 国密).</summary>
    internal static string Authorization(string scheme, string mchid, string nonce, string signature, string timestamp, string serial) =>
        scheme + " mchid=\"" + mchid + "\",serial_no=\"" + serial + "\",timestamp=\"" + timestamp
        + "\",nonce_str=\"" + nonce + "\",signature=\"" + signature + "\"";

    /// <summary>The message a request is signed over: <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n</c>.</summary>
    /// <param name="method">HTTP method, upper case.</param>
    /// <param name="uri">The request target as sent (path and query).</param>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="nonce">The nonce.</param>
    /// <param name="body">The body text; empty when there is none.</param>
    public static string Request(string method, string uri, string timestamp, string nonce, string body = "") =>
        JoinedByLineFeed(method, uri, timestamp, nonce, body);

    /// <summary>The message a response is verified over: <c>TIMESTAMP\nNONCE\nBODY\n</c>.</summary>
    /// <param name="timestamp">The <c>Wechatpay-Timestamp</c> header.</param>
    /// <param name="nonce">The <c>Wechatpay-Nonce</c> header.</param>
    /// <param name="body">The body text.</param>
    public static string Response(string timestamp, string nonce, string body = "") =>
        JoinedByLineFeed(timestamp, nonce, body);

    /// <summary>
    /// Joins the pieces with <c>\n</c> and ends with one more <c>\n</c>; no pieces give an empty string.
    /// Pieces are cast as PHP does (<c>true</c> ⇒ <c>1</c>, <c>false</c>/<c>null</c> ⇒ empty).
    /// </summary>
    /// <param name="pieces">The pieces.</param>
    public static string JoinedByLineFeed(params object?[] pieces)
    {
        if (pieces is null || pieces.Length == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var piece in pieces)
        {
            sb.Append(Scalar.ToText(piece)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A copy of <paramref name="thing"/> sorted by key in byte (ordinal) order, as PHP's <c>ksort(SORT_STRING)</c>.</summary>
    /// <param name="thing">The key/value pairs.</param>
    public static IDictionary<string, object?> Ksort(IEnumerable<KeyValuePair<string, object?>> thing)
    {
        var sorted = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in thing)
        {
            sorted[pair.Key] = pair.Value;
        }

        return sorted;
    }

    /// <summary>
    /// <c>k=v</c> pairs joined by <c>&amp;</c> in the given order, values not URL-encoded; the key <c>sign</c>,
    /// <c>null</c> values and empty strings are left out (<c>false</c> is kept as <c>k=</c>).
    /// </summary>
    /// <param name="thing">The key/value pairs, usually from <see cref="Ksort"/>.</param>
    public static string QueryStringLike(IEnumerable<KeyValuePair<string, object?>> thing)
    {
        var sb = new StringBuilder();
        foreach (var pair in thing)
        {
            if (pair.Key == "sign" || pair.Value is null || (pair.Value is string s && s.Length == 0))
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(pair.Key).Append('=').Append(Scalar.ToText(pair.Value));
        }

        return sb.ToString();
    }
}
