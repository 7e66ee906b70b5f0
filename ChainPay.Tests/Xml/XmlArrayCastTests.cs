using Newtonsoft.Json;

namespace ChainPay.Tests.Xml;

public class XmlArrayCastTests
{
    private static string Json(string xml) => JsonConvert.SerializeObject(Transformer.ToArray(xml));

    [Test]
    public void PhpQuirks()
    {
        Assert.Multiple(() =>
        {
            // a root holding only text
            Assert.That(Json("<xml>hello</xml>"), Is.EqualTo("{\"0\":\"hello\"}"));

            // an element whose first content is text reads as its text
            Assert.That(Json("<xml><a>t<b>1</b>u</a></xml>"), Is.EqualTo("{\"a\":\"tu\"}"));

            // prefixed elements and attributes are skipped
            Assert.That(Json("<xml xmlns:p=\"urn:p\" p:x=\"1\"><p:a>1</p:a><b>2</b></xml>"), Is.EqualTo("{\"b\":\"2\"}"));

            // blank runs between elements vanish, blank leaves are kept
            Assert.That(Json("<xml>\n <a>\n  <b> </b>\n </a>\n</xml>"), Is.EqualTo("{\"a\":{\"b\":\" \"}}"));
        });
    }

    // PHP's SimpleXML casts a comment or processing-instruction node to its content (php-src GH-12169, GH-12167),
    // so Transformer::toArray's (string) cast keeps it under the key `comment` / the PI's target.
    [Test]
    public void CommentsAndProcessingInstructions_AmongElements_KeepTheirText()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json("<xml><!-- c --><a>1</a><?pi data?></xml>"), Is.EqualTo("{\"comment\":\" c \",\"a\":\"1\",\"pi\":\"data\"}"));
            Assert.That(Json("<xml><a>1</a><!--x--><!----><!-- y --></xml>"), Is.EqualTo("{\"a\":\"1\",\"comment\":[\"x\",\"\",\" y \"]}"));
            Assert.That(Json("<xml><a><b>1</b><!-- c --></a></xml>"), Is.EqualTo("{\"a\":{\"b\":\"1\",\"comment\":\" c \"}}"));
            Assert.That(Json("<xml><!-- <b>&amp;</b> --></xml>"), Is.EqualTo("{\"comment\":\" <b>&amp;</b> \"}"));
            Assert.That(Json("<xml><!-- a\r\nb\rc --></xml>"), Is.EqualTo("{\"comment\":\" a\\nb\\nc \"}"));
            Assert.That(Json("<xml><?pi   spaced  out ?><?empty?></xml>"), Is.EqualTo("{\"pi\":\"spaced  out \",\"empty\":\"\"}"));

            // beside text in the root: the text (not alone) is dropped, the comment stays
            Assert.That(Json("<xml>t<!-- c --></xml>"), Is.EqualTo("{\"comment\":\" c \"}"));
        });
    }

    [Test]
    public void CommentsInsideALeaf_AreNotPartOfItsText()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Json("<xml><a><!-- c --></a></xml>"), Is.EqualTo("{\"a\":\"\"}"));
            Assert.That(Json("<xml><a>t<!-- c -->u</a></xml>"), Is.EqualTo("{\"a\":\"tu\"}"));
            Assert.That(Json("<xml><a><!-- c -->t</a></xml>"), Is.EqualTo("{\"a\":\"t\"}"));
            Assert.That(Json("<xml><a><?pi d?></a></xml>"), Is.EqualTo("{\"a\":\"\"}"));
        });
    }

    [Test]
    public void CommentsOutsideTheRoot_AreIgnored()
    {
        Assert.That(Json("<!-- before --><xml><a>1</a></xml><!-- after -->"), Is.EqualTo("{\"a\":\"1\"}"));
    }

    [Test]
    public void WhitespaceBeforeACdataSection_IsKept_ADeliberateDifferenceFromLibxmlNoBlanks()
    {
        Assert.That(Json("<xml><a> <![CDATA[x]]></a></xml>"), Is.EqualTo("{\"a\":\" x\"}"));
    }
}
