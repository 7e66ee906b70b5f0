namespace ChainPay;

/// <summary>
/// A call would exceed WeChat Pay's limit for its API and merchant (<see cref="RateLimiting.RateLimitOptions"/>), and no
/// permit came within <see cref="RateLimiting.RateLimitOptions.MaxWait"/>: nothing was sent. Try again after
/// <see cref="RetryAfter"/>, or queue the work.
/// </summary>
/// <example>
/// <code>
/// catch (RateLimitedException e) { await Task.Delay(e.RetryAfter ?? TimeSpan.FromSeconds(1)); /* … */ }
/// </code>
/// </example>
public sealed class RateLimitedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="merchant">The merchant id.</param>
    /// <param name="api">The limited API, e.g. <c>POST v3/…/cancel</c>.</param>
    /// <param name="retryAfter">When a permit is expected, if the limiter knows.</param>
    public RateLimitedException(string message, string merchant, string api, TimeSpan? retryAfter)
        : base(message)
    {
        Merchant = merchant;
        Api = api;
        RetryAfter = retryAfter;
    }

    /// <summary>The merchant id whose limit was reached.</summary>
    public string Merchant { get; }

    /// <summary>The limited API: method and template.</summary>
    public string Api { get; }

    /// <summary>When a permit is expected, if the limiter says.</summary>
    public TimeSpan? RetryAfter { get; }
}
