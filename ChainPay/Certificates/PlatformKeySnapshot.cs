namespace ChainPay.Certificates;

/// <summary>One <c>/v3/certificates</c> download as an <see cref="IPlatformKeyStore"/> keeps it.</summary>
/// <example>
/// <code>
/// var snapshot = new PlatformKeySnapshot(body, publicKeyMode: false, fetchedAt: DateTimeOffset.UtcNow);
/// </code>
/// </example>
public sealed class PlatformKeySnapshot
{
    /// <summary>Creates the snapshot.</summary>
    /// <param name="body">The answer's body as WeChat Pay sent it (the certificates encrypted with the APIv3 key); empty in public-key mode.</param>
    /// <param name="publicKeyMode">Whether WeChat Pay answered that this merchant uses a public key instead (404 <c>RESOURCE_NOT_EXISTS</c>).</param>
    /// <param name="fetchedAt">When it was downloaded.</param>
    /// <exception cref="InvalidArgumentException"><paramref name="body"/> is <c>null</c>.</exception>
    public PlatformKeySnapshot(string body, bool publicKeyMode, DateTimeOffset fetchedAt)
    {
        Body = body ?? throw new InvalidArgumentException("The body is required (empty in public-key mode).", nameof(body));
        PublicKeyMode = publicKeyMode;
        FetchedAt = fetchedAt;
    }

    /// <summary>The answer's body, the certificates still encrypted; empty in public-key mode.</summary>
    public string Body { get; }

    /// <summary>Whether the merchant uses a WeChat Pay public key (no certificates to download).</summary>
    public bool PublicKeyMode { get; }

    /// <summary>When the download was made.</summary>
    public DateTimeOffset FetchedAt { get; }

    /// <summary>The mode, the time and the body's length (the body holds no secret, but is long).</summary>
    public override string ToString() => $"PlatformKeySnapshot {{ PublicKeyMode = {PublicKeyMode}, FetchedAt = {FetchedAt:O}, Body = {Body.Length} chars }}";
}
