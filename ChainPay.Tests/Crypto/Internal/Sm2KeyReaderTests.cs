using ChainPay.Crypto.Internal;
using ChainPay.Tests.Fixtures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math;

namespace ChainPay.Tests.Crypto.Internal;

public class Sm2KeyReaderTests
{
    private static readonly BigInteger FixtureD = new("a81a30e83bcad9ba0ad304928d6d3c574b826c3b73cb7c156b5dae353ea13341", 16);

    [Test]
    public void ReadsTheDerStructures()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Sm2KeyReader.FromPkcs8(Der(Sm2TestKeys.Pkcs8PrivateKey)).D, Is.EqualTo(FixtureD));
            Assert.That(Sm2KeyReader.FromSec1(Der(Sm2TestKeys.Sec1Sm2PrivateKey)).D, Is.EqualTo(FixtureD));
            Assert.That(Hex(Sm2KeyReader.FromSpki(Der(Sm2TestKeys.SpkiPublicKey))), Is.EqualTo(Sm2TestKeys.PublicPointHex));
            Assert.That(Hex(Sm2KeyReader.FromCertificate(Der(Sm2TestKeys.Certificate))), Is.EqualTo(Sm2TestKeys.PublicPointHex));
        });
    }

    [Test]
    public void AcceptsTheSm2OidAsTheAlgorithm()
    {
        var info = PrivateKeyInfo.GetInstance(Der(Sm2TestKeys.Pkcs8PrivateKey));
        var relabelled = new PrivateKeyInfo(new AlgorithmIdentifier(GMObjectIdentifiers.sm2p256v1), info.ParsePrivateKey()).GetDerEncoded();
        Assert.That(Sm2KeyReader.FromPkcs8(relabelled).D, Is.EqualTo(FixtureD));
    }

    [Test]
    public void AcceptsExplicitSm2CurveParameters()
    {
        var spki = SubjectPublicKeyInfo.GetInstance(Der(Sm2TestKeys.SpkiPublicKey));
        var explicitCurve = new X962Parameters(GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
        var rewritten = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, explicitCurve), spki.PublicKey.GetOctets()).GetDerEncoded();
        Assert.That(Hex(Sm2KeyReader.FromSpki(rewritten)), Is.EqualTo(Sm2TestKeys.PublicPointHex));
    }

    [Test]
    public void RefusesOtherCurvesAndAlgorithms()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<FormatException>(() => Sm2KeyReader.FromPkcs8(Der(Sm2TestKeys.P256PrivateKey)));

            var info = PrivateKeyInfo.GetInstance(Der(Sm2TestKeys.Pkcs8PrivateKey));
            var rsaLabelled = new PrivateKeyInfo(new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance), info.ParsePrivateKey()).GetDerEncoded();
            Assert.Throws<FormatException>(() => Sm2KeyReader.FromPkcs8(rsaLabelled));

            var noCurve = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey), info.ParsePrivateKey()).GetDerEncoded();
            Assert.Throws<FormatException>(() => Sm2KeyReader.FromPkcs8(noCurve));
        });
    }

    [Test]
    public void RefusesASec1KeyWhosePublicKeyDoesNotMatch()
    {
        var structure = ECPrivateKeyStructure.GetInstance(Der(Sm2TestKeys.Sec1Sm2PrivateKey));
        var otherPublic = Sm2KeyReader.PublicOf(Sm2KeyReader.Private(BigInteger.Two)).Q.GetEncoded(false);
        var mismatched = new ECPrivateKeyStructure(256, FixtureD, new DerBitString(otherPublic), new X962Parameters(GMObjectIdentifiers.sm2p256v1)).GetDerEncoded();
        Assert.Throws<FormatException>(() => Sm2KeyReader.FromSec1(mismatched));
        Assert.That(structure.PublicKey, Is.Not.Null);
    }

    [Test]
    public void ThePrivateScalarMustBeInRange()
    {
        var n = Sm2KeyReader.Domain.N;
        Assert.Throws<FormatException>(() => Sm2KeyReader.Private(BigInteger.Zero));
        Assert.Throws<FormatException>(() => Sm2KeyReader.Private(n.Subtract(BigInteger.One)));
        Assert.Throws<FormatException>(() => Sm2KeyReader.Private(n));
        Assert.That(Sm2KeyReader.Private(BigInteger.One).D, Is.EqualTo(BigInteger.One));
    }

    [Test]
    public void PointsMustBeOnTheCurve()
    {
        byte[] point = Convert.FromHexString(Sm2TestKeys.PublicPointHex);
        point[^1] ^= 1;
        Assert.Throws<ArgumentException>(() => Sm2KeyReader.Public(point));

        byte[] compressed = Sm2KeyReader.FromSpki(Der(Sm2TestKeys.SpkiPublicKey)).Q.GetEncoded(true);
        Assert.That(Hex(Sm2KeyReader.Public(compressed)), Is.EqualTo(Sm2TestKeys.PublicPointHex));
    }

    [Test]
    public void PemLookup()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Sm2KeyReader.PrivateFromPem(Sm2TestKeys.SpkiPublicKey), Is.Null);
            Assert.That(Sm2KeyReader.PublicFromPem("no pem here"), Is.Null);
            Assert.That(Hex(Sm2KeyReader.PublicFromPem(Sm2TestKeys.Sec1EcPrivateKey)!), Is.EqualTo(Sm2TestKeys.PublicPointHex));
            Assert.That(Sm2KeyReader.PrivateFromPem(Sm2TestKeys.SpkiPublicKey + Sm2TestKeys.Sec1EcPrivateKey)!.D, Is.EqualTo(FixtureD));
        });
    }

    [Test]
    public void EncodersMatchOpenssl()
    {
        var key = Sm2KeyReader.FromSec1(Der(Sm2TestKeys.Sec1Sm2PrivateKey));
        Assert.That(Sm2KeyReader.ToPkcs8(key), Is.EqualTo(Der(Sm2TestKeys.Pkcs8PrivateKey)));
        Assert.That(Sm2KeyReader.ToSpki(Sm2KeyReader.PublicOf(key)), Is.EqualTo(Der(Sm2TestKeys.SpkiPublicKey)));
    }

    private static string Hex(Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters key) => Convert.ToHexString(key.Q.GetEncoded(false)).ToLowerInvariant();

    private static byte[] Der(string pem)
    {
        var lines = pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
        return Convert.FromBase64String(string.Concat(lines));
    }
}
