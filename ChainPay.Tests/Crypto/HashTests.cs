using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;

namespace ChainPay.Tests.Crypto;

/// <summary><see cref="Hash"/> against spec §7.4 and the §11.3 vectors.</summary>
[TestFixture]
public class HashTests
{
    private const string StringA = "appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA";
    private const string Secret = "192006250b4c09247ec02edce69f6a2d";

    [Test]
    public void ConstantsMatchPhp()
    {
        Assert.That(Hash.AlgoMd5, Is.EqualTo("MD5"));
        Assert.That(Hash.AlgoHmacSha256, Is.EqualTo("HMAC-SHA256"));
    }

    [Test]
    public void Md5WithoutKeyIsPlainMd5()
    {
        Assert.That(Hash.Md5(StringA), Is.EqualTo("192006250b4c09247ec02edce69f6a2d"));
    }

    [Test]
    public void Md5WithKeyAppendsTheKey()
    {
        Assert.That(Hash.Md5(StringA, Secret), Is.EqualTo("9a0a8659f005d6984697e2ca0a9cf3b7"));
    }

    [Test]
    public void Md5AgencyAppendsTheSecret()
    {
        Assert.That(Hash.Md5(StringA, Secret, true), Is.EqualTo("2dec45db471e629068cfec91df5fe2d9"));
    }

    [Test]
    public void Md5AgencyWithoutKeyIsPlainMd5()
    {
        Assert.That(Hash.Md5(StringA, "", true), Is.EqualTo("192006250b4c09247ec02edce69f6a2d"));
    }

    [Test]
    public void Md5TreatsThePhpFalsyKeyZeroAsNoKey()
    {
        Assert.That(Hash.Md5(StringA, "0"), Is.EqualTo(Hash.Md5(StringA)));
        Assert.That(Hash.Md5(StringA, "00"), Is.Not.EqualTo(Hash.Md5(StringA)));
    }

    [Test]
    public void Md5IsUtf8()
    {
        Assert.That(Hash.Md5("中文"), Is.EqualTo("a7bac2239fcdcb3a067903d8077c4a07"));
    }

    [Test]
    public void HmacSha256IsTheDefault()
    {
        Assert.That(Hash.Hmac(StringA, Secret), Is.EqualTo("6a9ae1657590fd6257d693a078e1c3e4bb6ba4dc30b23e0ee2496e54170dacd6"));
        Assert.That(Hash.Hmac(StringA, Secret, "sha256"), Is.EqualTo(Hash.Hmac(StringA, Secret)));
    }

    [Test]
    public void HmacSha512MatchesTheVector()
    {
        Assert.That(Hash.Hmac(StringA, Secret, "sha512"), Is.EqualTo(
            "30a4ec2b58eb4be069baf5033e71067ddb06ff533ecac7dec17eea531a0830789e97ac92017056c2a5d1f37d392aec832f10e4da0ff30f677d5ae87d4967758d"));
    }

    [TestCase("md5", 32)]
    [TestCase("sha1", 40)]
    [TestCase("sha256", 64)]
    [TestCase("sha384", 96)]
    [TestCase("sha512", 128)]
    [TestCase("SHA384", 96)]
    public void HmacSupportsEachAlgorithmOverTheKeySuffixedInput(string algorithm, int length)
    {
        string actual = Hash.Hmac(StringA, Secret, algorithm);
        Assert.That(actual, Has.Length.EqualTo(length));
        Assert.That(actual, Does.Match("^[0-9a-f]+$"));

        byte[] key = Encoding.UTF8.GetBytes(Secret);
        using HMAC reference = algorithm.ToUpperInvariant() switch
        {
            "MD5" => new HMACMD5(key),
            "SHA1" => new HMACSHA1(key),
            "SHA256" => new HMACSHA256(key),
            "SHA384" => new HMACSHA384(key),
            _ => new HMACSHA512(key),
        };
        string expected = Convert.ToHexStringLower(reference.ComputeHash(Encoding.UTF8.GetBytes(StringA + "&key=" + Secret)));
        string plain = Convert.ToHexStringLower(reference.ComputeHash(Encoding.UTF8.GetBytes(StringA)));
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(actual, Is.Not.EqualTo(plain));
    }

    [TestCase("sha3-256")]
    [TestCase("crc32")]
    [TestCase("")]
    [TestCase("sha-256")]
    public void HmacRejectsUnknownAlgorithms(string algorithm)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Hash.Hmac(StringA, Secret, algorithm));
        Assert.That(e!.ParamName, Is.EqualTo("algorithm"));
    }

    [Test]
    public void HmacRejectsAnEmptyKey()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Hash.Hmac(StringA, ""));
        Assert.That(e!.ParamName, Is.EqualTo("key"));

        e = Assert.Throws<InvalidArgumentException>(() => Hash.Sign(Hash.AlgoHmacSha256, StringA, ""));
        Assert.That(e!.ParamName, Is.EqualTo("key"));
    }

    [Test]
    public void SignMd5IsUpperCase()
    {
        Assert.That(Hash.Sign("MD5", StringA, Secret), Is.EqualTo("9A0A8659F005D6984697E2CA0A9CF3B7"));
        Assert.That(Hash.Sign("MD5", StringA, ""), Is.EqualTo("192006250B4C09247EC02EDCE69F6A2D"));
    }

    [Test]
    public void SignHmacSha256IsUpperCase()
    {
        Assert.That(Hash.Sign("HMAC-SHA256", StringA, Secret),
            Is.EqualTo("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6"));
    }

    [TestCase("md5")]
    [TestCase("hmac-sha256")]
    [TestCase("HMAC-SHA1")]
    [TestCase("sha256")]
    [TestCase("")]
    [TestCase(" MD5")]
    public void SignReturnsNullForOtherTypes(string type)
    {
        Assert.That(Hash.Sign(type, StringA, Secret), Is.Null);
    }

    [TestCase("", "", true)]
    [TestCase("abc", "abc", true)]
    [TestCase("中文", "中文", true)]
    [TestCase("abc", "abd", false)]
    [TestCase("abc", "abcd", false)]
    [TestCase("abcd", "abc", false)]
    [TestCase("ABC", "abc", false)]
    public void EqualsComparesExactly(string known, string user, bool expected)
    {
        Assert.That(Hash.Equals(known, user), Is.EqualTo(expected));
    }

    [Test]
    public void EqualsWithNullIsFalse()
    {
        Assert.That(Hash.Equals("", null), Is.False);
        Assert.That(Hash.Equals("abc", null), Is.False);
    }
}
