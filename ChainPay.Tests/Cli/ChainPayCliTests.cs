namespace ChainPay.Tests.Cli;

public class ChainPayCliTests
{
    [Test]
    public async Task Help_lists_every_command_and_the_exit_codes()
    {
        var (code, output, _) = await CliRunner.RunAsync("--help");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("doctor").And.Contain("sandbox").And.Contain("notify").And.Contain("certificates"));
        Assert.That(output, Does.Contain("0 ok, 1 a check or a call failed, 2 bad usage"));
    }

    [TestCase]
    [TestCase("doctor")]
    [TestCase("sandbox")]
    public async Task Help_names_the_tool_chainpay_in_its_usage(params string[] command)
    {
        var (code, output, _) = await CliRunner.RunAsync(command.Append("--help").ToArray());

        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Usage:" + Environment.NewLine + "  chainpay " + string.Join(" ", command.Select(c => c + " "))), output);
        Assert.That(output, Does.Not.Contain("ChainPay.Cli").And.Not.Contain("testhost"));
    }

    [TestCase("doctor", "--port")]
    [TestCase("sandbox", "--port=many")]
    [TestCase("notify")]
    [TestCase("certificates", "upload")]
    [TestCase("teleport")]
    public async Task Bad_usage_exits_2_and_points_at_the_help(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);

        Assert.That(code, Is.EqualTo(2), output + error);
        Assert.That(error, Does.Contain("chainpay --help"));
    }

    [TestCase("doctor")]
    [TestCase("sandbox")]
    [TestCase("notify")]
    [TestCase("certificates")]
    public async Task Each_command_has_its_help(string command)
    {
        var (code, output, _) = await CliRunner.RunAsync(command, "--help");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Usage:").And.Contain(command));
    }
}
