namespace ChainPay.Cli;

/// <summary>A usage problem found after parsing (exit code 2), e.g. an option that only works with another.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
