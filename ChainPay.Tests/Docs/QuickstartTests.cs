using System.Diagnostics;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Docs;

/// <summary>
/// README's first command, run as users run it (<c>dotnet run docs/quickstart.cs</c>): without credentials it calls the
/// sandbox in all six forms; its real-API mode says what is missing or wrong and exits with code 2, without a stack
/// trace and before sending anything (<c>WECHATPAY_BASE_URI</c> points at a closed loopback port all the same).
/// Slow: the first run builds the app.
/// </summary>
[Category("slow")]
[NonParallelizable]
public class QuickstartTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [Test]
    public void WithoutCredentials_ItRunsAgainstTheSandbox_AllSixFormsOfTheFourSeedApisVerified()
    {
        var (exitCode, output) = Run(new Dictionary<string, string>());

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output.Split('\n').Count(line => line.Contains("HTTP 200, verified: {", StringComparison.Ordinal)), Is.EqualTo(24), output);
        Assert.That(output, Does.Contain("All four seed APIs answered in all six forms; every answer was verified against the platform key."));
    }

    [Test]
    public void RealApiModeWithOnlyTheMchidListsWhatIsMissingAndExitsWith2()
    {
        var (exitCode, output) = Run(new Dictionary<string, string> { ["WECHATPAY_MCHID"] = "1900000001" });

        Assert.That(exitCode, Is.EqualTo(2), output);
        foreach (string name in new[] { "WECHATPAY_SERIAL", "WECHATPAY_PRIVATE_KEY", "WECHATPAY_PUBLIC_KEY_ID", "WECHATPAY_PUBLIC_KEY" })
        {
            Assert.That(output, Does.Contain($"  {name}: "), output);
        }

        Assert.That(output, Does.Contain("apiclient_key.pem"));
        Assert.That(output, Does.Contain("PUB_KEY_ID_"));
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
        Assert.That(output, Does.Not.Contain("   at "));
    }

    [Test]
    public void RealApiModeWithAMissingKeyFileNamesTheOptionAndPathAndExitsWith2()
    {
        string missing = Path.Combine(Path.GetTempPath(), "chainpay-quickstart-" + Guid.NewGuid().ToString("N"), "apiclient_key.pem");
        var (exitCode, output) = Run(new Dictionary<string, string>
        {
            ["WECHATPAY_MCHID"] = "1900000001",
            ["WECHATPAY_SERIAL"] = TestKeys.MerchantSerial,
            ["WECHATPAY_PRIVATE_KEY"] = missing,
            ["WECHATPAY_PUBLIC_KEY_ID"] = TestKeys.PublicKeyId,
            ["WECHATPAY_PUBLIC_KEY"] = TestKeys.SpkiPublicKey,
        });

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("(PrivateKey)"));
        Assert.That(output, Does.Contain($"The file `{missing}` does not exist."));
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
        Assert.That(output, Does.Not.Contain("   at "));
    }

    private static (int ExitCode, string Output) Run(Dictionary<string, string> variables)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = DocBlock.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(Path.Combine("docs", "quickstart.cs"));
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("WECHATPAY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["WECHATPAY_BASE_URI"] = "http://127.0.0.1:9/";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var pair in variables)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit((int)RunTimeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet run docs/quickstart.cs did not finish in time");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
