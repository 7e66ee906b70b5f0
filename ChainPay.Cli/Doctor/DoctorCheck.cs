namespace ChainPay.Cli.Doctor;

/// <summary>One check's outcome: a verdict, and how to fix it when it failed or warns. Never holds a secret.</summary>
/// <param name="Name">What was checked, e.g. <c>APIv3 key</c>.</param>
/// <param name="Passed">Whether it passed (a warning passes).</param>
/// <param name="Verdict">What was found.</param>
/// <param name="Fix">What to do; empty when it passed without a warning.</param>
/// <param name="Warning">Whether it passed with a warning (e.g. a platform certificate expiring within 30 days).</param>
internal sealed record DoctorCheck(string Name, bool Passed, string Verdict, string Fix = "", bool Warning = false)
{
    public static DoctorCheck Pass(string name, string verdict) => new(name, true, verdict);

    public static DoctorCheck Warn(string name, string verdict, string fix) => new(name, true, verdict, fix, true);

    public static DoctorCheck Fail(string name, string verdict, string fix) => new(name, false, verdict, fix);

    /// <summary>"✓ name — verdict", "⚠ name — verdict — fix: …" or "✗ name — verdict — fix: …".</summary>
    public override string ToString() =>
        !Passed ? $"✗ {Name} — {Verdict} — fix: {Fix}" : Warning ? $"⚠ {Name} — {Verdict} — fix: {Fix}" : $"✓ {Name} — {Verdict}";
}
