namespace ChainPay.Testing.Internal;

/// <summary>A notification the sandbox has still to deliver: its signed-once body, and when its next attempt is due.</summary>
internal sealed class PendingDelivery
{
    public PendingDelivery(Uri url, string eventType, string id, string body, DateTimeOffset due)
    {
        Url = url;
        EventType = eventType;
        Id = id;
        Body = body;
        Due = due;
    }

    public Uri Url { get; }

    public string EventType { get; }

    /// <summary>The notification id: the same on every attempt.</summary>
    public string Id { get; }

    /// <summary>The JSON body (the resource encrypted once): the same on every attempt, signed anew each time.</summary>
    public string Body { get; }

    /// <summary>When the next attempt is due, by the sandbox's clock.</summary>
    public DateTimeOffset Due { get; set; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; set; }

    /// <summary>Whether an attempt is being sent now (a pump running at the same time does not send it again).</summary>
    public bool InFlight { get; set; }

    /// <summary>Whether the next attempt is the duplicate sent after a 2xx.</summary>
    public bool NextIsDuplicate { get; set; }
}
