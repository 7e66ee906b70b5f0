using System.Collections;

namespace ChainPay.RateLimiting;

/// <summary>
/// The table of WeChat Pay's documented per-merchant call limits that <see cref="RateLimitOptions"/> enforces. Created
/// with the documented ones (see <see cref="CreateDefault"/>); add the limits of other APIs your merchant is told about.
/// </summary>
/// <example>
/// <code>
/// var limits = WeChatPayRateLimits.CreateDefault();
/// limits.Add("POST", "v3/refund/domestic/refunds", 150); // per second, as your account manager says
/// </code>
/// </example>
public sealed class WeChatPayRateLimits : IEnumerable<ApiRateLimit>
{
    private readonly List<ApiRateLimit> limits = new();

    /// <summary>The documented limits, per merchant:
    /// <c>POST v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel</c> 100 per second (撤销转账, "单个商户的接口频率限制为100次/s").</summary>
    public static WeChatPayRateLimits CreateDefault() => new()
    {
        { "POST", "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel", 100 },
    };

    /// <summary>How many limits the table holds.</summary>
    public int Count => limits.Count;

    /// <summary>Adds a limit of <paramref name="permitLimit"/> calls per second, replacing one for the same method and template.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="template">The API path with placeholders in braces.</param>
    /// <param name="permitLimit">Calls per second per merchant.</param>
    /// <exception cref="InvalidArgumentException">An argument is out of range.</exception>
    public void Add(string method, string template, int permitLimit) => Add(new ApiRateLimit(method, template, permitLimit, TimeSpan.FromSeconds(1)));

    /// <summary>Adds <paramref name="limit"/>, replacing one for the same method and template.</summary>
    /// <param name="limit">The limit.</param>
    /// <exception cref="InvalidArgumentException"><paramref name="limit"/> is <c>null</c>.</exception>
    public void Add(ApiRateLimit limit)
    {
        if (limit is null)
        {
            throw new InvalidArgumentException("The limit is required.", nameof(limit));
        }

        limits.RemoveAll(l => string.Equals(l.Api, limit.Api, StringComparison.OrdinalIgnoreCase));
        limits.Add(limit);
    }

    /// <summary>The limit that applies to a request of <paramref name="method"/> to the expanded <paramref name="path"/>, or <c>null</c>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path as sent, e.g. <c>v3/…/out-bill-no/plfk2020042013/cancel</c>.</param>
    public ApiRateLimit? Find(string method, string path)
    {
        foreach (var limit in limits)
        {
            if (limit.Matches(method ?? string.Empty, path ?? string.Empty))
            {
                return limit;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public IEnumerator<ApiRateLimit> GetEnumerator() => limits.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
