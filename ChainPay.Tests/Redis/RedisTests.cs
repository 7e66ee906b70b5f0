using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Redis;

/// <summary>The base of the tests against a real redis-server: one server per class, up and empty before each test.</summary>
[NonParallelizable]
public abstract class RedisTests
{
    /// <summary>The class's redis-server on 127.0.0.1.</summary>
    protected RedisServer Server { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartRedis() => Server = RedisServer.Start();

    [OneTimeTearDown]
    public void StopRedis() => Server.Dispose();

    [SetUp]
    public async Task RedisIsUp()
    {
        Server.StartAgain(); // a test may have stopped it
        await Server.FlushAsync();
    }
}
