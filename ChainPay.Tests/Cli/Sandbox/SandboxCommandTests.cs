using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChainPay.Cli;
using ChainPay.Cli.Sandbox;
using ChainPay.Testing;
using ChainPay.Tests.Docs;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Cli.Sandbox;

public class SandboxCommandTests
{
    private string dir = "";

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("chainpay-sandbox-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, recursive: true);

    [Test]
    public async Task It_prints_the_settings_it_generated_and_a_ChainPay_client_built_from_them_gets_verified_answers()
    {
        await using var running = await StartAsync(dir);
        var settings = running.Settings;

        Assert.That(settings.Keys, Is.SupersetOf(new[] { "WECHATPAY_BASE_URI", "WECHATPAY_MCHID", "WECHATPAY_SERIAL", "WECHATPAY_PRIVATE_KEY", "WECHATPAY_PUBLIC_KEY_ID", "WECHATPAY_PUBLIC_KEY" }));
        Assert.That(settings["WECHATPAY_PRIVATE_KEY"], Is.EqualTo(Path.Combine(dir, "apiclient_key.pem")));
        Assert.That(settings["WECHATPAY_PUBLIC_KEY_ID"], Does.StartWith("PUB_KEY_ID_"));
        var instance = Builder.Factory(new BuilderOptions
        {
            Mchid = settings["WECHATPAY_MCHID"], Serial = settings["WECHATPAY_SERIAL"], PrivateKey = "file://" + settings["WECHATPAY_PRIVATE_KEY"],
            Certs = { [settings["WECHATPAY_PUBLIC_KEY_ID"]] = "file://" + settings["WECHATPAY_PUBLIC_KEY"] }, BaseUri = settings["WECHATPAY_BASE_URI"],
        });

        var res = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "1217752501201407033233368018", query = new { mchid = settings["WECHATPAY_MCHID"] } });

