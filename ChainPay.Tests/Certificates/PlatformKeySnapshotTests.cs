using ChainPay.Certificates;

namespace ChainPay.Tests.Certificates;

public class PlatformKeySnapshotTests
{
    [Test]
    public void Describes_ItsModeTimeAndLength_NotItsBody()
    {
        var snapshot = new PlatformKeySnapshot("{\"data\":[]}", publicKeyMode: false, DateTimeOffset.FromUnixTimeSeconds(1795455453));
        Assert.That(snapshot.ToString(), Is.EqualTo("PlatformKeySnapshot { PublicKeyMode = False, FetchedAt = 2026-11-23T17:37:33.0000000+00:00, Body = 11 chars }"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new PlatformKeySnapshot(null!, true, DateTimeOffset.UnixEpoch))!.ParamName, Is.EqualTo("body"));
    }
}
