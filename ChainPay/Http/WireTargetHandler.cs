using ChainPay.Util;

namespace ChainPay.Http;

/// <summary>
/// Puts the request target on the wire exactly as ChainPay built and signed it. .NET's <see cref="Uri"/> decodes
/// unreserved triplets (<c>/v3/a%41b</c> ⇒ <c>/v3/aAb</c>, <c>%7E</c> ⇒ <c>~</c>), and Flurl rebuilds the message's
/// URI from its own string after <c>BeforeCall</c>; so <see cref="Pin"/> (in <c>BeforeCall</c>, before signing)
/// swaps in a URI that keeps the text, and this handler, the first one the message reaches, swaps it in again.
/// </summary>
/// <remarks>
/// Only on .NET 8 and later (<c>UriCreationOptions.DangerousDisablePathAndQueryCanonicalization</c>). The netstandard2.0
/// build sends and signs what the runtime's <see cref="Uri"/> makes of the text: the signature still covers exactly
/// the target on the wire, but unreserved triplets may go out decoded.
/// </remarks>
internal sealed class WireTargetHandler : DelegatingHandler
{
#if !NETSTANDARD2_0
    private static readonly HttpRequestOptionsKey<Uri> Key = new("ChainPay.WireTarget");
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };
#endif

    /// <summary>Creates the handler over <paramref name="inner"/>.</summary>
    public WireTargetHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>
    /// Replaces <paramref name="request"/>'s URI by one that keeps its text verbatim, and remembers it for the handler.
    /// Only a text <see cref="RequestTarget.Resolve"/> made is pinned: it is valid as it stands (no fragment, nothing to encode).
    /// </summary>
    public static void Pin(HttpRequestMessage request)
    {
#if !NETSTANDARD2_0
        var text = request.RequestUri?.OriginalString;
        if (text is null || !request.RequestUri!.IsAbsoluteUri || text.IndexOf('#') >= 0)
        {
            return;
        }

        var authorityEnd = text.IndexOf('/', text.IndexOf("//", StringComparison.Ordinal) + 2);
        if ((authorityEnd >= 0 && !PercentEncoding.IsEncodedTarget(text, authorityEnd)) || !Uri.TryCreate(text, Verbatim, out var verbatim))
        {
            return;
        }

        request.RequestUri = verbatim;
        request.Options.Set(Key, verbatim);
#endif
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
#if !NETSTANDARD2_0
        if (request.Options.TryGetValue(Key, out var verbatim))
        {
            request.RequestUri = verbatim;
        }
#endif

        return base.SendAsync(request, cancellationToken);
    }
}
