using System.Globalization;
using ChainPay.Telemetry;
using Flurl.Http;

namespace ChainPay.Resilience;

/// <summary>Runs an attempt function under <see cref="RetryOptions"/>; each attempt builds and signs its request anew.</summary>
internal sealed class RetryPolicy
{
    private readonly RetryOptions options;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private readonly Random random = new();

    public RetryPolicy(RetryOptions options)
    {
        if (options.MaxAttempts < 1)
        {
            throw new InvalidArgumentException("The `Retry.MaxAttempts` must be at least 1.", "Retry.MaxAttempts");
        }

        if (options.BaseDelay < TimeSpan.Zero || options.MaxDelay < options.BaseDelay)
        {
            throw new InvalidArgumentException("The `Retry` delays must be non-negative, with MaxDelay ≥ BaseDelay.", "Retry.MaxDelay");
        }

        if (options.BackupBaseUri is { } backup && (!Uri.TryCreate(backup, UriKind.Absolute, out var uri) || uri.Scheme != "https" && uri.Scheme != "http"))
        {
            throw new InvalidArgumentException("The `Retry.BackupBaseUri` must be an absolute http(s) URI.", "Retry.BackupBaseUri");
        }

        this.options = options;
        BackupBaseUri = options.BackupBaseUri is { } b ? (b.EndsWith("/", StringComparison.Ordinal) ? b : b + "/") : null;
        delay = options.Delay ?? Task.Delay;
    }

    /// <summary>The backup base URI, ending with <c>/</c>, or <c>null</c>.</summary>
    public string? BackupBaseUri { get; }

    /// <summary>Runs <paramref name="attempt"/> (given whether to use the backup domain) until it succeeds or may not be retried; <paramref name="observed"/> hears of each retry.</summary>
    public async Task<IFlurlResponse> RunAsync(Func<bool, Task<IFlurlResponse>> attempt, CancellationToken cancellationToken, CallObservation? observed = null)
    {
        var useBackup = false;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(useBackup).ConfigureAwait(false);
            }
            catch (Exception e) when (number < options.MaxAttempts && !cancellationToken.IsCancellationRequested && Classify(e) is { } kind)
            {
                useBackup |= BackupBaseUri is not null && kind.Backup;
                var wait = Backoff(number, kind.RetryAfter);
                observed?.Retrying(e, wait, useBackup ? BackupBaseUri : null);
                await delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether <paramref name="e"/> may be retried, whether to move to the backup domain, and the server's Retry-After.</summary>
    internal static (bool Backup, TimeSpan? RetryAfter)? Classify(Exception e) => e switch
    {
        ApiException { StatusCode: 429 } api => (false, RetryAfter(api)),
        ApiException { StatusCode: >= 500 } => (true, null),
        FlurlHttpTimeoutException => (true, null),
        FlurlHttpException { StatusCode: null } f when !IsAnswerTooLarge(f) => (true, null), // no answer: connection refused, reset, DNS
        _ => null,
    };

    /// <summary>Whether the call failed because the answer exceeded <see cref="BuilderOptions.MaxResponseSize"/>: sending again would not help.</summary>
    internal static bool IsAnswerTooLarge(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
#if NET8_0_OR_GREATER
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded })
            {
                return true;
            }
#endif
            if (inner.Message.IndexOf("maximum buffer size", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true; // netstandard2.0 runtimes have no HttpRequestError: .NET's message is the only sign
            }
        }

        return false;
    }

    /// <summary>The delay before attempt <paramref name="number"/> + 1.</summary>
    internal TimeSpan Backoff(int number, TimeSpan? retryAfter)
    {
        if (retryAfter is { } server)
        {
            return server > options.MaxDelay ? options.MaxDelay : server;
        }

        var ticks = Math.Min(options.MaxDelay.Ticks, options.BaseDelay.Ticks * (1L << Math.Min(number - 1, 30)));
        if (options.Jitter)
        {
            lock (random)
            {
                ticks = (long)(ticks * (0.5 + (random.NextDouble() / 2)));
            }
        }

        return TimeSpan.FromTicks(ticks);
    }

    private static TimeSpan? RetryAfter(ApiException e) =>
        e.Response.Headers.TryGetFirst("Retry-After", out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
