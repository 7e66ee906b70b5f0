using Microsoft.Extensions.Logging;

namespace ChainPay.Redis;

/// <summary>The log lines of ChainPay.Redis (category <c>ChainPay.Redis</c>); never a nonce, a key or a password.</summary>
internal static class RedisLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "ChainPay.Redis";

    private static readonly Action<ILogger, string, string, string, Exception?> FallingBack = LoggerMessage.Define<string, string, string>(
        LogLevel.Warning,
        new EventId(7101, "RateLimitFallback"),
        "Rate limit {Api} of merchant {Merchant}: Redis is unreachable ({Reason}); this instance now limits in-process until it is back.");

    private static readonly Action<ILogger, string, string, Exception?> Back = LoggerMessage.Define<string, string>(
        LogLevel.Information,
        new EventId(7102, "RateLimitShared"),
        "Rate limit {Api} of merchant {Merchant}: Redis is back; the bucket is shared again.");

    public static void RateLimitFallback(ILogger logger, string api, string merchant, string reason) => FallingBack(logger, api, merchant, reason, null);

    public static void RateLimitShared(ILogger logger, string api, string merchant) => Back(logger, api, merchant, null);
}
