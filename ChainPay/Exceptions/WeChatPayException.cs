using Flurl.Http;

namespace ChainPay;

/// <summary>
/// Base of the exceptions raised for an answer of WeChat Pay that cannot be handed to the caller as a success:
/// <see cref="ApiException"/> (a non-2xx status) and <see cref="ResponseVerificationException"/> (a 2xx answer
/// whose signature does not hold). Catch it to handle both.
/// </summary>
/// <remarks>Messages never contain the request's <c>Authorization</c> header or any key.</remarks>
public abstract class WeChatPayException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="response">The response that caused it.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    protected WeChatPayException(string message, IFlurlResponse response, Exception? innerException = null)
        : base(message, innerException)
    {
        Response = response;
    }

    /// <summary>The response as received (its body can still be read).</summary>
    public IFlurlResponse Response { get; }

    /// <summary>The HTTP status code of <see cref="Response"/>.</summary>
    public int StatusCode => Response.StatusCode;
}
