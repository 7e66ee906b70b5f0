namespace ChainPay;

/// <summary>
/// Raised for bad input — a configuration option, a chain placeholder, a request option or a key —
/// always before anything is sent. Mirrors wechatpay-php's <c>WeChatPay\Exception\InvalidArgumentException</c>
/// and is an <see cref="ArgumentException"/>, so <see cref="ArgumentException.ParamName"/> names the offending option.
/// </summary>
/// <remarks>Messages never echo key material or secrets.</remarks>
/// <example>
/// <code>
/// try { Builder.Factory(new BuilderOptions()); }
/// catch (InvalidArgumentException e) { Console.WriteLine(e.ParamName); } // "Mchid"
/// </code>
/// </example>
public class InvalidArgumentException : ArgumentException
{
    /// <summary>Creates the exception with a message and the name of the offending option or value.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="paramName">The option, placeholder or argument at fault.</param>
    public InvalidArgumentException(string message, string? paramName)
        : base(message, paramName)
    {
    }

    /// <summary>Creates the exception with a message, the offending option and the underlying cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="paramName">The option, placeholder or argument at fault.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidArgumentException(string message, string? paramName, Exception? innerException)
        : base(message, paramName, innerException)
    {
    }
}
