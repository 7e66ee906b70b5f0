namespace ChainPay;

/// <summary>
/// A store shared between instances (<see cref="Replay.INonceStore"/>, <see cref="Certificates.IPlatformKeyStore"/>, a
/// distributed rate limiter) cannot be reached. What ChainPay does then, by store: a notification is refused (fail
/// closed: WeChat Pay delivers it again later, so nothing is lost); an answer's nonce is checked in this process's
/// memory; certificates are downloaded by this instance itself; rate limits fall back to an in-process bucket. Each
/// logs a warning. See docs/scaling-out.md.
/// </summary>
/// <example>
/// <code>
/// catch (SharedStoreUnavailableException) { return Results.StatusCode(503); } // WeChat Pay re-sends the notification
/// </code>
/// </example>
public sealed class SharedStoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be reached; never a nonce, a key or a password.</param>
    /// <param name="innerException">The store's own error.</param>
    public SharedStoreUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
