using System.Text;

namespace ChainPay.Util;

/// <summary>RFC 3986 percent-encoding with upper-case hex, as PHP's <c>rawurlencode</c>.</summary>
internal static class PercentEncoding
{
    private const string Hex = "0123456789ABCDEF";
    // RFC 6570 reserved expansion passes the reserved set, except '?' and '#': a value must not start the query or
    // the fragment in the middle of a path (the rest of the path would move into it).
    private const string Reserved = ":/[]@!$&'()*+,;=";
    // What RFC 3986 allows in a path and query besides the unreserved characters and triplets: sub-delims, ':', '@',
    // '/' and '?' (the first one starts the query, any later one is query data).
    private const string TargetCharacters = "!$&'()*+,;=:@/?";

    /// <summary>Whether <paramref name="c"/> is RFC 3986 unreserved (<c>A-Za-z0-9-._~</c>).</summary>
    public static bool IsUnreserved(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';

    /// <summary>Encodes everything but the unreserved characters.</summary>
    public static string Encode(string value) => Append(new StringBuilder(value.Length), value, allowReserved: false).ToString();

    /// <summary>
    /// Appends <paramref name="value"/> encoded. With <paramref name="allowReserved"/> the reserved characters (but
    /// <c>?</c> and <c>#</c>) and well-formed <c>%XX</c> triplets pass unchanged (RFC 6570 reserved expansion).
    /// </summary>
    public static StringBuilder Append(StringBuilder sb, string value, bool allowReserved)
    {
        byte[]? utf8 = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsUnreserved(c) || (allowReserved && Reserved.IndexOf(c) >= 0))
            {
                sb.Append(c);
                continue;
            }

            if (allowReserved && c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                sb.Append(c);
                continue;
            }

            if (c < 0x80)
            {
                AppendByte(sb, (byte)c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
            utf8 = Encoding.UTF8.GetBytes(value.Substring(i, length));
            foreach (var b in utf8)
            {
                AppendByte(sb, b);
            }

            i += length - 1;
        }

        return sb;
    }

    /// <summary>
    /// Makes a request target (path, then optionally <c>?</c> and query; no fragment) valid as guzzlehttp/psr7's
    /// <c>Uri</c> does: everything RFC 3986 does not allow there is encoded (<c>[</c>, <c>]</c>, space, <c>\</c>,
    /// <c>{</c>, non-ASCII as UTF-8, a <c>%</c> that starts no triplet), while well-formed <c>%XX</c> triplets are kept
    /// exactly as written (neither decoded nor re-cased). Returns <paramref name="target"/> itself when nothing needs encoding.
    /// </summary>
    /// <example><c>EncodeTarget("/v3/a%41b[0]?q=[x]")</c> is <c>/v3/a%41b%5B0%5D?q=%5Bx%5D</c>.</example>
    public static string EncodeTarget(string target)
    {
        var clean = 0;
        while (clean < target.Length && IsTargetCharacter(target, clean))
        {
            clean++;
        }

        if (clean == target.Length)
        {
            return target;
        }

        var sb = new StringBuilder(target.Length + 16).Append(target, 0, clean);
        for (var i = clean; i < target.Length; i++)
        {
            if (IsTargetCharacter(target, i))
            {
                sb.Append(target[i]);
                continue;
            }

            var length = char.IsHighSurrogate(target[i]) && i + 1 < target.Length && char.IsLowSurrogate(target[i + 1]) ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(target.Substring(i, length)))
            {
                AppendByte(sb, b);
            }

            i += length - 1;
        }

        return sb.ToString();
    }

    /// <summary>
    /// Whether <paramref name="text"/> from <paramref name="start"/> on is a request target
    /// <see cref="EncodeTarget(string)"/> would return unchanged; the same test, without the substring.
    /// </summary>
    public static bool IsEncodedTarget(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (!IsTargetCharacter(text, i))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTargetCharacter(string target, int i)
    {
        var c = target[i];
        return IsUnreserved(c) || TargetCharacters.IndexOf(c) >= 0
            || (c == '%' && i + 2 < target.Length && IsHex(target[i + 1]) && IsHex(target[i + 2]));
    }

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');

    private static void AppendByte(StringBuilder sb, byte b) => sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
}
