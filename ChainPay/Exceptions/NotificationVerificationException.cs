namespace ChainPay;

/// <summary>
/// Raised when a WeChat Pay notification (callback) cannot be trusted: a missing, empty or blank <c>Wechatpay-*</c>
/// header, a timestamp outside ±300 s, an unknown serial, a signature that does not verify (including WeChat's
/// <c>WECHATPAY/SIGNTEST/</c> probes, and bodies that were re-serialised instead of passed raw), a replayed nonce,
/// a body or field of an unexpected shape (not one JSON object, a <c>resource</c> that is not an object, a field that
/// is not a string), or a resource that does not decrypt or is not a JSON object. Answer the notification with an
/// error status (e.g. 401).
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
