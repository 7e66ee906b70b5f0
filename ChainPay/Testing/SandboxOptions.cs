using System.Security.Cryptography;

namespace ChainPay.Testing;

/// <summary>The settings of a <see cref="WeChatPaySandbox"/>; every one has a default.</summary>
/// <example>
/// <code>
/// var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, Clock = () => fixedTime });
/// </code>
/// </example>
public sealed class SandboxOptions
{
    /// <summary>The merchant id of the built-in merchant; the seeds' sample <c>1230000109</c> by default.</summary>
    public string Mchid { get; set; } = "1230000109";

    /// <summary>How answers are signed: by public key id (default), by platform certificate serial, or by either during the gray switch (<see cref="SandboxKeyMode.Gray"/>; <see cref="WeChatPaySandbox.SwitchKeyMode"/> changes it later).</summary>
    public SandboxKeyMode KeyMode { get; set; } = SandboxKeyMode.PublicKeyId;

    /// <summary>The APIv3 key (32 ASCII characters) that <c>/v3/certificates</c> encrypts with; random by default.</summary>
    public string? ApiV3Key { get; set; }

    /// <summary>The sandbox's clock, for request timestamps and answer signatures; the system clock by default.</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    /// <summary>
    /// Calls per second per merchant and per API above which the sandbox answers 429 <c>FREQUENCY_LIMITED</c>: the
    /// default of every API without a limit of its own in <see cref="RateLimits"/> or WeChat Pay's documented table
    /// (<see cref="ChainPay.RateLimiting.WeChatPayRateLimits.CreateDefault"/>; seed 002: 100).
    /// </summary>
    public int RateLimitPerSecond { get; set; } = 100;

    /// <summary>
    /// The private key the sandbox signs answers and notifications with; a test key made for this process by default.
    /// Give the same key to two sandboxes (or two runs of <c>chainpay sandbox</c>) and a client configured for one
    /// verifies the other.
    /// </summary>
    public RSA? PlatformPrivateKey { get; set; }

    /// <summary>The built-in merchant's private key; a test key made for this process by default.</summary>
    public RSA? MerchantPrivateKey { get; set; }

    /// <summary>
    /// Limits of single APIs (method + route template, per merchant, counted per clock window of whole seconds) that
    /// replace the documented ones (<see cref="ChainPay.RateLimiting.WeChatPayRateLimits.CreateDefault"/>) and
    /// <see cref="RateLimitPerSecond"/> for those APIs; none by default.
    /// </summary>
    /// <example>
    /// <code>
    /// var sandbox = new WeChatPaySandbox(new SandboxOptions
    /// {
    ///     RateLimits = { new ApiRateLimit("POST", "v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}/cancel", 2, TimeSpan.FromSeconds(1)) },
    /// });
    /// </code>
    /// </example>
    public IList<ChainPay.RateLimiting.ApiRateLimit> RateLimits { get; } = new List<ChainPay.RateLimiting.ApiRateLimit>();

    /// <summary>
    /// Whether every notification delivered to a <c>notify_url</c> is delivered once more after its 2xx answer (with
    /// a new signature, the same notification id), as WeChat Pay may do: tests a merchant's handler for idempotence.
    /// </summary>
    public bool DuplicateDeliveries { get; set; }

    /// <summary>
    /// How the re-send schedule of notifications is compressed: each wait (15 s, 15 s, 30 s, 3 min, …) is multiplied
    /// by it; 1 (default) is WeChat Pay's schedule, <c>0.01</c> turns 15 s into 150 ms. Must be above 0 and at most 1.
    /// </summary>
    public double NotifyTimeScale { get; set; } = 1;

    /// <summary>The handler notifications are POSTed to <c>notify_url</c> through; a private one (no proxy, no redirects) by default.</summary>
    public HttpMessageHandler? NotifyHandler { get; set; }

    /// <summary>How long the sandbox waits for a <c>notify_url</c> to answer before it counts the delivery as failed; 5 s by default.</summary>
    public TimeSpan NotifyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
