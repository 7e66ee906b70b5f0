using Microsoft.Extensions.Logging;

namespace ChainPay.AspNetCore.Notifications;

/// <summary>The notification endpoint's log events: ids, event types and reasons, never a body, ciphertext, key or signature.</summary>
internal static partial class NotificationLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "ChainPay.AspNetCore.Notifications";

    [LoggerMessage(EventId = 1, EventName = "NotificationAccepted", Level = LogLevel.Information,
        Message = "WeChat Pay notification {NotificationId} ({EventType}) for merchant '{Merchant}' accepted")]
    public static partial void Accepted(ILogger logger, string merchant, string? notificationId, string? eventType);

    [LoggerMessage(EventId = 2, EventName = "NotificationRefused", Level = LogLevel.Warning,
        Message = "WeChat Pay notification {NotificationId} ({EventType}) for merchant '{Merchant}' refused: {Reason}")]
    public static partial void Refused(ILogger logger, string merchant, string? notificationId, string? eventType, string reason);

    [LoggerMessage(EventId = 3, EventName = "NotificationHandlerFailed", Level = LogLevel.Error,
        Message = "WeChat Pay notification {NotificationId} ({EventType}) for merchant '{Merchant}': the handler failed; answered 500 so WeChat Pay sends it again")]
    public static partial void HandlerFailed(ILogger logger, string merchant, string? notificationId, string? eventType, Exception exception);

    [LoggerMessage(EventId = 4, EventName = "NotificationConfigurationFailed", Level = LogLevel.Error,
        Message = "WeChat Pay notification for merchant '{Merchant}' not handled: {Reason}")]
    public static partial void ConfigurationFailed(ILogger logger, string merchant, string reason);
}
