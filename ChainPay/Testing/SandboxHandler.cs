namespace ChainPay.Testing;

/// <summary>An in-memory <see cref="HttpMessageHandler"/> over a <see cref="WeChatPaySandbox"/>: no socket, no network.</summary>
/// <example>
/// <code>
/// var http = new HttpClient(new SandboxHandler(sandbox));
/// </code>
/// </example>
public sealed class SandboxHandler : HttpMessageHandler
{
    private readonly WeChatPaySandbox sandbox;

    /// <summary>Creates the handler.</summary>
    /// <param name="sandbox">The sandbox that answers.</param>
    public SandboxHandler(WeChatPaySandbox sandbox)
    {
        this.sandbox = sandbox ?? throw new InvalidArgumentException("A sandbox is required.", nameof(sandbox));
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var response = await sandbox.HandleAsync(request).ConfigureAwait(false);
        response.RequestMessage = request;
        return response;
    }
}
