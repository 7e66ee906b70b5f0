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

    [Test]
    public void Write_ACycle_IsRefused_NotAStackOverflow()
    {
        var map = new Dictionary<string, object?> { ["a"] = "1" };
        map["self"] = map;
        var e = Assert.Throws<InvalidArgumentException>(() => Transformer.ToXml(map));
        Assert.That(e!.ParamName, Is.EqualTo("data"));
        Assert.That(e.Message, Does.Contain("refers to itself"));
        var list = new List<object?>();
        list.Add(list);
        Assert.That(Assert.Throws<InvalidArgumentException>(() => Transformer.ToXml(list))!.ParamName, Is.EqualTo("data"));
    }

    [Test]
    public void Write_NumbersAndDates_AreWrittenAsInJson()
    {
        var xml = Transformer.ToXml(new { total_fee = 100.00m, rate = 1.50m, d = new DateTime(2019, 6, 11) });
        Assert.That(xml, Is.EqualTo("<xml><total_fee>100</total_fee><rate>1.5</rate><d>2019-06-11T00:00:00</d></xml>"));
    }
}
