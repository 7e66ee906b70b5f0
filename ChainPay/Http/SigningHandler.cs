namespace ChainPay.Http;

/// <summary>
/// Signs every attempt of a ChainPay request again: put it last (innermost, closest to the network) in a
/// hand-made <see cref="HttpClient"/>'s pipeline, below any retry handler (Polly, <c>AddStandardResilienceHandler</c>,
/// your own), and a message that a handler above sends a second time leaves with a fresh nonce, timestamp and
/// signature instead of the stale ones WeChat Pay refuses (<c>401 SIGN_ERROR</c>). The first attempt, and any request
/// ChainPay did not sign, pass untouched. <c>AddChainPay</c> adds it to its clients by itself.
/// </summary>
/// <example>
/// <code>
/// var http = new HttpClient(new MyRetryHandler { InnerHandler = new SigningHandler(new SocketsHttpHandler()) });
/// var instance = Builder.Factory(new BuilderOptions { /* … */ HttpClient = http });
/// // with IHttpClientFactory, as the last handler of the client:
/// services.AddHttpClient("wxpay").AddStandardResilienceHandler().AddHttpMessageHandler(() =&gt; new SigningHandler());
/// </code>
/// </example>
public sealed class SigningHandler : DelegatingHandler
{
    /// <summary>Creates the handler without an inner handler (for <c>IHttpClientFactory</c>, which sets it).</summary>
    public SigningHandler()
    {
    }

    /// <summary>Creates the handler over <paramref name="innerHandler"/> (usually the primary handler, e.g. a <c>SocketsHttpHandler</c>).</summary>
    /// <param name="innerHandler">The handler that sends to the network.</param>
    public SigningHandler(HttpMessageHandler innerHandler)
        : base(innerHandler ?? throw new InvalidArgumentException("An inner handler is required.", nameof(innerHandler)))
    {
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (SigningState.Of(request) is { } state)
        {
            request.RequestUri = state.Target; // the exact target signed, whatever the handlers above did to it
            if (state.CountSend() > 1)
            {
                if (request.Content is not (null or SignedContent))
                {
                    // Not ChainPay's own bytes: the body might not be the one signed, or not be readable twice.
                    throw new StaleAttemptException(
                        "ChainPay cannot sign this retried request again: its body was replaced by a handler and may not be re-readable. "
                        + "The attempt was not sent (a stale signature is refused by WeChat Pay).");
                }

                await state.Signer.SignAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
