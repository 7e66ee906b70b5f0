using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Fixtures;

/// <summary>An <see cref="ILoggerProvider"/> that keeps every log line (category, level, event, message, exception text).</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly List<Entry> entries = new();

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (entries)
            {
                return entries.ToList();
            }
        }
    }

    /// <summary>Everything logged, as one text (to search for what must not be there).</summary>
    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Category} {e.Level} {e.Event} {e.Message} {e.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    internal sealed record Entry(string Category, LogLevel Level, string? Event, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? Array.Empty<KeyValuePair<string, object?>>();
            lock (owner.entries)
            {
                owner.entries.Add(new Entry(category, logLevel, eventId.Name, formatter(state, exception), exception?.ToString(), fields.ToList()));
            }
        }
    }
}
