using Flurl.Http;

namespace ChainPay;

/// <summary>
/// Raised when an APIv3 answer fails verification (DESIGN §2.7, spec §5): a missing <c>Wechatpay-*</c> header,
/// a timestamp more than 300 seconds from the local clock, a serial that is not in <c>Certs</c>, a signature that
/// does not verify, or an overseas statement whose body does not match its <c>Wechatpay-Statement-Sha1</c>.
/// The unverified answer is only reachable through <see cref="WeChatPayException.Response"/>.
/// </summary>
/// <example>
/// <code>
/// try { await instance.Chain("v3/certificates").GetAsync(); }
/// catch (ResponseVerificationException e) { logger.LogWarning(e.Message); }
/// </code>
/// </example>
public sealed class ResponseVerificationException : WeChatPayException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which check failed, with the values that made it fail.</param>
    /// <param name="response">The unverified response.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ResponseVerificationException(string message, IFlurlResponse response, Exception? innerException = null)
        : base(message, response, innerException)
    {
    }
}
