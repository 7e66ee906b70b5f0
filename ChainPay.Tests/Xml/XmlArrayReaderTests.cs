using System.Text;
using ChainPay.Xml;

namespace ChainPay.Tests.Xml;

public class XmlArrayReaderTests
{
    /// <summary><c>&lt;a&gt;</c> nested <paramref name="depth"/> deep around <c>x</c>, closed unless <paramref name="closed"/> is false.</summary>
    internal static string Nested(int depth, bool closed = true)
    {
        var sb = new StringBuilder(depth * 7 + 1);
        sb.Insert(0, "<a>", depth).Append('x');
        return closed ? sb.Insert(sb.Length, "</a>", depth).ToString() : sb.ToString();
    }

    [Test]
    public void ToArray_400KilobytesOfNesting_RaisesInvalidArgument_InsteadOfOverflowingTheStack()
    {
        var xml = Nested(140_000); // ~980 KB, 140,000 levels: recursing over it overflowed the stack and killed the process
        var e = Assert.Throws<InvalidArgumentException>(() => Transformer.ToArray(xml));
        Assert.That(e!.ParamName, Is.EqualTo("xml"));
        Assert.That(e.Message, Does.Contain("256"));
    }

    [Test]
    public void ToArray_TheDepthLimitIs256Elements_RootIncluded()
    {
        object? value = Transformer.ToArray(Nested(XmlArrayReader.MaxDepth));
        var levels = 1; // the root's name is dropped
        while (value is IDictionary<string, object?> map)
        {
            Assert.That(map.Keys, Is.EqualTo(new[] { "a" }));
            value = map["a"];
            levels++;
        }

        Assert.That((levels, value), Is.EqualTo((XmlArrayReader.MaxDepth, (object)"x")));
        Assert.That(XmlArrayReader.MaxDepth, Is.EqualTo(256));
        Assert.Throws<InvalidArgumentException>(() => Transformer.ToArray(Nested(XmlArrayReader.MaxDepth + 1)));
        // an empty element counts too: <r>, 254 or 255 <a>, then <b/>
        Assert.That(Transformer.ToArray("<r>" + Nested(XmlArrayReader.MaxDepth - 2).Replace("x", "<b/>") + "</r>"), Has.Count.EqualTo(1));
        Assert.Throws<InvalidArgumentException>(() => Transformer.ToArray("<r>" + Nested(XmlArrayReader.MaxDepth - 1).Replace("x", "<b/>") + "</r>"));
    }

    [Test]
    public void ToArray_TooDeepButUnclosed_IsRefusedToo()
    {
        Assert.Throws<InvalidArgumentException>(() => Transformer.ToArray(Nested(140_000, closed: false)));
        Assert.That(Transformer.ToArray(Nested(XmlArrayReader.MaxDepth, closed: false)), Is.Empty); // malformed, as before
    }

    [Test]
    public void Parse_MalformedXml_IsNull_AndCastDropsTheRoot()
    {
        Assert.That(XmlArrayReader.Parse("<xml><a>1</xml>"), Is.Null);
        var root = XmlArrayReader.Parse("<root><a>1</a><b><c>2</c></b></root>");
        var map = XmlArrayCast.Cast(root!);
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
            Assert.That(root is null ? string.Empty : XmlArrayCast.Cast(root)["v"], Is.EqualTo(string.Empty));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
