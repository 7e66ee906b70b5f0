namespace ChainPay.Tests.Fixtures;

/// <summary>A <c>NotifyHandler</c> that keeps a copy of every notification the sandbox POSTs.</summary>
internal sealed class NotifyRecorder : DelegatingHandler
{
    private readonly List<(IReadOnlyDictionary<string, string> Headers, string Body)> sent = new();

    public NotifyRecorder() : base(new HttpClientHandler { UseProxy = false })
    {
    }

    public IReadOnlyList<(IReadOnlyDictionary<string, string> Headers, string Body)> Sent
    {
        get
        {
            lock (sent)
            {
                return sent.ToArray();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Where(h => h.Key.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (sent)
        {
            sent.Add((headers, body));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
