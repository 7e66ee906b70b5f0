using System.Text;

namespace ChainPay.Tests.Fixtures;

/// <summary>An RFC 3986 encoder independent of ChainPay, for tests that check what reaches the wire.</summary>
internal static class Rfc3986
{
    /// <summary>RFC 3986 percent-encoding, the tests' own oracle (not ChainPay's PercentEncoding): UTF-8 bytes, all but A-Za-z0-9-._~ as upper-case %XX.</summary>
    public static string Encode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c is '-' or '.' or '_' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