        Assert.That((string?)JObject.Parse(await res.GetStringAsync())["trade_state"], Is.EqualTo("NOTPAY"));
        var (code, output) = await running.StopAsync();
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.EndWith("Stopped after 1 request(s)." + Environment.NewLine));
        Assert.That(output, Does.Not.Contain(JObject.Parse(File.ReadAllText(Path.Combine(dir, "sandbox.json")))["apiv3_key"]!.ToString()), "the APIv3 key stays in the file");
    }

    [Test]
    public async Task It_delivers_a_raised_notification_to_notify_url_and_prints_each_attempt_redelivering_after_a_500()
    {
        WeChatPaySandbox? served = null;
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        await using var app = await NotifyEndpoint.StartPlainAsync(_ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(500) : Results.NoContent()));
        await using var running = await StartAsync(dir, s => (served = s).Delivered += (_, d) =>
        {
            if (d.Succeeded)
            {
                succeeded.TrySetResult();
            }
        }, "--notify-time-scale", "0.01");

        served!.Raise(served.Merchant.Mchid, NotifyEndpoint.Url(app), "TRANSACTION.SUCCESS", new JObject { ["out_trade_no"] = "1217752501201407033233368018" });
        await succeeded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var (code, output) = await running.StopAsync();
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("(schedule × 0.01)"));
        var lines = output.Split(Environment.NewLine).Where(l => l.StartsWith("notify ", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Is.EqualTo(new[] { $"notify TRANSACTION.SUCCESS {NotifyEndpoint.Url(app)} #1: 500", $"notify TRANSACTION.SUCCESS {NotifyEndpoint.Url(app)} #2: 204" }));
    }

    [TestCase("0")]
    [TestCase("2")]
    public async Task A_time_scale_out_of_range_is_bad_usage(string scale)
    {
        var (code, _, error) = await CliRunner.RunAsync(null, null, CancellationToken.None, "sandbox", "--port", "0", "--dir", dir, "--notify-time-scale", scale);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"--notify-time-scale must be above 0 and at most 1, not {scale}."));
    }

    [Test]
    public async Task A_curl_and_openssl_script_signs_a_request_and_verifies_the_answer()
    {
        OpenSsl.PathOrIgnore();
        await using var running = await StartAsync(dir);
        var start = new ProcessStartInfo("bash", new[] { Path.Combine(DocBlock.RepoRoot, "tests", "sandbox", "curl-openssl.sh") })
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (name, value) in running.Settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(0), await stdout + await stderr);
        Assert.That(await stdout, Does.StartWith("HTTP 200, signature verified").And.Contain("\"out_trade_no\":\"1217752501201407033233368018\""));
        Assert.That(await stderr, Does.Contain("Verified OK"), "openssl itself verified the answer's signature");
    }

    [Test]
    public async Task A_second_run_on_the_folder_keeps_the_merchant_and_the_platform_key()
    {
        Dictionary<string, string> first;
        await using (var running = await StartAsync(dir))
        {
            first = running.Settings;
        }

        var keys = File.ReadAllText(Path.Combine(dir, "apiclient_key.pem")) + File.ReadAllText(Path.Combine(dir, "pub_key.pem"));
        await using var again = await StartAsync(dir);

        Assert.That(again.Settings["WECHATPAY_SERIAL"], Is.EqualTo(first["WECHATPAY_SERIAL"]));
        Assert.That(File.ReadAllText(Path.Combine(dir, "apiclient_key.pem")) + File.ReadAllText(Path.Combine(dir, "pub_key.pem")), Is.EqualTo(keys));
        var verified = await again.QueryWithAsync(first);
        Assert.That(verified, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_taken_port_exits_1_and_says_so()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, error) = await CliRunner.RunAsync(null, null, CancellationToken.None, "sandbox", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", dir);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.StartWith($"Cannot listen on 127.0.0.1:{port}"));
    }

    [Test]
    public async Task A_port_out_of_range_is_bad_usage()
    {
        var (code, _, error) = await CliRunner.RunAsync(null, null, CancellationToken.None, "sandbox", "--port", "70000", "--dir", dir);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--port must be 0 to 65535, not 70000."));
    }

    /// <summary>Starts <c>chainpay sandbox --port 0 --dir …</c> in process and waits for its ready line.</summary>
    internal static Task<Running> StartAsync(string dir, params string[] extra) => StartAsync(dir, null, extra);

    /// <summary>As above, handing the served sandbox to <paramref name="started"/> before it listens.</summary>
    internal static async Task<Running> StartAsync(string dir, Action<WeChatPaySandbox>? started, params string[] extra)
    {
        var output = new ReadyWriter(SandboxCommand.ReadyLine);
        var error = new StringWriter();
        var stop = new CancellationTokenSource();
        var context = new CliContext(output, error, _ => null) { SandboxStarted = started };
        var run = ChainPayCli.RunAsync(new[] { "sandbox", "--port", "0", "--dir", dir }.Concat(extra).ToArray(), context, stop.Token);
        await Task.WhenAny(output.Ready, run).Unwrap().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(output.Ready.IsCompleted, Is.True, output + error.ToString());
        var settings = Regex.Matches(output.ToString(), @"^  (WECHATPAY_[A-Z_]+)=(.+?)\r?$", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return new Running(run, stop, output, settings);
    }

    internal sealed class Running : IAsyncDisposable
    {
        private readonly Task<int> run;
        private readonly CancellationTokenSource stop;
        private readonly StringWriter output;

        public Running(Task<int> run, CancellationTokenSource stop, StringWriter output, Dictionary<string, string> settings)
        {
            (this.run, this.stop, this.output, Settings) = (run, stop, output, settings);
        }

        public Dictionary<string, string> Settings { get; }

        public async Task<(int Code, string Output)> StopAsync()
        {
            await stop.CancelAsync();
            var code = await run.WaitAsync(TimeSpan.FromSeconds(30));
            return (code, output.ToString());
        }

        /// <summary>Queries the sample order signing with <paramref name="keys"/> against this server; the verified status.</summary>
        public async Task<HttpStatusCode> QueryWithAsync(Dictionary<string, string> keys)
        {
            var instance = Builder.Factory(new BuilderOptions
            {
                Mchid = keys["WECHATPAY_MCHID"], Serial = keys["WECHATPAY_SERIAL"], PrivateKey = "file://" + keys["WECHATPAY_PRIVATE_KEY"],
                Certs = { [keys["WECHATPAY_PUBLIC_KEY_ID"]] = "file://" + keys["WECHATPAY_PUBLIC_KEY"] }, BaseUri = Settings["WECHATPAY_BASE_URI"],
            });
            var res = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "1217752501201407033233368018", query = new { mchid = keys["WECHATPAY_MCHID"] } });
            return (HttpStatusCode)res.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!run.IsCompleted)
            {
                await StopAsync();
            }

            stop.Dispose();
        }
    }
}
