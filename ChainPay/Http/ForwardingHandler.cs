namespace ChainPay.Http;

/// <summary>
/// Sends through a caller's <see cref="HttpClient"/> (e.g. from <c>IHttpClientFactory</c>) without touching it:
/// Flurl configures the client it wraps (its <c>Timeout</c>), which a used or shared client does not allow, so
/// ChainPay wraps this handler instead. The caller's client keeps its handlers and default headers and is never disposed.
/// </summary>
internal sealed class ForwardingHandler : HttpMessageHandler
{
    private readonly HttpClient inner;

    public ForwardingHandler(HttpClient inner) => this.inner = inner;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // An HttpClient sends a message once; the outer client has marked this one, so the caller's gets a copy.
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
        SigningState.CopyTo(request, copy); // so a SigningHandler in the caller's pipeline can sign a retry again
#if NETSTANDARD2_0
        foreach (var header in request.Headers)
#else
        foreach (var header in request.Headers.NonValidated) // raw values, not re-parsed and re-formatted
#endif
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        // Headers only: the body is read by ChainPay's own client, which applies MaxResponseSize and lets bills stream.
        var response = await inner.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.RequestMessage = request;
        return response;
    }

    /// <summary>Never disposes the caller's client.</summary>
    protected override void Dispose(bool disposing)
    {
        // The caller owns `inner`.
    }
}
