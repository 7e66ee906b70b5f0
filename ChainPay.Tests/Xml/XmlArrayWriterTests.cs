using ChainPay.Xml;

namespace ChainPay.Tests.Xml;

public class XmlArrayWriterTests
{
    [Test]
    public void Children_OfAScalar_IsNull_OfAListAreItems()
    {
        Assert.That(XmlArrayWriter.Children("text"), Is.Null);
        Assert.That(XmlArrayWriter.Children(new[] { "x", "y" })!.Select(p => p.Value), Is.EqualTo(new[] { "x", "y" }));
    }

    [Test]
    public void Write_SplitsACdataEnd_SoTheOutputStaysWellFormed()
    {
        var xml = XmlArrayWriter.Write(new List<KeyValuePair<string, object?>> { new("a", "x]]>y<") }, headless: true, indent: false, root: "xml", item: "item");
        Assert.That(xml, Does.Not.Contain("x]]>y<"));
        Assert.That(Transformer.ToArray(xml)["a"], Is.EqualTo("x]]>y<"));
    }
}
