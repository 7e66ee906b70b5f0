using System.Diagnostics;
using System.Globalization;
using Flurl.Http;
using Microsoft.Extensions.Logging;

namespace ChainPay.Telemetry;

/// <summary>
/// One call seen by <see cref="CallTelemetry"/>: its span, its attempts and, at the end, one log event and the
/// measurements. Records methods, templates, statuses, WeChat codes and Request-IDs; never a body, a header value,
/// a key, a signature or the expanded path.
/// </summary>
internal sealed class CallObservation
{
    private readonly CallTelemetry owner;
    private readonly string method;
    private readonly string urlTemplate;
    private readonly Activity? activity;
    private readonly long started = Stopwatch.GetTimestamp();
    private int attempts = 1;

    public CallObservation(CallTelemetry owner, string method, string urlTemplate, Activity? activity)
    {
        this.owner = owner;
        this.method = method;
        this.urlTemplate = urlTemplate;
        this.activity = activity;
    }

    /// <summary>The attempts made so far.</summary>
    public int Attempts => attempts;

    /// <summary>An attempt failed with <paramref name="e"/> and is sent again after <paramref name="delay"/>, to <paramref name="nextBaseUri"/> when not <c>null</c>.</summary>
    public void Retrying(Exception e, TimeSpan delay, string? nextBaseUri)
    {
        var outcome = CallOutcome.Of(e, owner);
        Answered(outcome, e);
        var next = nextBaseUri is null ? owner.ServerAddress : new Uri(nextBaseUri).Host;
        if (ChainPayTelemetry.Retries.Enabled)
        {
            var tags = Tags(outcome);
            ChainPayTelemetry.Retries.Add(1, tags);
        }

        activity?.AddEvent(new ActivityEvent("chainpay.retry", tags: new ActivityTagsCollection
        {
            [TelemetryTags.ErrorType] = outcome.ErrorType,
            [TelemetryTags.RetryDelay] = delay.TotalSeconds,
            [TelemetryTags.ServerAddress] = next,
        }));
        if (owner.Logger.IsEnabled(LogLevel.Warning))
        {
            var reason = outcome.Code is null ? outcome.ErrorType : outcome.ErrorType + " " + outcome.Code;
            TelemetryLog.Retrying(owner.Logger, method, urlTemplate, attempts, reason, (long)delay.TotalMilliseconds, next, owner.Mchid);
        }

        attempts++;
    }

    /// <summary>The call ended with a verified answer.</summary>
    public void Succeeded(IFlurlResponse response) => End(CallOutcome.Of(response, owner));

    /// <summary>The call ended with <paramref name="e"/>; returns <c>false</c>, for an exception filter that lets it fly on untouched.</summary>
    public bool Failed(Exception e)
    {
        var outcome = CallOutcome.Of(e, owner);
        Answered(outcome, e);
        End(outcome);
        return false;
    }

    /// <summary>Counts what an error answer says: its WeChat code, a failed verification.</summary>
    private void Answered(CallOutcome outcome, Exception e)
    {
        if (outcome.Code is not null && ChainPayTelemetry.WeChatErrors.Enabled)
        {
            var tags = Tags(outcome);
            tags.Add(TelemetryTags.WeChatCode, outcome.Code);
            ChainPayTelemetry.WeChatErrors.Add(1, tags);
        }

        if (e is ResponseVerificationException)
        {
            var reason = CallOutcome.VerificationReason(e.Message);
            if (ChainPayTelemetry.VerificationFailures.Enabled)
            {
                var tags = Tags(outcome);
                tags.Add(TelemetryTags.VerificationReason, reason);
                ChainPayTelemetry.VerificationFailures.Add(1, tags);
            }

            activity?.SetTag(TelemetryTags.VerificationReason, reason);
            if (owner.Logger.IsEnabled(LogLevel.Warning))
            {
                TelemetryLog.VerificationFailed(owner.Logger, method, urlTemplate, outcome.Status ?? 0, reason, owner.Mchid, outcome.RequestId);
            }
        }
    }

    private void End(CallOutcome outcome)
    {
        var ticks = Stopwatch.GetTimestamp() - started;
        var seconds = ticks / (double)Stopwatch.Frequency;
        if (ChainPayTelemetry.Duration.Enabled || ChainPayTelemetry.Calls.Enabled)
        {
            var tags = Tags(outcome);
            ChainPayTelemetry.Duration.Record(seconds, tags);
            ChainPayTelemetry.Calls.Add(1, tags);
        }

        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(TelemetryTags.ServerAddress, outcome.ServerAddress);
                activity.SetTag(TelemetryTags.ServerPort, outcome.ServerPort);
                activity.SetTag(TelemetryTags.StatusCode, outcome.Status);
                activity.SetTag(TelemetryTags.ErrorType, outcome.Error ? outcome.ErrorType : null);
                activity.SetTag(TelemetryTags.WeChatCode, outcome.Code);
                activity.SetTag(TelemetryTags.RequestId, outcome.RequestId);
                activity.SetTag(TelemetryTags.ResendCount, attempts > 1 ? attempts - 1 : null);
            }

            if (outcome.Error)
            {
                activity.SetStatus(ActivityStatusCode.Error, outcome.Code ?? outcome.ErrorType);
            }

            activity.Dispose();
        }

        if (owner.Logger.IsEnabled(LogLevel.Information))
        {
            var ms = (long)(seconds * 1000);
            if (outcome.Status is { } status && outcome.Code is { } code)
            {
                TelemetryLog.WeChatError(owner.Logger, method, urlTemplate, status, code, ms, attempts, owner.Mchid, outcome.RequestId);
            }
            else if (outcome.Status is { } answered)
            {
                TelemetryLog.CallCompleted(owner.Logger, method, urlTemplate, answered, ms, attempts, owner.Mchid, outcome.RequestId);
            }
            else
            {
                TelemetryLog.CallFailed(owner.Logger, method, urlTemplate, outcome.ErrorType, ms, attempts, owner.Mchid);
            }
        }
    }

    /// <summary>The low-cardinality attributes of every measurement: no id, no path, no Request-ID.</summary>
    private TagList Tags(CallOutcome outcome)
    {
        var tags = new TagList
        {
            { TelemetryTags.Method, method },
            { TelemetryTags.UrlTemplate, urlTemplate },
            { TelemetryTags.ServerAddress, outcome.ServerAddress },
            { TelemetryTags.ServerPort, outcome.ServerPort },
            { TelemetryTags.MerchantId, owner.Mchid },
        };
        if (outcome.Status is { } status)
        {
            tags.Add(TelemetryTags.StatusCode, status);
        }

        if (outcome.Error)
        {
            tags.Add(TelemetryTags.ErrorType, outcome.ErrorType);
        }

        return tags;
    }

    internal static string StatusText(int status) => status.ToString(CultureInfo.InvariantCulture);
}
