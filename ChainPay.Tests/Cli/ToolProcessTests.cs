using System.Diagnostics;
using ChainPay.Tests.Docs;

namespace ChainPay.Tests.Cli;

/// <summary>The built tool as a process: what a developer runs (eng/check-packages.sh runs the packed one through <c>dotnet tool restore</c>).</summary>
public class ToolProcessTests
{
    [Test]
    public async Task The_tool_process_names_itself_chainpay_in_its_help()
    {
        var start = new ProcessStartInfo("dotnet", new[] { ToolPath(), "--help" }) { RedirectStandardOutput = true, UseShellExecute = false };

        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(process.ExitCode, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("Usage:" + Environment.NewLine + "  chainpay [command] [options]").And.Not.Contain("ChainPay.Cli"), stdout);
    }

    [Test]
    public async Task Dotnet_chainpay_doctor_against_the_sandbox_passes_every_check_and_exits_0()
    {
        var start = new ProcessStartInfo("dotnet", new[] { ToolPath(), "doctor" })
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var name in new[] { "WECHATPAY_MCHID", "WECHATPAY_SERIAL", "WECHATPAY_PRIVATE_KEY", "WECHATPAY_PUBLIC_KEY_ID", "WECHATPAY_PUBLIC_KEY", "WECHATPAY_APIV3_KEY", "WECHATPAY_BASE_URI" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.That(process.ExitCode, Is.EqualTo(0), await stdout + await stderr);
        Assert.That((await stdout).Split('\n').Count(l => l.StartsWith('✓')), Is.EqualTo(6), await stdout);
        Assert.That(await stdout, Does.Contain("All 6 checks passed."));
    }

    /// <summary>The tool's own output (its deps.json), not the copy beside the tests, which resolves the tests' dependencies.</summary>
    private static string ToolPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var tool = Path.Combine(DocBlock.RepoRoot, "ChainPay.Cli", "bin", configuration, "net10.0", "ChainPay.Cli.dll");
        Assert.That(File.Exists(tool), Is.True, tool);
        return tool;
    }
}
