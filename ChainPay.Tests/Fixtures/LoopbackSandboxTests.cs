using ChainPay.Testing;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// A base for tests that drive the sandbox through ChainPay over a real socket: a fresh <see cref="WeChatPaySandbox"/>
/// for each test, served by a <see cref="SandboxServer"/> on 127.0.0.1, and a ChainPay instance pointed at it.
/// </summary>
public abstract class LoopbackSandboxTests
{
#pragma warning disable SA1401, CA1051 // the tests read them as their own fields
    /// <summary>The sandbox of the current test.</summary>
    protected WeChatPaySandbox sandbox = null!;

    /// <summary>The sandbox served on loopback.</summary>
    protected SandboxServer server = null!;

    /// <summary>A ChainPay instance for the sandbox's merchant, over <see cref="server"/>.</summary>
    protected BuilderChain instance = null!;
#pragma warning restore SA1401, CA1051

    /// <summary>Starts the sandbox, its server and the instance (NUnit runs this before a derived class's own set-up).</summary>
    [SetUp]
    public void StartSandbox()
    {
        sandbox = new WeChatPaySandbox();
        server = SandboxServer.Start(sandbox);
        instance = Builder.Factory(sandbox.CreateOptions(server));
    }

    /// <summary>Stops the server.</summary>
    [TearDown]
    public void StopSandbox() => server.Dispose();
}
