using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ChainPay.Testing;

namespace ChainPay.Tests.Testing;

/// <summary><see cref="SandboxServer.Start(WeChatPaySandbox, int)"/>, the answers' <c>Date</c>, and sandboxes sharing keys (<see cref="SandboxOptions.PlatformPrivateKey"/>).</summary>
public class SandboxServerPortTests
{
    [Test]
    public async Task Start_OnAGivenPort_ServesThere()
    {
        var sandbox = new WeChatPaySandbox();
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var server = SandboxServer.Start(sandbox, port);

        Assert.That(server.BaseUri, Is.EqualTo(new Uri($"http://127.0.0.1:{port}/")));
        var res = await Builder.Factory(sandbox.CreateOptions(server)).Chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
            .GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = "1230000109" } });
        Assert.That(res.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void Start_OnATakenPort_Throws()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();

        Assert.That(() => SandboxServer.Start(new WeChatPaySandbox(), ((IPEndPoint)taken.LocalEndpoint).Port), Throws.InstanceOf<HttpListenerException>());
    }

    [TestCase(-1)]
    [TestCase(65536)]
    public void Start_OnAPortOutOfRange_NamesIt(int port)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => SandboxServer.Start(new WeChatPaySandbox(), port));
        Assert.That(e!.ParamName, Is.EqualTo("port"));
        Assert.That(e.Message, Does.Contain($"not {port}"));
    }

    [Test]
    public async Task Answers_CarryTheSandboxClockAsDate()
    {
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var sandbox = new WeChatPaySandbox(new SandboxOptions { Clock = () => now });
        using var http = new HttpClient(sandbox.CreateHandler());

        using var response = await http.GetAsync(new Uri("https://api.mch.weixin.qq.com/v3/certificates"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.Date, Is.EqualTo(now));
    }

    [Test]
    public async Task Sandboxes_GivenTheSameKeys_AreInterchangeable()
    {
        using var platformKey = RSA.Create(2048);
        var first = new WeChatPaySandbox(new SandboxOptions { PlatformPrivateKey = platformKey });
        var second = new WeChatPaySandbox(new SandboxOptions { PlatformPrivateKey = platformKey, MerchantPrivateKey = first.Merchant.PrivateKey });
        var options = first.CreateOptions();
        options.HttpClient = new HttpClient(second.CreateHandler());

        var res = await Builder.Factory(options).Chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
            .GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = "1230000109" } });

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(second.Merchant.Serial, Is.EqualTo(first.Merchant.Serial));
        Assert.That(second.PlatformPublicKey.ExportSubjectPublicKeyInfo(), Is.EqualTo(platformKey.ExportSubjectPublicKeyInfo()));
    }
}
