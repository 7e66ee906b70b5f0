using System.Diagnostics;
using ChainPay.Tests.Docs;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Redis;

/// <summary>Separate processes (tests/fleet) sharing one redis-Server, as a fleet's instances do.</summary>
[NonParallelizable]
public class FleetProcessTests : RedisTests
{
    [Test]
    public async Task ANonceRecordedByOneProcess_IsRefusedByAnother()
    {
        var nonce = Guid.NewGuid().ToString("N");

        var first = await RunAsync("nonce", Server.Configuration, "1900000001", nonce);
        var second = await RunAsync("nonce", Server.Configuration, "1900000001", nonce);
        var otherMerchant = await RunAsync("nonce", Server.Configuration, "1900000002", nonce);

        Assert.That((first, second, otherMerchant), Is.EqualTo(("recorded", "replay", "recorded")));
    }

    [Test]
    public async Task ProcessesSharingABucket_StayWithinTheLimit()
    {
        const int processes = 3;
        const int runMs = 2000;
        var start = DateTimeOffset.UtcNow.AddMilliseconds(3000).ToUnixTimeMilliseconds();
        var merchant = "fleet-" + Guid.NewGuid().ToString("N");

        var outputs = await Task.WhenAll(Enumerable.Range(0, processes).Select(_ => RunAsync("rate", Server.Configuration, merchant, start.ToString(System.Globalization.CultureInfo.InvariantCulture), runMs.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var permits = outputs.Select(o => int.Parse(o.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // 50 per second: 5 permits, one back every 22,223 µs. Every counted permit was granted within the run (on the
        // machine's one clock), from a full bucket: at most 5 + floor(2 s / 22.223 ms) + 1.
        var bound = 5 + Math.Floor(runMs * 1000.0 / 22_223) + 1;
        TestContext.Out.WriteLine($"permits per process: {string.Join(", ", permits)}; bound {bound}");
        Assert.That(permits.Sum(), Is.LessThanOrEqualTo(bound));
        Assert.That(permits.Sum() / (runMs / 1000.0), Is.LessThanOrEqualTo((50 * 1.05) + (5 / (runMs / 1000.0))));
        Assert.That(permits.Sum(), Is.GreaterThan(0));
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var configuration = AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(DocBlock.RepoRoot, "tests", "fleet", "bin", configuration, "net10.0", "ChainPay.Fleet.dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} is built with the tests (ChainPay.Tests references tests/fleet)");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        Assert.That(process.ExitCode, Is.Zero, await error);
        return (await output).Trim();
    }
}
