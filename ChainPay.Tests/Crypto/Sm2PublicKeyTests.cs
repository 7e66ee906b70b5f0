using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;

namespace ChainPay.Tests.Crypto;

public class Sm2PublicKeyTests
{
    [Test]
    public void EncodingsAreWhatOpensslWrites()
    {
        var key = Sm2.PublicKeyFrom(Sm2TestKeys.Certificate);
        Assert.That(Convert.ToHexString(key.GetEncoded()).ToLowerInvariant(), Is.EqualTo(Sm2TestKeys.PublicPointHex));
        Assert.That(key.ToPem(), Is.EqualTo(Sm2TestKeys.SpkiPublicKey));
        Assert.That(key.ToString(), Is.EqualTo(Sm2TestKeys.SpkiPublicKey));
    }

    [Test]
    public void EqualityIsByPoint()
    {
        var a = Sm2.PublicKeyFrom(Sm2TestKeys.SpkiPublicKey);
        var b = Sm2.PublicKeyFrom(Sm2TestKeys.Certificate);
        var other = Sm2.GenerateKeyPair().PublicKey;
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a.Equals((object)b), Is.True);
            Assert.That(a.Equals(other), Is.False);
            Assert.That(a.Equals(null), Is.False);
        });
    }

    [Test]
    public void TheConstructorChecksTheCurve()
    {
        var p256 = new ECDomainParameters(SecNamedCurves.GetByName("secp256r1"));
        Assert.Throws<ArgumentNullException>(() => _ = new Sm2PublicKey(null!));
        var e = Assert.Throws<InvalidArgumentException>(() => _ = new Sm2PublicKey(new ECPublicKeyParameters(p256.G, p256)));
        Assert.That(e!.ParamName, Is.EqualTo("parameters"));
    }
}
