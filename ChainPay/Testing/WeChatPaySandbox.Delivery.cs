using System.Globalization;
using ChainPay.Testing.Internal;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing;

// The notifications WeChat Pay POSTs to a merchant's notify_url: queued when a flow raises its event (or by
// Deliver), sent by DeliverDueAsync when due by the sandbox's clock (a SandboxServer runs it on real time), re-sent
// on WeChat Pay's schedule (Internal/DeliverySchedule.cs) until answered 2xx, each attempt signed anew.
public sealed partial class WeChatPaySandbox
{
    private static readonly Lazy<HttpClient> DefaultNotifyClient = new(() =>
        new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan });

    private readonly List<PendingDelivery> pending = new();
    private readonly RecentRecords<SandboxDelivery> deliveries = new();
    private HttpClient? notifyClient;
    private bool duplicateDeliveries;
    private double notifyTimeScale;
    private TimeSpan notifyTimeout;

    /// <summary>Raised after each delivery attempt (on the thread that sent it); what it throws is ignored.</summary>
    public event EventHandler<SandboxDelivery>? Delivered;

    /// <summary>Raised when a notification is queued (a <see cref="SandboxServer"/>'s delivery loop wakes up).</summary>
    internal event Action? DeliveryQueued;

    /// <summary>
    /// The delivery attempts made so far, oldest first (a copy): all of them, or in a sandbox left running the last
    /// 10,000 (older ones are dropped, so a long-running <c>chainpay sandbox</c> keeps a bounded record).
    /// </summary>
    public IReadOnlyList<SandboxDelivery> Deliveries
    {
        get
        {
            lock (pending)
            {
                return deliveries.ToArray();
            }
        }
    }

    /// <summary>How many notifications are still to be delivered (queued, or waiting for a re-send).</summary>
    public int PendingDeliveries
    {
        get
        {
            lock (pending)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>
    /// Queues a notification for <paramref name="notifyUrl"/> as a finished flow does: encrypted with
    /// <see cref="ApiV3Key"/>, signed with the platform key on each attempt, sent by the next
    /// <see cref="DeliverDueAsync"/> (or a <see cref="SandboxServer"/>'s loop) and re-sent on WeChat Pay's schedule
    /// until answered 2xx.
    /// </summary>
    /// <param name="notifyUrl">The merchant's endpoint, an absolute http or https URL.</param>
    /// <param name="eventType">The event type, e.g. <c>TRANSACTION.SUCCESS</c>.</param>
    /// <param name="resource">The plaintext resource: a <see cref="JObject"/>, a JSON string, or an object serialised with Newtonsoft.Json.</param>
    /// <param name="id">The notification id; a new one by default.</param>
    /// <returns>The notification id.</returns>
    /// <example>
    /// <code>
    /// sandbox.Deliver(new Uri("http://127.0.0.1:5000/notify"), "TRANSACTION.SUCCESS", new { out_trade_no = "1217752501201407033233368018" });
    /// await sandbox.DeliverDueAsync();
    /// </code>
    /// </example>
    /// <exception cref="InvalidArgumentException">No or a relative or non-http(s) <paramref name="notifyUrl"/>, no event type, or no resource.</exception>
    public string Deliver(Uri notifyUrl, string eventType, object resource, string? id = null)
    {
        if (notifyUrl is null || !IsDeliverable(notifyUrl))
        {
            throw new InvalidArgumentException($"The notify_url must be an absolute http or https URL, not `{notifyUrl}`.", nameof(notifyUrl));
        }

        if (string.IsNullOrEmpty(eventType))
        {
            throw new InvalidArgumentException("An event type (e.g. TRANSACTION.SUCCESS) is required.", nameof(eventType));
        }

        id ??= Guid.NewGuid().ToString();
        Queue(notifyUrl, eventType, id, NotificationPlaintext(resource));
        return id;
    }

    /// <summary>
    /// Sends every delivery attempt due by the sandbox's clock (at the same time), records each in
    /// <see cref="Deliveries"/> and schedules the next: a 2xx ends a notification (after one duplicate with
    /// <see cref="SandboxOptions.DuplicateDeliveries"/>), anything else (another status, a timeout, a connection
    /// failure) schedules the re-send WeChat Pay would make, until the 15th attempt. Never throws for a delivery.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; an attempt cut short is sent again by the next call.</param>
    /// <returns>How many attempts were sent.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock();
        List<PendingDelivery> due;
        lock (pending)
        {
            due = pending.Where(p => !p.InFlight && p.Due <= now).ToList();
            due.ForEach(p => p.InFlight = true);
        }

        await Task.WhenAll(due.Select(p => SendAsync(p, cancellationToken))).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>How long until the next attempt is due by the sandbox's clock; <c>null</c> when none is queued.</summary>
    internal TimeSpan? UntilNextDelivery()
    {
        lock (pending)
        {
            var next = pending.Where(p => !p.InFlight).Select(p => (DateTimeOffset?)p.Due).Min();
            return next - clock();
        }
    }

    partial void OnRaised(string mchid, string notifyUrl, string eventType, JObject resource)
    {
        // Called inside a request's handling: nothing here may throw into it.
        try
        {
            var id = Guid.NewGuid().ToString();
            if (Uri.TryCreate(notifyUrl, UriKind.Absolute, out var url) && IsDeliverable(url))
            {
                Queue(url, eventType, id, resource.ToString(Formatting.None));
                return;
            }

            Record(new SandboxDelivery(eventType, id, notifyUrl, 1, false, clock(), null, $"notify_url `{notifyUrl}` of merchant {mchid} is not an absolute http or https URL: not sent"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Record(new SandboxDelivery(eventType, string.Empty, notifyUrl, 1, false, clock(), null, $"not sent: {e.GetType().Name}: {e.Message}"));
        }
    }

    private static bool IsDeliverable(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private void ConfigureDelivery(SandboxOptions options)
    {
        if (!(options.NotifyTimeScale > 0 && options.NotifyTimeScale <= 1))
        {
            throw new InvalidArgumentException($"The `NotifyTimeScale` must be above 0 and at most 1, not {options.NotifyTimeScale.ToString(CultureInfo.InvariantCulture)}.", nameof(SandboxOptions.NotifyTimeScale));
        }

        if (options.NotifyTimeout <= TimeSpan.Zero)
        {
            throw new InvalidArgumentException($"The `NotifyTimeout` must be positive, not {options.NotifyTimeout}.", nameof(SandboxOptions.NotifyTimeout));
        }

        duplicateDeliveries = options.DuplicateDeliveries;
        notifyTimeScale = options.NotifyTimeScale;
        notifyTimeout = options.NotifyTimeout;
        notifyClient = options.NotifyHandler is { } handler ? new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan } : null;
    }

    private void Queue(Uri url, string eventType, string id, string plaintext)
    {
        var body = NotificationBody(eventType, plaintext, id);
        lock (pending)
        {
            pending.Add(new PendingDelivery(url, eventType, id, body, clock()));
        }

        DeliveryQueued?.Invoke();
    }

    private async Task SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var notice = SignNotification(delivery.EventType, delivery.Body); // a new timestamp, nonce and signature each time
        var at = clock();
        int? status = null;
        string? error = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(notifyTimeout);
            try
            {
                using var request = notice.CreateRequest(delivery.Url);
                using var response = await (notifyClient ?? DefaultNotifyClient.Value).SendAsync(request, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                lock (pending)
                {
                    delivery.InFlight = false; // not made: the next pump sends it
                }

                throw;
            }
            catch (OperationCanceledException)
            {
                error = $"no answer within {notifyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = e is HttpRequestException && e.InnerException is { } inner ? inner.Message : e.Message;
            }
        }

        SandboxDelivery record;
        lock (pending)
        {
            var attempt = ++delivery.Attempts;
            record = new SandboxDelivery(delivery.EventType, delivery.Id, delivery.Url.AbsoluteUri, attempt, delivery.NextIsDuplicate, at, status, error);
            deliveries.Add(record);
            delivery.InFlight = false;
            var wait = record.Succeeded ? (duplicateDeliveries && !delivery.NextIsDuplicate ? TimeSpan.Zero : null)
                : delivery.NextIsDuplicate ? null : DeliverySchedule.After(attempt, notifyTimeScale);
            delivery.NextIsDuplicate = record.Succeeded;
            if (wait is { } next)
            {
                delivery.Due = at + next;
            }
            else
            {
                pending.Remove(delivery);
            }
        }

        Notify(record);
    }

    private void Record(SandboxDelivery record)
    {
        lock (pending)
        {
            deliveries.Add(record);
        }

        Notify(record);
    }

    private void Notify(SandboxDelivery record)
    {
        try
        {
            Delivered?.Invoke(this, record);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // a listener's failure (e.g. a closed console) is not the delivery's
        }
    }
}
