using ChainPay.RateLimiting;

namespace ChainPay.Testing.Internal;

/// <summary>
/// WeChat Pay's per-merchant call limits, counted per API (method + route template) per clock window; deterministic
/// under an injected clock. An API in the table has its limit (the documented ones, then the sandbox's overrides);
/// every other API has the default limit of its own. A path segment after <c>v3</c> holding anything but lower-case
/// letters and <c>-</c> (an <c>out_bill_no</c>, an id) is taken for a value, so one API is one budget whatever its values.
/// </summary>
internal sealed class RateLimiter
{
    private readonly int defaultLimit;
    private readonly WeChatPayRateLimits table;
    private readonly Dictionary<string, (long Window, int Count)> windows = new(StringComparer.Ordinal);

    public RateLimiter(int defaultLimit, IEnumerable<ApiRateLimit>? overrides)
    {
        this.defaultLimit = defaultLimit;
        table = WeChatPayRateLimits.CreateDefault();
        foreach (var limit in overrides ?? Enumerable.Empty<ApiRateLimit>())
        {
            table.Add(limit);
        }
    }

    /// <summary>Counts one call of <paramref name="method"/> <paramref name="path"/>; false when the merchant is over that API's limit in this window.</summary>
    public bool TryAcquire(string mchid, string method, string path, long second)
    {
        var limit = table.Find(method, path);
        var api = limit?.Api ?? method + " " + Template(path);
        var permits = limit?.PermitLimit ?? defaultLimit;
        var length = limit is null ? 1L : Math.Max(1L, (long)Math.Ceiling(limit.Window.TotalSeconds));
        var window = second / length;
        var key = mchid + "\n" + api;
        lock (windows)
        {
            var counted = windows.TryGetValue(key, out var w) && w.Window == window ? w : (Window: window, Count: 0);
            counted.Count++;
            windows[key] = counted;
            return counted.Count <= permits;
        }
    }

    /// <summary>The path with its value segments as <c>{}</c>: <c>v3/…/out-bill-no/{}/cancel</c>.</summary>
    internal static string Template(string path)
    {
        var segments = path.Trim('/').Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].Length == 0 || segments[i].Any(c => c is not (>= 'a' and <= 'z') and not '-'))
            {
                segments[i] = "{}";
            }
        }

        return string.Join("/", segments);
    }
}
