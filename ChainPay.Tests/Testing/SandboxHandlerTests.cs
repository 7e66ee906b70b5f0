using ChainPay.Testing;

namespace ChainPay.Tests.Testing;

public class SandboxHandlerTests
{
    [Test]
    public async Task AnswersInMemory_AndSetsTheRequestMessage()
    {
        var sandbox = new WeChatPaySandbox();
        using var http = new HttpClient(new SandboxHandler(sandbox));
        var response = await http.GetAsync("https://api.mch.weixin.qq.com/v3/certificates");
        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That(response.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/v3/certificates"));
        Assert.That(sandbox.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public void HonoursCancellation()
    {
        var sandbox = new WeChatPaySandbox();
        using var http = new HttpClient(new SandboxHandler(sandbox));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(() => http.GetAsync("https://api.mch.weixin.qq.com/v3/certificates", cts.Token), Throws.InstanceOf<OperationCanceledException>());
        // Refused before the sandbox handled anything.
        Assert.That(sandbox.RequestCount, Is.Zero);
    }

    [Test]
    public void NeedsASandbox()
    {
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new SandboxHandler(null!))!.ParamName, Is.EqualTo("sandbox"));
    }
}
