using System.Text;

namespace ChainPay.Util;

/// <summary>RFC 3986 percent-encoding with upper-case hex, as PHP's <c>rawurlencode</c>.</summary>
internal static class PercentEncoding
{
    private const string Hex = "0123456789ABCDEF";
    // RFC 6570 reserved expansion passes the reserved set, except '?' and '#': a value must not start the query or
    // the fragment in the middle of a path (the rest of the path would move into it).
    private const string Reserved = ":/[]@!$&'()*+,;=";

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

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');

    private static void AppendByte(StringBuilder sb, byte b) => sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
}
