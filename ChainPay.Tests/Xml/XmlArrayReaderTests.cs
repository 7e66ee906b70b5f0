using ChainPay.Xml;

namespace ChainPay.Tests.Xml;

public class XmlArrayReaderTests
{
    [Test]
    public void Parse_MalformedXml_IsNull_AndCastDropsTheRoot()
    {
        Assert.That(XmlArrayReader.Parse("<xml><a>1</xml>"), Is.Null);
        var root = XmlArrayReader.Parse("<root><a>1</a><b><c>2</c></b></root>");
        var map = XmlArrayReader.Cast(root!);
        Assert.That(map["a"], Is.EqualTo("1"));
        Assert.That(((IDictionary<string, object?>)map["b"]!)["c"], Is.EqualTo("2"));
    }

    [Test]
    public void Parse_NeverReadsAnExternalEntity()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "SECRET-FILE-CONTENT");
        try
        {
            var root = XmlArrayReader.Parse($"<!DOCTYPE xml [<!ENTITY x SYSTEM \"file://{path}\">]><xml><v>&x;</v></xml>");
            Assert.That(root is null ? string.Empty : XmlArrayReader.Cast(root)["v"], Is.EqualTo(string.Empty));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
