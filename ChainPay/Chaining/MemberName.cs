using System.Text;

namespace ChainPay.Chaining;

/// <summary>
/// Turns a C# member name of a chain into a URI segment with wechatpay-php's three rules, applied in order
/// to the whole name: a leading ASCII capital is lowered; every other ASCII capital becomes <c>-</c> plus its
/// lower case; a name wrapped in <c>_…_</c> becomes <c>{…}</c>.
/// </summary>
/// <remarks>Only member access is normalised; strings given to <c>Chain("…")</c> or the indexer are taken literally.</remarks>
/// <example>
/// <code>
/// MemberName.Normalize("outTradeNo");       // "out-trade-no"
/// MemberName.Normalize("_out_trade_no_");   // "{out_trade_no}"
/// MemberName.Normalize("ComplaintsV2");     // "complaints-v2"
/// </code>
/// </example>
public static class MemberName
{
    /// <summary>Applies the three rules to <paramref name="name"/>.</summary>
    /// <param name="name">The member name, e.g. <c>transferToQqWalletBills</c>.</param>
    /// <returns>The segment, e.g. <c>transfer-to-qq-wallet-bills</c>.</returns>
    public static string Normalize(string name)
    {
        if (name is null)
        {
            throw new InvalidArgumentException("A member name is required.", nameof(name));
        }

        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c >= 'A' && c <= 'Z')
            {
                if (i > 0)
                {
                    sb.Append('-');
                }

                sb.Append((char)(c + 32));
            }
            else
            {
                sb.Append(c);
            }
        }

        // Rule 3: "^_(.*)_$" — '.' does not cross a newline, so the middle must hold none.
        if (sb.Length >= 2 && sb[0] == '_' && sb[sb.Length - 1] == '_' && !Contains(sb, '\n', 1, sb.Length - 2))
        {
            sb[0] = '{';
            sb[sb.Length - 1] = '}';
        }

        return sb.ToString();
    }

    private static bool Contains(StringBuilder sb, char c, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (sb[i] == c)
            {
                return true;
            }
        }

        return false;
    }
}
