using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing;

// The calls WeChat Pay makes to the merchant: a flow that finishes (an order paid, a refund done, a transfer
// finished) raises its event here, and the sandbox's delivery (WeChatPaySandbox.Delivery.cs) sends it to notify_url.
public sealed partial class WeChatPaySandbox
{
    private readonly RecentRecords<(string Mchid, string? NotifyUrl, string EventType, JObject Resource)> raised = new();

    /// <summary>
    /// The events the flows raised, oldest first, with or without a <c>notify_url</c> (for tests; what was sent is
    /// <see cref="Deliveries"/>): the last <see cref="RecentRecords{T}.DefaultCapacity"/> of them.
    /// </summary>
    internal IReadOnlyList<(string Mchid, string? NotifyUrl, string EventType, JObject Resource)> RaisedEvents
    {
        get
        {
            lock (raised)
            {
                return raised.ToArray();
            }
        }
    }

    /// <summary>A flow raises an event for the merchant; nothing is sent when the flow had no <c>notify_url</c>.</summary>
    /// <param name="mchid">The merchant the event belongs to.</param>
    /// <param name="notifyUrl">The <c>notify_url</c> the merchant gave when it started the flow.</param>
    /// <param name="eventType">E.g. <c>TRANSACTION.SUCCESS</c>, <c>REFUND.SUCCESS</c>, <c>MCHTRANSFER.BILL.FINISHED</c>.</param>
    /// <param name="resource">The plaintext resource, encrypted with the APIv3 key when sent.</param>
    internal void Raise(string mchid, string? notifyUrl, string eventType, JObject resource)
    {
        lock (raised)
        {
            raised.Add((mchid, notifyUrl, eventType, (JObject)resource.DeepClone()));
        }

        if (!string.IsNullOrEmpty(notifyUrl))
        {
            OnRaised(mchid, notifyUrl!, eventType, resource);
        }
    }

    partial void OnRaised(string mchid, string notifyUrl, string eventType, JObject resource);
}
