using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace ChainPay.Tests.Crypto;

public class Sm2PrivateKeyTests
{
    private static readonly ECDomainParameters P256 = new(SecNamedCurves.GetByName("secp256r1"));

    [Test]
    public void ToPemIsWhatOpensslWrites()
    {
        Assert.That(Sm2.PrivateKeyFrom(Sm2TestKeys.Sec1Sm2PrivateKey).ToPem(), Is.EqualTo(Sm2TestKeys.Pkcs8PrivateKey));
    }

    [Test]
    public void ToPemRoundTrips()
    {
        var (key, _) = Sm2.GenerateKeyPair();
        Assert.That(Sm2.PrivateKeyFrom(key.ToPem()).Parameters.D, Is.EqualTo(key.Parameters.D));
    }

    [Test]
    public void PublicKeyIsDG()
    {
        var key = Sm2.PrivateKeyFrom(Sm2TestKeys.Pkcs8PrivateKey);
        Assert.That(Convert.ToHexString(key.PublicKey.GetEncoded()).ToLowerInvariant(), Is.EqualTo(Sm2TestKeys.PublicPointHex));
        Assert.That(key.PublicKey, Is.SameAs(key.PublicKey));
    }

    [Test]
    public void ToStringNeverShowsTheKey()
    {
        var key = Sm2.PrivateKeyFrom(Sm2TestKeys.Pkcs8PrivateKey);
        Assert.That(key.ToString(), Is.EqualTo("Sm2PrivateKey(sm2p256v1)"));
        Assert.That(key.ToString(), Does.Not.Contain(key.Parameters.D.ToString(16)));
    }

    [Test]
    public void TheConstructorChecksCurveAndRange()
    {
        var sm2 = Sm2.PrivateKeyFrom(Sm2TestKeys.Pkcs8PrivateKey).Parameters.Parameters;
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _ = new Sm2PrivateKey(null!));
            Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new Sm2PrivateKey(new ECPrivateKeyParameters(BigInteger.Two, P256)))!.ParamName, Is.EqualTo("parameters"));
            Assert.That(Assert.Throws<InvalidArgumentException>(() => _ = new Sm2PrivateKey(new ECPrivateKeyParameters(sm2.N.Subtract(BigInteger.One), sm2)))!.ParamName, Is.EqualTo("parameters"));
            Assert.That(new Sm2PrivateKey(new ECPrivateKeyParameters(sm2.N.Subtract(BigInteger.Two), sm2)).Parameters.D, Is.EqualTo(sm2.N.Subtract(BigInteger.Two)));
            Assert.That(new Sm2PrivateKey(new ECPrivateKeyParameters(BigInteger.One, new ECDomainParameters(sm2.Curve, sm2.G, sm2.N, sm2.H))).Parameters.Parameters, Is.InstanceOf<ECNamedDomainParameters>());
        });
    }
}
