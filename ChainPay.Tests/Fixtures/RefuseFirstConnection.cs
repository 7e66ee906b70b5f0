namespace ChainPay.Tests.Fixtures;

/// <summary>Refuses the first connection, as a dead access point would, and passes every later request on.</summary>
internal sealed class RefuseFirstConnection : DelegatingHandler
{
    private int calls;

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref calls) == 1
            ? throw new HttpRequestException("Connection refused (api.mch.weixin.qq.com:443)")
            : base.SendAsync(request, cancellationToken);
}
