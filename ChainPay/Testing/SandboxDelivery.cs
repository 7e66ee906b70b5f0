using System.Globalization;

namespace ChainPay.Testing;

/// <summary>
/// One attempt of the sandbox to deliver a notification to a merchant's <c>notify_url</c>
/// (<see cref="WeChatPaySandbox.Deliveries"/>): which notification, where, the attempt's number, and what came back.
/// </summary>
/// <example>
/// <code>
/// await sandbox.DeliverDueAsync();
/// var last = sandbox.Deliveries[^1];   // e.g. TRANSACTION.SUCCESS http://127.0.0.1:5000/notify #1: 500
/// </code>
/// </example>
public sealed class SandboxDelivery
{
    internal SandboxDelivery(string eventType, string notificationId, string url, int attempt, bool duplicate, DateTimeOffset at, int? status, string? error)
    {
        EventType = eventType;
        NotificationId = notificationId;
        Url = url;
        Attempt = attempt;
        Duplicate = duplicate;
        At = at;
        Status = status;
        Error = error;
    }

    /// <summary>The event type, e.g. <c>TRANSACTION.SUCCESS</c>.</summary>
    public string EventType { get; }

    /// <summary>The notification's <c>id</c>: the same on every attempt of one notification.</summary>
    public string NotificationId { get; }

    /// <summary>The <c>notify_url</c> it was sent to.</summary>
    public string Url { get; }

    /// <summary>The attempt's number for this notification, from 1.</summary>
    public int Attempt { get; }

    /// <summary>Whether this attempt is a duplicate sent after a 2xx (<see cref="SandboxOptions.DuplicateDeliveries"/>).</summary>
    public bool Duplicate { get; }

    /// <summary>When it was sent, by the sandbox's clock.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The HTTP status the endpoint answered; <c>null</c> when there was no answer (see <see cref="Error"/>).</summary>
    public int? Status { get; }

    /// <summary>Why there was no answer (connection refused, timeout, a <c>notify_url</c> that cannot be sent to); otherwise <c>null</c>.</summary>
    public string? Error { get; }

    /// <summary>Whether the endpoint answered 2xx: WeChat Pay's only success.</summary>
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>E.g. <c>TRANSACTION.SUCCESS http://127.0.0.1:5000/notify #2: 204</c>.</summary>
    public override string ToString() =>
        $"{EventType} {Url} #{Attempt.ToString(CultureInfo.InvariantCulture)}{(Duplicate ? " (duplicate)" : string.Empty)}: " +
        (Status is { } status ? status.ToString(CultureInfo.InvariantCulture) : Error);
}
