using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChainPay.Telemetry;

/// <summary>
/// The names ChainPay's traces and metrics go by: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both
/// <see cref="Name"/>. Nothing is recorded unless a listener (OpenTelemetry, an <c>ActivityListener</c>, a
/// <c>MeterListener</c>) subscribes to them.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddOpenTelemetry()
///     .WithTracing(t => t.AddSource(ChainPayTelemetry.Name))
///     .WithMetrics(m => m.AddMeter(ChainPayTelemetry.Name));
/// </code>
/// </example>
public static class ChainPayTelemetry
{
    /// <summary>The name of ChainPay's <see cref="ActivitySource"/>, <see cref="Meter"/> and logger category.</summary>
    public const string Name = "ChainPay";

    /// <summary>The histogram of call durations, in seconds (one measurement per call, retries included).</summary>
    public const string DurationInstrument = "http.client.request.duration";

    /// <summary>The counter of calls.</summary>
    public const string CallsInstrument = "chainpay.client.calls";

    /// <summary>The counter of WeChat Pay error answers, by <c>chainpay.wechat.code</c>.</summary>
    public const string WeChatErrorsInstrument = "chainpay.wechat.errors";

    /// <summary>The counter of answers that failed signature verification.</summary>
    public const string VerificationFailuresInstrument = "chainpay.verification.failures";

    /// <summary>The counter of retried attempts.</summary>
    public const string RetriesInstrument = "chainpay.client.retries";

    private static readonly string? Version = typeof(ChainPayTelemetry).Assembly.GetName().Version?.ToString(3);

    internal static readonly ActivitySource Source = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "s", "The duration of WeChat Pay calls, retries and their delays included.");

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsInstrument, "{call}", "WeChat Pay calls made.");

    internal static readonly Counter<long> WeChatErrors = Meter.CreateCounter<long>(WeChatErrorsInstrument, "{error}", "WeChat Pay error answers, by WeChat's code.");

    internal static readonly Counter<long> VerificationFailures = Meter.CreateCounter<long>(VerificationFailuresInstrument, "{failure}", "WeChat Pay answers that failed verification.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Attempts that failed and were sent again.");

    /// <summary>Whether anything listens: a source listener or an enabled instrument.</summary>
    internal static bool Listened =>
        Source.HasListeners() || Duration.Enabled || Calls.Enabled || WeChatErrors.Enabled || VerificationFailures.Enabled || Retries.Enabled;
}
