using Microsoft.Extensions.Logging;

namespace ChainPay.Telemetry;

/// <summary>ChainPay's log events (category <c>ChainPay</c>): templates, statuses, codes and ids, never a body, a key or a signature.</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 1, EventName = "CallCompleted", Level = LogLevel.Information,
        Message = "WeChat Pay {Method} {UrlTemplate} answered {StatusCode} in {ElapsedMs} ms after {Attempts} attempt(s) (mchid {Mchid}, Request-ID {RequestId})")]
    public static partial void CallCompleted(ILogger logger, string method, string urlTemplate, int statusCode, long elapsedMs, int attempts, string mchid, string? requestId);

    [LoggerMessage(EventId = 5, EventName = "WeChatError", Level = LogLevel.Information,
        Message = "WeChat Pay {Method} {UrlTemplate} answered {StatusCode} {WeChatCode} in {ElapsedMs} ms after {Attempts} attempt(s) (mchid {Mchid}, Request-ID {RequestId})")]
    public static partial void WeChatError(ILogger logger, string method, string urlTemplate, int statusCode, string weChatCode, long elapsedMs, int attempts, string mchid, string? requestId);

    [LoggerMessage(EventId = 2, EventName = "CallFailed", Level = LogLevel.Information,
        Message = "WeChat Pay {Method} {UrlTemplate} failed without an answer ({ErrorType}) in {ElapsedMs} ms after {Attempts} attempt(s) (mchid {Mchid})")]
    public static partial void CallFailed(ILogger logger, string method, string urlTemplate, string errorType, long elapsedMs, int attempts, string mchid);

    [LoggerMessage(EventId = 3, EventName = "Retrying", Level = LogLevel.Warning,
        Message = "WeChat Pay {Method} {UrlTemplate} attempt {Attempt} failed with {Reason}; retrying in {DelayMs} ms on {ServerAddress} (mchid {Mchid})")]
    public static partial void Retrying(ILogger logger, string method, string urlTemplate, int attempt, string reason, long delayMs, string serverAddress, string mchid);

    [LoggerMessage(EventId = 4, EventName = "VerificationFailed", Level = LogLevel.Warning,
        Message = "WeChat Pay {Method} {UrlTemplate} answer {StatusCode} failed verification: {Reason} (mchid {Mchid}, Request-ID {RequestId})")]
    public static partial void VerificationFailed(ILogger logger, string method, string urlTemplate, int statusCode, string reason, string mchid, string? requestId);

    [LoggerMessage(EventId = 6, EventName = "NonceStoreUnavailable", Level = LogLevel.Warning,
        Message = "The shared nonce store is unreachable; {Purpose} nonces of mchid {Mchid} are checked in this process only until it returns: {Reason}")]
    public static partial void NonceStoreUnavailable(ILogger logger, string purpose, string mchid, string reason);

    [LoggerMessage(EventId = 8, EventName = "NonceStoreRecovered", Level = LogLevel.Information,
        Message = "The shared nonce store answers again; {Purpose} nonces of mchid {Mchid} are shared again")]
    public static partial void NonceStoreRecovered(ILogger logger, string purpose, string mchid);

    [LoggerMessage(EventId = 7, EventName = "KeyStoreUnavailable", Level = LogLevel.Warning,
        Message = "The shared platform key store is unreachable; this instance downloads the certificates of mchid {Mchid} itself: {Reason}")]
    public static partial void KeyStoreUnavailable(ILogger logger, string mchid, string reason);
}
