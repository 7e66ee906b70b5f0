using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using ChainPay.Telemetry;
using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Telemetry;

/// <summary>
/// Captures what ChainPay records for one merchant id: spans, measurements and log events. The source and the meter
/// are process-wide, so spans and measurements are kept only when their <c>chainpay.merchant.id</c> is this one's.
/// </summary>
internal sealed class TelemetryCapture : ILoggerFactory, ILogger
{
    private static int counter;
    private readonly ActivityListener activities;
    private readonly MeterListener meters;

    public TelemetryCapture()
    {
        Mchid = "19" + Interlocked.Increment(ref counter).ToString("D6", CultureInfo.InvariantCulture) + (Environment.ProcessId % 100).ToString("D2", CultureInfo.InvariantCulture);
        activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ChainPayTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("chainpay.merchant.id") as string == Mchid)
                {
                    Spans.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ChainPayTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Measure(i, v, tags));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Measure(i, v, tags));
        meters.Start();
    }

    /// <summary>The unique merchant id to build the instance with.</summary>
    public string Mchid { get; }

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public ConcurrentQueue<LogEvent> Logs { get; } = new();

    public IEnumerable<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    /// <summary>Every text recorded: span names, tags and events, measurement tags, log messages and their fields.</summary>
    public IEnumerable<string> AllText() =>
        Spans.SelectMany(s => new[] { s.DisplayName, s.OperationName, s.StatusDescription ?? string.Empty }
                .Concat(s.TagObjects.Select(t => t.Key + "=" + t.Value))
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => e.Name + ":" + t.Key + "=" + t.Value))))
            .Concat(Measurements.SelectMany(m => m.Tags.Select(t => m.Instrument + ":" + t.Key + "=" + t.Value)))
            .Concat(Logs.SelectMany(l => new[] { l.Message }.Concat(l.Fields.Select(f => f.Key + "=" + f.Value))));

    public void Dispose()
    {
        activities.Dispose();
        meters.Dispose();
    }

    ILogger ILoggerFactory.CreateLogger(string categoryName) => categoryName == ChainPayTelemetry.Name ? this : throw new AssertionException("unexpected category " + categoryName);

    void ILoggerFactory.AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    IDisposable? ILogger.BeginScope<TState>(TState state) => null;

    bool ILogger.IsEnabled(LogLevel logLevel) => true;

    void ILogger.Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state as IEnumerable<KeyValuePair<string, object?>> ?? Array.Empty<KeyValuePair<string, object?>>();
        Logs.Enqueue(new LogEvent(logLevel, eventId.Name ?? string.Empty, formatter(state, exception), fields.ToDictionary(f => f.Key, f => f.Value), exception));
    }

    private void Measure<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        if (map.TryGetValue("chainpay.merchant.id", out var id) && id as string == Mchid)
        {
            Measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, Convert.ToDouble(value, CultureInfo.InvariantCulture), map));
        }
    }

    internal sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);

    internal sealed record LogEvent(LogLevel Level, string Name, string Message, IReadOnlyDictionary<string, object?> Fields, Exception? Exception);
}
