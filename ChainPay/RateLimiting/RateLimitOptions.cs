namespace ChainPay.RateLimiting;

/// <summary>
/// Rate limiting per merchant × API (<see cref="BuilderOptions.RateLimiting"/>): a call over its limit waits up to
/// <see cref="MaxWait"/> for a permit, else fails with <see cref="RateLimitedException"/> before anything is sent. An
/// answer <c>429</c> or <c>FREQUENCY_LIMITED</c> empties the API's bucket, so the calls after it slow down.
/// </summary>
/// <example>
/// <code>
/// var options = new BuilderOptions { /* … */ RateLimiting = new RateLimitOptions { MaxWait = TimeSpan.FromMilliseconds(200) } };
/// </code>
/// </example>
public sealed class RateLimitOptions
{
    /// <summary>The limits enforced; <see cref="WeChatPayRateLimits.CreateDefault"/> unless replaced. APIs not in it are not limited.</summary>
    public WeChatPayRateLimits Limits { get; set; } = WeChatPayRateLimits.CreateDefault();

    /// <summary>
    /// How long a call may wait for a permit (default one second); <see cref="TimeSpan.Zero"/> fails fast (a limiter that
    /// answers only asynchronously, such as a Redis bucket, is still asked, for up to one permit's interval).
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where each merchant × API's limiter comes from; <c>null</c> (default) is an in-process token bucket.</summary>
    public IRateLimiterFactory? LimiterFactory { get; set; }

    /// <summary>The number of limits and the wait; no factory internals.</summary>
    public override string ToString() => $"RateLimitOptions {{ Limits = {Limits?.Count ?? 0}, MaxWait = {MaxWait}, LimiterFactory = {(LimiterFactory is null ? "in-process" : LimiterFactory.GetType().Name)} }}";
}
