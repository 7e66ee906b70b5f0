namespace ChainPay.Certificates;

/// <summary>
/// Where <see cref="CertificateManager"/>s of many instances share the platform certificates they download, so that one
/// instance downloads per refresh interval and the others read. The default, <see cref="MemoryPlatformKeyStore"/>,
/// shares within a process; <c>ChainPay.Redis</c> shares across a fleet.
/// </summary>
/// <remarks>
/// The store holds the <c>/v3/certificates</c> answer as WeChat Pay sent it, the certificates still encrypted with the
/// APIv3 key: a reader decrypts and checks them with its own key, so whoever can write to the store but does not hold
/// the APIv3 key cannot plant a certificate.
/// </remarks>
/// <example>
/// <code>
/// using var manager = new CertificateManager(instance, apiV3Key, TimeSpan.FromHours(12), store);
/// </code>
/// </example>
public interface IPlatformKeyStore
{
    /// <summary>The last snapshot stored for <paramref name="merchant"/>, or <c>null</c>.</summary>
    /// <param name="merchant">The merchant id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task<PlatformKeySnapshot?> GetAsync(string merchant, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="snapshot"/> for <paramref name="merchant"/>, replacing the last one, kept for <paramref name="timeToLive"/>.</summary>
    /// <param name="merchant">The merchant id.</param>
    /// <param name="snapshot">What was downloaded.</param>
    /// <param name="timeToLive">How long the store keeps it.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task SetAsync(string merchant, PlatformKeySnapshot snapshot, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Takes the merchant's refresh lock for <paramref name="lease"/> unless another instance holds it.</summary>
    /// <param name="merchant">The merchant id.</param>
    /// <param name="lease">How long the lock lasts if never released (the holder crashed).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A token to release it with, or <c>null</c> when another instance holds it.</returns>
    Task<string?> TryLockAsync(string merchant, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Releases the lock taken with <paramref name="token"/>; a lock that expired and was taken by another is left alone.</summary>
    /// <param name="merchant">The merchant id.</param>
    /// <param name="token">What <see cref="TryLockAsync"/> returned.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task ReleaseAsync(string merchant, string token, CancellationToken cancellationToken = default);
}
