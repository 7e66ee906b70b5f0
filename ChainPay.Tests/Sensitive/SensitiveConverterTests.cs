using ChainPay.Tests.Fixtures;
using Newtonsoft.Json;

namespace ChainPay.Tests.Sensitive;

public class SensitiveConverterTests
{
    [Test]
    public void Serialize_ResolvesTheKeyOnlyWhenAFieldNeedsIt()
    {
        var resolved = 0;
        var settings = new JsonSerializerSettings { Converters = { SensitiveConverter.Instance } };
        SensitiveConverter.Serialize(() => JsonConvert.SerializeObject(new { a = 1 }, settings), () => { resolved++; return ("S", FakeWeChatPay.PlatformKey); }, out var none);
        Assert.That(resolved, Is.EqualTo(0));
        Assert.That(none, Is.Null);
        SensitiveConverter.Serialize(() => JsonConvert.SerializeObject(new { a = SensitiveField.Of("x"), b = SensitiveField.Of("y") }, settings), () => { resolved++; return ("S", FakeWeChatPay.PlatformKey); }, out var used);
        Assert.That(resolved, Is.EqualTo(1));
        Assert.That(used, Is.EqualTo("S"));
    }

    [Test]
    public void ReadingIsNotSupported()
    {
        Assert.That(SensitiveConverter.Instance.CanRead, Is.False);
        Assert.That(SensitiveConverter.Instance.CanConvert(typeof(SensitiveField)), Is.True);
        Assert.That(SensitiveConverter.Instance.CanConvert(typeof(string)), Is.False);
    }
}
