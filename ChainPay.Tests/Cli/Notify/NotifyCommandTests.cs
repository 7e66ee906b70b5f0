using ChainPay.Cli.Sandbox;
using ChainPay.Notifications;
using ChainPay.Testing;
using ChainPay.Tests.AspNetCore;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Cli.Notify;

public class NotifyCommandTests
{
    private string dir = "";

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("chainpay-notify-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, recursive: true);

    [TestCase("TRANSACTION.SUCCESS", "trade_state", "SUCCESS")]
    [TestCase("REFUND.SUCCESS", "refund_status", "SUCCESS")]
    [TestCase("MCHTRANSFER.BILL.FINISHED", "state", "SUCCESS")]
    public async Task The_AspNetCore_endpoint_verifies_decrypts_and_handles_it(string eventType, string field, string value)
    {
        var sandbox = new WeChatPaySandbox(SandboxFiles.OpenOrCreate(dir, () => DateTimeOffset.UtcNow).Options);
        var handled = new List<JObject>();
        var events = new List<string?>();
        await using var app = await NotificationApp.StartAsync(sandbox, handled, n =>
        {
            lock (handled)
            {
                handled.Add(n.DecryptResource());
                events.Add(n.EventType);
            }

            return Task.CompletedTask;
        });

        var (code, output, error) = await CliRunner.RunAsync(null, null, CancellationToken.None, "notify", new Uri(app.BaseUri, "notify").AbsoluteUri, "--event", eventType, "--dir", dir, "--number", "N20261201");

        Assert.That(code, Is.EqualTo(0), output + error);
        Assert.That(output, Does.StartWith($"{eventType} → {new Uri(app.BaseUri, "notify")}: HTTP 204"));
        Assert.That(events, Is.EqualTo(new[] { eventType }));
        Assert.That((string?)handled.Single()[field], Is.EqualTo(value));
        Assert.That(handled.Single().Properties().Any(p => p.Value.Type == JTokenType.String && (string?)p.Value == "N20261201"), Is.True, handled.Single().ToString());
    }

    [Test]
    public async Task A_given_resource_is_sent_as_it_is()
    {
        var sandbox = new WeChatPaySandbox(SandboxFiles.OpenOrCreate(dir, () => DateTimeOffset.UtcNow).Options);
        var handled = new List<JObject>();
        await using var app = await NotificationApp.StartAsync(sandbox, handled);

        var (code, _, _) = await CliRunner.RunAsync(null, null, CancellationToken.None, "notify", new Uri(app.BaseUri, "notify").AbsoluteUri, "--event", "VIOLATION.APPEAL", "--dir", dir, "--resource", "{\"complaint_id\":\"200201820200101080076610000\"}");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(handled.Single().ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"complaint_id\":\"200201820200101080076610000\"}"));
    }

    [Test]
    public async Task A_handler_that_throws_gets_500_and_the_command_exits_1()
    {
        var sandbox = new WeChatPaySandbox(SandboxFiles.OpenOrCreate(dir, () => DateTimeOffset.UtcNow).Options);
        await using var app = await NotificationApp.StartAsync(sandbox, new List<JObject>(), _ => throw new InvalidOperationException("database down"));

        var (code, output, _) = await CliRunner.RunAsync(null, null, CancellationToken.None, "notify", new Uri(app.BaseUri, "notify").AbsoluteUri, "--dir", dir);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain(": HTTP 500").And.Contain("WeChat Pay would send it again"));
    }

    [Test]
    public async Task An_endpoint_configured_for_other_keys_refuses_it()
    {
        var handled = new List<JObject>();
        await using var app = await NotificationApp.StartAsync(new WeChatPaySandbox(), handled);

        var (code, output, _) = await CliRunner.RunAsync(null, null, CancellationToken.None, "notify", new Uri(app.BaseUri, "notify").AbsoluteUri, "--dir", dir);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Match(": HTTP 4[0-9][0-9] "));
        Assert.That(handled, Is.Empty);
    }

    [Test]
    public async Task A_relative_url_is_bad_usage()
    {
        var (code, _, error) = await CliRunner.RunAsync(null, null, CancellationToken.None, "notify", "/notify", "--dir", dir);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("The URL must be an absolute http:// or https:// URL, not `/notify`."));
    }

    [TestCase("--event", "VIOLATION.APPEAL")]
    [TestCase("--resource", "{not json")]
    public async Task Bad_usage_exits_2_before_sending(string option, string value)
    {
        var (code, _, error) = await CliRunner.RunAsync(null, null, CancellationToken.None, "notify", "http://127.0.0.1:9/notify", option, value, "--dir", dir);

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain(option == "--event" ? "`VIOLATION.APPEAL` has no sample resource: give --resource" : "--resource is not JSON"));
    }
}
