namespace ChainPay.RateLimiting;

/// <summary>
/// One of WeChat Pay's call limits: at most <see cref="PermitLimit"/> calls of one API per merchant in any
/// <see cref="Window"/>. ChainPay enforces it as a token bucket of <see cref="Burst"/> permits that gets one permit back
/// every <see cref="TokenInterval"/>, so that no window of that length ever holds more than the limit.
/// </summary>
/// <example>
/// <code>
/// var cancel = new ApiRateLimit("POST", "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel", 100, TimeSpan.FromSeconds(1));
/// </code>
/// </example>
public sealed class ApiRateLimit
{
    private readonly string[] segments;

    /// <summary>Creates the limit.</summary>
    /// <param name="method">The HTTP method, e.g. <c>POST</c>.</param>
    /// <param name="template">The API's path as WeChat Pay documents it, placeholders in braces, e.g. <c>v3/…/out-bill-no/{out_bill_no}/cancel</c> (a leading <c>/</c> is dropped).</param>
    /// <param name="permitLimit">How many calls per merchant a window allows (at least 1).</param>
    /// <param name="window">The window (at least one millisecond).</param>
    /// <exception cref="InvalidArgumentException">An argument is missing or out of range; its name is given.</exception>
    public ApiRateLimit(string method, string template, int permitLimit, TimeSpan window)
    {
        if (method is null || ChainPay.Http.ApiClient.MethodOf(method) is not { } known)
        {
            throw new InvalidArgumentException($"The method `{method}` is not one of GET, POST, PUT, PATCH, DELETE.", nameof(method));
        }

        if (template is null || template.Trim('/').Length == 0 || template.IndexOfAny(new[] { '?', '#', ' ' }) >= 0)
        {
            throw new InvalidArgumentException($"The template `{template}` must be an API path such as v3/pay/transactions/id/{{transaction_id}}, without query.", nameof(template));
        }

        if (permitLimit < 1)
        {
            throw new InvalidArgumentException($"The permit limit must be at least 1, not {permitLimit}.", nameof(permitLimit));
        }

        if (window < TimeSpan.FromMilliseconds(1))
        {
            throw new InvalidArgumentException($"The window must be at least one millisecond, not {window}.", nameof(window));
        }

        Burst = Math.Max(1, permitLimit / 10);
        TokenInterval = TimeSpan.FromTicks(window.Ticks / Math.Max(1, permitLimit - Burst));
        if (TokenInterval == TimeSpan.Zero)
        {
            throw new InvalidArgumentException($"The limit of {permitLimit} per {window} is more than one permit per 100 ns; no WeChat Pay API allows that.", nameof(permitLimit));
        }

        Method = known.Method;
        Template = template.TrimStart('/');
        PermitLimit = permitLimit;
        Window = window;
        segments = Template.Split('/');
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The API's path template, without a leading <c>/</c>.</summary>
    public string Template { get; }

    /// <summary>The calls a window allows per merchant.</summary>
    public int PermitLimit { get; }

    /// <summary>The window.</summary>
    public TimeSpan Window { get; }

    /// <summary>The permits the bucket holds when full: a tenth of the limit, at least one.</summary>
    public int Burst { get; }

    /// <summary>How often the bucket gets a permit back: the window over the limit less the burst (so a window never holds more than the limit; a limit of 1 allows 2 per window at worst).</summary>
    public TimeSpan TokenInterval { get; }

    /// <summary>The method and template, the name of this limit's bucket (e.g. <c>POST v3/…/cancel</c>).</summary>
    public string Api => Method + " " + Template;

    /// <summary>The limit, e.g. <c>POST v3/…/cancel: 100 per 00:00:01</c>.</summary>
    public override string ToString() => $"{Api}: {PermitLimit} per {Window}";

    /// <summary>Whether a request of <paramref name="method"/> to the expanded <paramref name="path"/> is this API: each placeholder segment matches any one segment.</summary>
    internal bool Matches(string method, string path)
    {
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var query = path.IndexOf('?');
        var trimmed = (query >= 0 ? path.Substring(0, query) : path).Trim('/');
        var parts = trimmed.Split('/');
        if (parts.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var pattern = segments[i];
            var placeholder = pattern.Length > 2 && pattern[0] == '{' && pattern[pattern.Length - 1] == '}';
            if (placeholder ? parts[i].Length == 0 : !string.Equals(parts[i], pattern, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
