namespace ChainPay.Replay;

/// <summary>
/// Remembers the nonces of WeChat Pay's answers and notifications for a while, to refuse one that comes again (a
/// replay). The default, <see cref="MemoryNonceStore"/>, remembers in this process; share one store (e.g.
/// <c>ChainPay.Redis</c>) between instances so a notification replayed to another instance is refused too.
/// </summary>
/// <example>
/// <code>
/// var options = new BuilderOptions { /* … */ NonceStore = new MemoryNonceStore() };
/// </code>
/// </example>
public interface INonceStore
{
    /// <summary>Records <paramref name="nonce"/> unless it is already held (set-if-absent with expiry, atomically).</summary>
    /// <param name="merchant">The merchant id the nonce belongs to.</param>
    /// <param name="purpose">What the nonce came with: <see cref="NoncePurpose.Answer"/> or <see cref="NoncePurpose.Notification"/>.</param>
    /// <param name="nonce">The <c>Wechatpay-Nonce</c> value.</param>
    /// <param name="lifetime">How long to remember it.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns><c>true</c> when it was recorded now; <c>false</c> when it was already held (a replay).</returns>
    /// <exception cref="SharedStoreUnavailableException">The store cannot be reached; nothing is known about the nonce.</exception>
    Task<bool> TryAddAsync(string merchant, string purpose, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default);
}
