using ChainPay.V2;

namespace ChainPay.Tests.V2;

public class XmlRequestContentTests
{
    [Test]
    public void CannotBeSentUntransformed()
    {
        var content = new XmlRequestContent(new List<KeyValuePair<string, object?>> { new("mch_id", "1") }, nonceless: false);
        Assert.That(() => content.ReadAsStringAsync(), Throws.InstanceOf<InvalidOperationException>()
            .With.Message.EqualTo("An APIv2 request must pass through the RequestTransformer before it is sent."));
        Assert.That(content.Headers.ContentLength, Is.Null, "no length before it is signed");
        Assert.That(content.Data.Single().Key, Is.EqualTo("mch_id"));
        Assert.That(content.Nonceless, Is.False);
    }
}
