namespace ChainPay.Http;

/// <summary>
/// Raised by <see cref="SigningHandler"/> for a retried attempt it cannot sign again; nothing was sent. ChainPay
/// raises it to the caller as it is (an <see cref="InvalidOperationException"/>), not wrapped as a transport failure.
/// </summary>
internal sealed class StaleAttemptException : InvalidOperationException
{
    public StaleAttemptException(string message)
        : base(message)
    {
    }
}
