using System.Text;
using ChainPay.Chaining;
using ChainPay.Util;

namespace ChainPay.Http;

/// <summary>
/// Builds the <c>query</c> option as PHP's <c>http_build_query(…, PHP_QUERY_RFC3986)</c>: <c>null</c> values
/// dropped, <c>true</c> ⇒ <c>1</c>, <c>false</c> ⇒ <c>0</c>, RFC 3986 encoding, nested values as <c>arr%5B0%5D=a</c>.
/// A string is used verbatim (without a leading <c>?</c>).
/// </summary>
internal static class QueryString
{
    /// <summary>The query string (without <c>?</c>) for <paramref name="query"/>.</summary>
    public static string Build(object query)
    {
        if (query is string text)
        {
            return text.StartsWith("?", StringComparison.Ordinal) ? text.Substring(1) : text;
        }

        var pairs = PropertyBag.Read(query) ?? throw new InvalidArgumentException(
            "The `query` option must be a string or a map of names to values.", "query");
        var sb = new StringBuilder();
        foreach (var pair in pairs)
        {
            Append(sb, PercentEncoding.Encode(pair.Key), pair.Value);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string encodedKey, object? value)
    {
        value = PropertyBag.Unwrap(value);
        if (value is null)
        {
            return;
        }

        if (PropertyBag.IsList(value))
        {
            var i = 0;
            foreach (var item in PropertyBag.Items(value))
            {
                Append(sb, encodedKey + "%5B" + i++ + "%5D", item);
            }

            return;
        }

        var nested = PropertyBag.Read(value);
        if (nested is not null)
        {
            foreach (var pair in nested)
            {
                Append(sb, encodedKey + "%5B" + PercentEncoding.Encode(pair.Key) + "%5D", pair.Value);
            }

            return;
        }

        if (sb.Length > 0)
        {
            sb.Append('&');
        }

        sb.Append(encodedKey).Append('=').Append(PercentEncoding.Encode(Scalar.ToQueryText(value)));
    }
}
