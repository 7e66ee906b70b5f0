namespace ChainPay.Cli;

/// <summary>What <c>chainpay</c> exits with.</summary>
internal static class ExitCodes
{
    /// <summary>Everything passed (or the server ran and was stopped).</summary>
    public const int Ok = 0;

    /// <summary>A check failed, an endpoint refused a notification, a download failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: an unknown option, a missing argument, a value that does not parse.</summary>
    public const int Usage = 2;
}
