namespace ChainPay.Crypto.Internal;

/// <summary>
/// Why a key input could not be loaded, in words fit for the user: what was found (and, for a file, where) and,
/// optionally, how to fix it. Raised inside the key readers and turned into an <see cref="InvalidArgumentException"/>
/// by <see cref="KeyExpectation.Error(object, KeyProblem)"/>, which adds what was expected. The text never holds key material.
/// </summary>
internal sealed class KeyProblem : Exception
{
    /// <summary>Creates the problem.</summary>
    /// <param name="found">A full sentence saying what was found, e.g. <c>Found a public key (`PUBLIC KEY`).</c></param>
    /// <param name="hint">An optional sentence on how to fix it.</param>
    /// <param name="inner">The I/O cause, when there is one (never a parser exception, whose text may describe the key).</param>
    public KeyProblem(string found, string? hint = null, Exception? inner = null)
        : base(found, inner)
    {
        Hint = hint;
    }

    /// <summary>How to fix it, or null.</summary>
    public string? Hint { get; }
}
