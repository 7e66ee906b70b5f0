using System.Security.Cryptography;
using ChainPay.Certificates;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Certificates;

public class KeyRingTests
{
    [Test]
    public void Merge_AddsAndReplaces_AndKeepsTheRest()
    {
        using var other = RSA.Create(2048);
        var ring = new KeyRing(new[] { new KeyValuePair<string, object>("A", FakeWeChatPay.PlatformKey) });
        var snapshot = ring.ToList();
        ring.Merge(new[] { new KeyValuePair<string, object>("B", other), new KeyValuePair<string, object>("A", other) });
        Assert.That(ring.Keys, Is.EquivalentTo(new[] { "A", "B" }));
        Assert.That(ring["A"], Is.SameAs(other));
        Assert.That(snapshot.Single().Value, Is.SameAs(FakeWeChatPay.PlatformKey), "an enumeration taken before stays as it was");
        Assert.That(ring.TryGetValue("C", out _), Is.False);
    }
}
