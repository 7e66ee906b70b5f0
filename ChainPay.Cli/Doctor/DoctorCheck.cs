namespace ChainPay.Cli.Doctor;

/// <summary>One check's outcome: a verdict, and how to fix it when it failed. Never holds a secret.</summary>
/// <param name="Name">What was checked, e.g. <c>APIv3 key</c>.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Verdict">What was found.</param>
/// <param name="Fix">What to do; empty when it passed.</param>
internal sealed record DoctorCheck(string Name, bool Passed, string Verdict, string Fix = "")
{
    public static DoctorCheck Pass(string name, string verdict) => new(name, true, verdict);

    public static DoctorCheck Fail(string name, string verdict, string fix) => new(name, false, verdict, fix);

    /// <summary>"✓ name — verdict" or "✗ name — verdict — fix: …".</summary>
    public override string ToString() => Passed ? $"✓ {Name} — {Verdict}" : $"✗ {Name} — {Verdict} — fix: {Fix}";
}
