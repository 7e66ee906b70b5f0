using ChainPay.Crypto;
using static ChainPay.Tests.Fixtures.Sm2Fixture;

namespace ChainPay.Tests.Crypto;

/// <summary>What every part of <see cref="Sm2"/> shares: a null argument is an <see cref="ArgumentNullException"/>.</summary>
public class Sm2Tests
{
    [Test]
    public void NullsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Sm2.Sign((byte[])null!, FixturePrivate));
        Assert.Throws<ArgumentNullException>(() => Sm2.Sign((string)null!, FixturePrivate));
        Assert.Throws<ArgumentNullException>(() => Sm2.Sign("x", FixturePrivate, null!));
        Assert.Throws<ArgumentNullException>(() => Sm2.Verify((byte[])null!, new byte[1], FixturePublic));
        Assert.Throws<ArgumentNullException>(() => Sm2.Encrypt((byte[])null!, FixturePublic));
        Assert.Throws<ArgumentNullException>(() => Sm2.Decrypt((byte[])null!, FixturePrivate));
        Assert.Throws<ArgumentNullException>(() => Sm2.Decrypt((string)null!, FixturePrivate));
    }
}
