namespace ChainPay;

/// <summary>
/// Raised when a WeChat Pay notification (callback) cannot be trusted: a missing <c>Wechatpay-*</c> header, a
/// timestamp outside ±300 s, an unknown serial, a signature that does not verify (including WeChat's
/// <c>WECHATPAY/SIGNTEST/</c> probes, and bodies that were re-serialised instead of passed raw), a replayed nonce,
/// or a resource that does not decrypt. Answer the notification with an error status (e.g. 401).
/// </summary>
/// <example>
/// <code>
/// try { var n = verifier.Verify(name => request.Headers[name], rawBody); }
/// catch (NotificationVerificationException) { return Results.Unauthorized(); }
/// </code>
/// </example>
public sealed class NotificationVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which check failed.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NotificationVerificationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
