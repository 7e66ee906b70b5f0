using ChainPay.Crypto;

namespace ChainPay.Tests.Crypto;

/// <summary>What the parts of the public <see cref="Rsa"/> API share: the key type strings of spec §7.1.</summary>
[TestFixture]
public class RsaTests
{
    [Test]
    public void KeyTypeConstantsMatchPhp()
    {
        Assert.That(Rsa.KeyTypePublic, Is.EqualTo("public"));
        Assert.That(Rsa.KeyTypePrivate, Is.EqualTo("private"));
    }
}
