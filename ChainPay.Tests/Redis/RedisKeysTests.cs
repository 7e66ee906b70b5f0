using ChainPay.Redis;

namespace ChainPay.Tests.Redis;

public class RedisKeysTests
{
    [Test]
    public void TheKeys_AreNamedAsDocumented()
    {
        Assert.That(RedisKeys.Nonce("chainpay", "1900000001", "notification", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"), Is.EqualTo("chainpay:1900000001:nonce:notification:5K8264ILTKCH16CQ2502SI8ZNMTM67VS"));
        Assert.That(RedisKeys.Certificates("chainpay", "1900000001"), Is.EqualTo("chainpay:1900000001:certificates"));
        Assert.That(RedisKeys.CertificatesLock("chainpay", "1900000001"), Is.EqualTo("chainpay:1900000001:certificates:lock"));
        Assert.That(RedisKeys.RateLimit("chainpay", "1900000001", "POST v3/x/{id}"), Is.EqualTo("chainpay:1900000001:ratelimit:POST v3/x/{id}"));
    }

    [TestCase(64, false)]
    [TestCase(65, true)]
    public void ANonceLongerThan64_IsHashed(int length, bool hashed)
    {
        var part = RedisKeys.NoncePart(new string('a', length));

        Assert.That(part.StartsWith("sha256:", StringComparison.Ordinal), Is.EqualTo(hashed));
        Assert.That(part.Length, Is.EqualTo(hashed ? 71 : length));
    }

    [TestCase("with space")]
    [TestCase("line\nbreak")]
    [TestCase("中文")]
    [TestCase("tab\t")]
    public void ANonceNotPrintableAscii_IsHashed(string nonce)
    {
        Assert.That(RedisKeys.NoncePart(nonce), Does.Match("^sha256:[0-9a-f]{64}$"));
    }

    [Test]
    public void AHashedNonce_NeverEqualsAPlainOne()
    {
        var hashed = RedisKeys.NoncePart(new string('b', 100));

        Assert.That(RedisKeys.NoncePart(hashed), Is.Not.EqualTo(hashed), "the 71-character text of a digest is hashed again");
        Assert.That(RedisKeys.NoncePart(new string('b', 100)), Is.EqualTo(hashed), "stable");
    }
}
