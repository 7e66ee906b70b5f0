using System.Net;

namespace ChainPay.Tests.Fixtures;

/// <summary>A Polly-like outer retry handler: sends the same message again, up to <c>retries</c> times, while the answer is 5xx.</summary>
internal sealed class RetryingHandler : DelegatingHandler
{
    private readonly int retries;

    public RetryingHandler(HttpMessageHandler inner, int retries = 1)
        : base(inner)
    {
        this.retries = retries;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        for (var i = 0; i < retries && response.StatusCode >= HttpStatusCode.InternalServerError; i++)
        {
            response.Dispose();
            response = await base.SendAsync(request, cancellationToken);
        }

        return response;
    }
}
