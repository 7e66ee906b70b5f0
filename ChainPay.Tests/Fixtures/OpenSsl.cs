using System.Diagnostics;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// Runs the <c>openssl</c> command line tool, the independent cross-check of the crypto tests. Without it a test is
/// ignored on a developer's machine but FAILS in CI (<c>CI=true</c>), where <c>.ci/run</c> installs it: a cross-check
/// that silently skips proves nothing.
/// </summary>
internal static class OpenSsl
{
    /// <summary>Ignores the test, or fails it in CI, because openssl (or a feature of it) is missing.</summary>
    public static void Unavailable(string reason)
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        if (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1")
        {
            Assert.Fail(reason + " CI must run this cross-check: .ci/run installs openssl.");
        }

        Assert.Ignore(reason);
    }

    /// <summary>The path of <c>openssl</c> on the PATH (else <see cref="Unavailable"/>).</summary>
    public static string PathOrIgnore()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (string name in new[] { "openssl", "openssl.exe" })
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        Unavailable("openssl is not on PATH.");
        return "";
    }

    public static void Run(string openssl, params string[] arguments)
    {
        var start = new ProcessStartInfo(openssl)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(60_000), Is.True, "openssl timed out");
        Assert.That(process.ExitCode, Is.Zero, $"openssl {string.Join(' ', arguments)} failed: {stdout}{stderr}");
    }
}
