using System.Net;
using System.Text;
using ChainPay.Certificates;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Certificates;

// What the manager refuses and says, and that it never comes back to a caller's SynchronizationContext.
public partial class CertificateManagerTests
{
    [Test]
    public void ItsArguments_AreRefusedWithMessages()
    {
        var (_, instance) = Bootstrap();
        Assert.That(() => new CertificateManager(null!, ApiV3Key), Throws.InstanceOf<InvalidArgumentException>().With.Message.StartsWith("The instance is required."));
        Assert.That(() => new CertificateManager(instance, "short"), Throws.InstanceOf<InvalidArgumentException>().With.Message.StartsWith("The APIv3 key must be 32 bytes."));
        Assert.That(() => new CertificateManager(instance, "short"), Throws.InstanceOf<InvalidArgumentException>().With.Message.Not.Contain("short"), "never the key");
    }

    [Test]
    public void AnotherApiV3Key_IsNamedAsTheLikelyCause()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = ApiV3Key });
        var body = new JObject { ["data"] = new JArray(Entry(sandbox.PlatformKeyId, sandbox.PlatformCertificatePem!, DateTimeOffset.UtcNow.AddYears(1))) };
        var e = Assert.Throws<InvalidArgumentException>(() => CertificateManager.Decrypt(body, "fedcba9876543210fedcba9876543210"));
        Assert.That(e!.Message, Does.StartWith("The APIv3 key does not decrypt the platform certificates: is it the right key?"));
        Assert.That(e.ParamName, Is.EqualTo("apiV3Key"));
    }

    // Only 404 RESOURCE_NOT_EXISTS means "this merchant uses a WeChat Pay public key"; any other error is an error.
    [TestCase(404, "NOT_FOUND")]
    [TestCase(400, "RESOURCE_NOT_EXISTS")]
    public void AnotherErrorOfTheDownload_IsRaised_AndIsNotPublicKeyMode(int status, string code)
    {
        var (sandbox, _) = Bootstrap();
        var options = sandbox.CreateOptions();
        options.Certs = new Dictionary<string, object?> { ["bootstrap"] = null };
        options.HttpClient = new HttpClient(new ErrorForTheDownload((HttpStatusCode)status, code) { InnerHandler = sandbox.CreateHandler() });
        using var manager = new CertificateManager(Builder.Factory(options), ApiV3Key);
        var e = Assert.CatchAsync<ApiException>(() => manager.RefreshAsync());
        Assert.That((e!.StatusCode, e.Code), Is.EqualTo((status, code)));
        Assert.That(manager.PublicKeyMode, Is.False);
    }

    [Test]
    public async Task ARefreshAwaitedLater_DoesNotComeBackToTheCallersContext(CancellationToken cancellation)
    {
        var (sandbox, hold, manager) = HeldDownload(cancellation);
        using var disposing = manager;
        using var wait = new CancellationTokenSource();

        var context = new CountingContext();
        var previous = SynchronizationContext.Current;
        Task<IReadOnlyList<PlatformCertificate>> refresh, plain;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            refresh = manager.RefreshAsync(wait.Token); // a cancellable wait on a download still running
            plain = manager.RefreshAsync(); // and one without a token, sharing it
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        await hold.Arrived.Task.WaitAsync(cancellation);
        hold.Release.SetResult(true);
        Assert.That((await refresh.WaitAsync(cancellation)).Select(c => c.SerialNo), Is.EqualTo(new[] { sandbox.PlatformKeyId }));
        Assert.That(await plain.WaitAsync(cancellation), Is.SameAs(await refresh));
        Assert.That(context.Posted, Is.Zero, "no continuation was posted to the caller's context");
    }

    /// <summary>Answers <c>/v3/certificates</c> with an unsigned error of the given status and code.</summary>
    private sealed class ErrorForTheDownload(HttpStatusCode status, string code) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath == "/v3/certificates"
                ? Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent($"{{\"code\":\"{code}\",\"message\":\"x\"}}", Encoding.UTF8, "application/json") })
                : base.SendAsync(request, cancellationToken);
    }
}
