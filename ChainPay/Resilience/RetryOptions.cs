namespace ChainPay.Resilience;

/// <summary>
/// Opt-in retries for <see cref="BuilderOptions.Retry"/>: a call that fails to connect, times out, or is answered
/// 5xx or 429 is sent again after an exponential backoff (honouring <c>Retry-After</c>), signed anew each time
/// (new timestamp and nonce). With <see cref="BackupBaseUri"/>, retries after a connection failure, a timeout or a 5xx go to
/// WeChat Pay's backup domain. 4xx answers, verification failures and bad input are never retried.
/// </summary>
/// <remarks>
/// Retried POSTs are safe for WeChat Pay's APIs keyed by merchant numbers (<c>out_trade_no</c>, <c>out_bill_no</c>,
/// …), which are idempotent; do not enable retries for calls that are not.
/// </remarks>
/// <example>
/// <code>
/// options.Retry = new RetryOptions { MaxAttempts = 3, BackupBaseUri = RetryOptions.BackupDomain };
/// </code>
/// </example>
public sealed class RetryOptions
{
    /// <summary>WeChat Pay's backup domain, reached from another access point.</summary>
    public const string BackupDomain = "https://api2.mch.weixin.qq.com/";

    /// <summary>How many attempts in all, the first included; 1 turns retries off. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The delay before the second attempt; it doubles each time. Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay (and the cap of <c>Retry-After</c>). Default 5 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Randomise each delay between half and all of it, so clients do not retry in step. Default on.</summary>
    public bool Jitter { get; set; } = true;

    /// <summary>The base URI for attempts after a connection failure, a timeout or a 5xx (e.g. <see cref="BackupDomain"/>); <c>null</c> stays on the primary.</summary>
    public string? BackupBaseUri { get; set; }

    /// <summary>How to wait; <c>Task.Delay</c> by default. Tests inject a recorder.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; set; }
}
