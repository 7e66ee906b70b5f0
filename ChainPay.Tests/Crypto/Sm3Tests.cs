using System.Text;
using ChainPay.Crypto;

namespace ChainPay.Tests.Crypto;

/// <summary><see cref="Sm3"/> against the GM/T 0004-2012 appendix A vectors.</summary>
public class Sm3Tests
{
    private const string Abc = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";
    private const string Abcd16 = "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732";

    [Test]
    public void TheAbcVector()
    {
        Assert.That(Sm3.Hex("abc"), Is.EqualTo(Abc));
        Assert.That(Convert.ToHexString(Sm3.Hash(Encoding.ASCII.GetBytes("abc"))).ToLowerInvariant(), Is.EqualTo(Abc));
    }

    [Test]
    public void TheFiveHundredTwelveBitVector()
    {
        string abcd16 = string.Concat(Enumerable.Repeat("abcd", 16));
        Assert.That(abcd16, Has.Length.EqualTo(64));
        Assert.That(Sm3.Hex(abcd16), Is.EqualTo(Abcd16));
    }

    [Test]
    public void HexHashesUtf8()
    {
        // Literals from `openssl dgst -sm3` (an independent implementation), not from Sm3 itself.
        Assert.That(Sm3.Hex("中文"), Is.EqualTo("a16c22b2e1f51d723df51cb481f4680176a720849ee66440e78711112eed7e47"));
        Assert.That(Convert.ToHexString(Sm3.Hash(Array.Empty<byte>())).ToLowerInvariant(), Is.EqualTo("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"));
    }

    [Test]
    public void NullIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Sm3.Hash(null!));
        Assert.Throws<ArgumentNullException>(() => Sm3.Hex(null!));
    }
}
