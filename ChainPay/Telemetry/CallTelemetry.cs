using System.Diagnostics;
using ChainPay.Chaining;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChainPay.Telemetry;

/// <summary>
/// The telemetry step of one instance: starts a <see cref="CallObservation"/> per call when anything listens
/// (a logger enabled for warnings, an activity listener, an enabled instrument), else nothing, at no cost.
/// </summary>
internal sealed class CallTelemetry
{
    /// <summary>Creates the step.</summary>
    /// <param name="loggerFactory">Where the <c>ChainPay</c> logger comes from; <c>null</c> logs nothing.</param>
    /// <param name="mchid">The merchant id, put on every event (not a secret; one value per instance).</param>
    /// <param name="baseUri">The default base URI, for <c>server.address</c> when no answer came.</param>
    public CallTelemetry(ILoggerFactory? loggerFactory, string mchid, string baseUri)
    {
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(ChainPayTelemetry.Name);
        Mchid = mchid;
        var uri = new Uri(baseUri);
        ServerAddress = uri.Host;
        ServerPort = uri.Port;
    }

    /// <summary>The <c>ChainPay</c> logger.</summary>
    public ILogger Logger { get; }

    /// <summary>The merchant id.</summary>
    public string Mchid { get; }

    /// <summary>The default host.</summary>
    public string ServerAddress { get; }

    /// <summary>The default port.</summary>
    public int ServerPort { get; }

    /// <summary>Starts observing a call, or returns <c>null</c> (allocating nothing) when nothing listens.</summary>
    public CallObservation? Start(HttpMethod method, UriTemplate template)
    {
        if (!ChainPayTelemetry.Listened && !Logger.IsEnabled(LogLevel.Warning))
        {
            return null;
        }

        var urlTemplate = "/" + template.Text;
        Activity? activity = null;
        if (ChainPayTelemetry.Source.HasListeners())
        {
            activity = ChainPayTelemetry.Source.StartActivity(method.Method + " " + urlTemplate, ActivityKind.Client);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(TelemetryTags.Method, method.Method);
                activity.SetTag(TelemetryTags.UrlTemplate, urlTemplate);
                activity.SetTag(TelemetryTags.ServerAddress, ServerAddress);
                activity.SetTag(TelemetryTags.ServerPort, ServerPort);
                activity.SetTag(TelemetryTags.MerchantId, Mchid);
            }
        }

        return new CallObservation(this, method.Method, urlTemplate, activity);
    }
}
