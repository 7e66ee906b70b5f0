namespace ChainPay.V2;

/// <summary>
/// The unsigned APIv2 request data, carried to the <see cref="RequestTransformer"/>, which replaces it with the
/// signed XML (or, for GET, the signed query) at send time. It can never be sent as is.
/// </summary>
internal sealed class XmlRequestContent : HttpContent
{
    public XmlRequestContent(IReadOnlyList<KeyValuePair<string, object?>> data, bool nonceless)
    {
        Data = data;
        Nonceless = nonceless;
    }

    /// <summary>The <c>xml</c> option's pairs in order (empty for GET: the query is the data).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Data { get; }

    /// <summary>Whether the <c>nonceless</c> option was set.</summary>
    public bool Nonceless { get; }

    /// <inheritdoc />
    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        throw new InvalidOperationException("An APIv2 request must pass through the RequestTransformer before it is sent.");

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
