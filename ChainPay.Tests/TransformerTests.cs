using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests;

/// <summary><see cref="Transformer"/> against spec §7.6 and the §11.6 vectors.</summary>
public class TransformerTests
{
    private const string RefundReqInfo = "<root>\n<out_refund_no><![CDATA[131811191610442717309]]></out_refund_no>\n<out_trade_no><![CDATA[71106718111915575302817]]></out_trade_no>\n<refund_account><![CDATA[REFUND_SOURCE_RECHARGE_FUNDS]]></refund_account>\n<refund_fee><![CDATA[3960]]></refund_fee>\n<refund_id><![CDATA[50000408942018111907145868882]]></refund_id>\n<refund_recv_accout><![CDATA[支付用户零钱]]></refund_recv_accout>\n<refund_request_source><![CDATA[API]]></refund_request_source>\n<refund_status><![CDATA[SUCCESS]]></refund_status>\n<settlement_refund_fee><![CDATA[3960]]></settlement_refund_fee>\n<settlement_total_fee><![CDATA[3960]]></settlement_total_fee>\n<success_time><![CDATA[2018-11-19 16:24:13]]></success_time>\n<total_fee><![CDATA[3960]]></total_fee>\n<transaction_id><![CDATA[4200000215201811190261405420]]></transaction_id>\n</root>\n";

    private const string FragmentInjection = "<batchjob>\n    <payment>\n    <account>5678-attacker</account>\n    <rcpt>206-1234</rcpt>\n    <amount>100.00</amount>\n    <comment></comment>\n    </payment>\n    <payment>\n    <account>1234-victim</account>\n    <rcpt>206-1234</rcpt>\n    <amount>100.00</amount>\n    <comment>Hacked</comment>\n    </payment>\n</batchjob>\n";

    private const string XxeInjection = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"http://tst.qq.com/xxe_inject/463103c2ee4067e1c4f5318440dc245d\">]>\n<foo><value>&xxe;</value></foo>\n";

    private const string BadEntity = "<?xml version=\"1.0\" standalone=\"yes\"?>\n<movies>\n <movie>\n  <titles>PHP: Behind the Parser</title>\n </movie>\n</movies>\n";

    private const string Normal404 = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private static string Json(object value) => JsonConvert.SerializeObject(value);

    [Test]
    public void ToArray_TheSpecVector()
    {
        var data = Transformer.ToArray("<xml><a><b>1</b><c>2</c></a><d>x</d><d>y</d><e attr=\"1\">t</e><f attr=\"1\"/></xml>");
        Assert.That(Json(data), Is.EqualTo("{\"a\":{\"b\":\"1\",\"c\":\"2\"},\"d\":[\"x\",\"y\"],\"e\":\"t\",\"f\":\"\"}"));
        Assert.That(data["d"], Is.InstanceOf<List<object?>>());
        Assert.That(data["a"], Is.InstanceOf<IDictionary<string, object?>>());
    }

    [Test]
    public void ToArray_CdataEmptySelfClosingAndWhitespace()
    {
        var data = Transformer.ToArray("<xml><return_code><![CDATA[SUCCESS]]></return_code><total_fee>1</total_fee><empty></empty><self/><ws>  a b  </ws></xml>");
        Assert.That(Json(data), Is.EqualTo("{\"return_code\":\"SUCCESS\",\"total_fee\":\"1\",\"empty\":\"\",\"self\":\"\",\"ws\":\"  a b  \"}"));
    }

    [TestCase("hello")]
    [TestCase("")]
    [TestCase("<xml/>")]
    [TestCase("<xml></xml>")]
    [TestCase("<xml>   </xml>")]
    [TestCase("<xml><a></xml>")]
    [TestCase("<xml/><xml/>")]
    [TestCase(BadEntity)]
    [TestCase(Normal404)]
    public void ToArray_NothingOrMalformedGivesAnEmptyDictionary(string xml)
    {
        Assert.That(Transformer.ToArray(xml), Is.Empty);
    }

    [Test]
    public void ToArray_DefaultsToAnEmptyDocument()
    {
        Assert.That(Transformer.ToArray(), Is.Empty);
    }

    [Test]
    public void ToArray_NullIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Transformer.ToArray(null!));
    }

    [Test]
    public void ToArray_SanitisesInvalidCharactersFirst()
    {
        Assert.That(Json(Transformer.ToArray("<xml><a>\u0001bad</a></xml>")), Is.EqualTo("{\"a\":\"bad\"}"));
        Assert.That(Json(Transformer.ToArray("<xml><a>\u0000\u0008\u000B\u000C\u001F\uFFFE\uFFFFok</a></xml>")), Is.EqualTo("{\"a\":\"ok\"}"));
    }

    [Test]
    public void ToArray_TheRefundReqInfoSample()
    {
        var data = Transformer.ToArray(RefundReqInfo);
        Assert.That(data, Has.Count.EqualTo(13));
        Assert.That(data["refund_recv_accout"], Is.EqualTo("支付用户零钱"));
        Assert.That(data["success_time"], Is.EqualTo("2018-11-19 16:24:13"));
        Assert.That(data.Keys.First(), Is.EqualTo("out_refund_no"));
        Assert.That(data.Keys.Last(), Is.EqualTo("transaction_id"));
        Assert.That(data.Values, Has.All.InstanceOf<string>().And.All.Not.Contain("CDATA"));
    }

    [Test]
    public void ToArray_RepeatedParentsBecomeAListOfDictionaries()
    {
        var data = Transformer.ToArray(FragmentInjection);
        Assert.That(
            Json(data),
            Is.EqualTo("{\"payment\":[{\"account\":\"5678-attacker\",\"rcpt\":\"206-1234\",\"amount\":\"100.00\",\"comment\":\"\"},{\"account\":\"1234-victim\",\"rcpt\":\"206-1234\",\"amount\":\"100.00\",\"comment\":\"Hacked\"}]}"));
    }

    [Test]
    public void ToArray_TheXxeSampleGivesAnEmptyValue()
    {
        Assert.That(Json(Transformer.ToArray(XxeInjection)), Is.EqualTo("{\"value\":\"\"}"));
    }

    [Test]
    public void ToArray_NeverReadsAnExternalEntityFile()
    {
        string secret = Path.Combine(Path.GetTempPath(), "chainpay-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(secret, "TOP-SECRET");
        try
        {
            string uri = new Uri(secret).AbsoluteUri;
            var data = Transformer.ToArray($"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"{uri}\"><!ENTITY % p SYSTEM \"{uri}\">%p;]><x><v>&e;</v><w>a&e;b</w></x>");
            Assert.That(Json(data), Is.EqualTo("{\"v\":\"\",\"w\":\"ab\"}"));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Test]
    public void ToArray_ABillionLaughsExpandsNothing()
    {
        var doctype = new System.Text.StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++)
        {
            doctype.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : (i - 1).ToString())};", 10))}\">");
        }

        doctype.Append("]>");
        // The empty `a` shows nothing was expanded (a billion "lol"s would be 3 GB); no wall-clock bound, which a loaded
        // CI machine could miss: the assembly's per-test time limit stops a run that hangs.
        var data = Transformer.ToArray("<?xml version=\"1.0\"?>" + doctype + "<lolz><a>&lol9;</a><b>1</b></lolz>");
        Assert.That(Json(data), Is.EqualTo("{\"a\":\"\",\"b\":\"1\"}"));
    }

    [Test]
    public void ToArray_AnEntityWithoutADoctypeIsMalformed()
    {
        Assert.That(Transformer.ToArray("<xml><a>&nbsp;</a></xml>"), Is.Empty);
    }

    [Test]
    public void ToArray_PredefinedAndCharacterEntitiesAreDecoded()
    {
        Assert.That(Json(Transformer.ToArray("<xml><a>&lt;&amp;&gt;&quot;&apos;&#x4E2D;&#25991;</a></xml>")), Is.EqualTo("{\"a\":\"<&>\\\"'中文\"}"));
    }

    [Test]
    public void ToArray_AttributesOfElementsWithChildrenAreKept()
    {
        var data = Transformer.ToArray("<xml version=\"2\"><b x=\"1\" y=\"2\"><c>1</c></b><leaf x=\"1\">t</leaf></xml>");
        Assert.That(Json(data), Is.EqualTo("{\"@attributes\":{\"version\":\"2\"},\"b\":{\"@attributes\":{\"x\":\"1\",\"y\":\"2\"},\"c\":\"1\"},\"leaf\":\"t\"}"));
    }

    [Test]
    public void ToArray_KeepsTheDocumentOrder()
    {
        var data = Transformer.ToArray("<xml><z>1</z><a>2</a><m>3</m><a>4</a></xml>");
        Assert.That(data.Keys, Is.EqualTo(new[] { "z", "a", "m" }));
    }

    [Test]
    public void ToArray_ALeadingByteOrderMarkIsAccepted()
    {
        Assert.That(Json(Transformer.ToArray("\uFEFF<xml><a>1</a></xml>")), Is.EqualTo("{\"a\":\"1\"}"));
    }

    [Test]
    public void Sanitize_KeepsValidCharactersAndSupplementaryPlanes()
    {
        Assert.That(Transformer.Sanitize("a\tb\nc\rd 中😀"), Is.EqualTo("a\tb\nc\rd 中😀"));
        Assert.That(Transformer.Sanitize("\u0001a\u0002"), Is.EqualTo("a"));
    }

    [Test]
    public void Sanitize_ALoneSurrogateEmptiesEverything()
    {
        Assert.That(Transformer.Sanitize("<xml>\uD800</xml>"), Is.Empty);
        Assert.That(Transformer.Sanitize("<xml>\uDC00</xml>"), Is.Empty);
        Assert.That(Transformer.ToArray("<xml><a>\uD83D</a></xml>"), Is.Empty);
    }

    [Test]
    public void ToXml_TheSpecVector()
    {
        var data = new Dictionary<string, object?>
        {
            ["a"] = "1",
            ["b"] = new Dictionary<string, object?> { ["c"] = "2", ["d"] = new[] { "x", "y" } },
            ["0"] = "num",
            ["bad key"] = "v",
            ["1a"] = "v",
            ["_ok"] = "v",
            ["中文"] = "v",
            ["q"] = "it's \"q\" <b>&amp;",
            ["gt"] = "a>b",
        };
        Assert.That(
            Transformer.ToXml(data),
            Is.EqualTo("<xml><a>1</a><b><c>2</c><d><item>x</item><item>y</item></d></b><item>num</item><item>v</item><item>v</item><_ok>v</_ok><中文>v</中文><q><![CDATA[it's \"q\" <b>&amp;]]></q><gt><![CDATA[a>b]]></gt></xml>"));
    }

    [Test]
    public void ToXml_TheOptionVectors()
    {
        var a = new Dictionary<string, object?> { ["a"] = "1" };
        Assert.Multiple(() =>
        {
            Assert.That(Transformer.ToXml(a, false, true), Is.EqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml>\n <a>1</a>\n</xml>\n"));
            Assert.That(Transformer.ToXml(a, true, false, "qqpay", "it"), Is.EqualTo("<qqpay><a>1</a></qqpay>"));
            Assert.That(Transformer.ToXml(new Dictionary<string, object?>()), Is.EqualTo("<xml/>"));
            Assert.That(Transformer.ToXml(a, false), Is.EqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml><a>1</a></xml>\n"));
            Assert.That(Transformer.ToXml(a, true, true), Is.EqualTo("<xml>\n <a>1</a>\n</xml>\n"));
            Assert.That(Transformer.ToXml(new Dictionary<string, object?>(), false, true), Is.EqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml/>\n"));
            Assert.That(Transformer.ToXml(new Dictionary<string, object?>(), false), Is.EqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml/>\n"));
            Assert.That(Transformer.ToXml(new[] { "x" }, true, false, "r", "it"), Is.EqualTo("<r><it>x</it></r>"));
        });
    }

    [Test]
    public void ToXml_IndentsNestedAndEmptyElements()
    {
        var xml = Transformer.ToXml(new { a = new { b = "1" }, c = Array.Empty<string>(), d = "" }, true, true);
        Assert.That(xml, Is.EqualTo("<xml>\n <a>\n  <b>1</b>\n </a>\n <c/>\n <d></d>\n</xml>\n"));
    }

    [Test]
    public void ToXml_ScalarsUsePhpStringCasts()
    {
        var xml = Transformer.ToXml(new Dictionary<string, object?> { ["t"] = true, ["f"] = false, ["n"] = null, ["i"] = 42, ["d"] = 2.5, ["m"] = 0.10m });
        // A decimal is written shortest, as PHP's float cast writes 0.10 (and as the json body writes it).
        Assert.That(xml, Is.EqualTo("<xml><t>1</t><f></f><n></n><i>42</i><d>2.5</d><m>0.1</m></xml>"));
    }

    [Test]
    public void ToXml_AcceptsAnonymousObjectsAndJObjects()
    {
        const string expected = "<xml><appid>wx2421b1c4370ec43b</appid><total_fee>1</total_fee><list><item>1</item><item><k>v</k></item></list></xml>";
        Assert.That(Transformer.ToXml(new { appid = "wx2421b1c4370ec43b", total_fee = 1, list = new object[] { 1, new { k = "v" } } }), Is.EqualTo(expected));
        Assert.That(Transformer.ToXml(JObject.Parse("{\"appid\":\"wx2421b1c4370ec43b\",\"total_fee\":1,\"list\":[1,{\"k\":\"v\"}]}")), Is.EqualTo(expected));
        Assert.That(Transformer.ToXml(new SortedDictionary<string, string> { ["b"] = "2", ["a"] = "1" }), Is.EqualTo("<xml><a>1</a><b>2</b></xml>"));
    }

    [Test]
    public void ToXml_TextEscaping()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Transformer.ToXml(new { a = "it's" }), Is.EqualTo("<xml><a>it's</a></xml>"));
            Assert.That(Transformer.ToXml(new { a = "l1\r\nl2" }), Is.EqualTo("<xml><a>l1&#13;\nl2</a></xml>"));
            Assert.That(Transformer.ToXml(new { a = "x]]>y" }), Is.EqualTo("<xml><a><![CDATA[x]]]]><![CDATA[>y]]></a></xml>"));
            Assert.That(Transformer.ToArray(Transformer.ToXml(new { a = "x]]>y" }))["a"], Is.EqualTo("x]]>y"));
        });
    }

    [Test]
    public void ToXml_ElementNameRule()
    {
        var xml = Transformer.ToXml(new Dictionary<string, object?>
        {
            ["a.b:c-d_9"] = "1",
            ["-a"] = "2",
            [".a"] = "3",
            ["a\n"] = "4",
            ["a b"] = "5",
            [""] = "6",
            ["𠀀x"] = "7",
            ["a!"] = "8",
        });
        Assert.That(xml, Is.EqualTo("<xml><a.b:c-d_9>1</a.b:c-d_9><item>2</item><item>3</item><a\n>4</a\n><item>5</item><item>6</item><𠀀x>7</𠀀x><item>8</item></xml>"));
    }

    [Test]
    public void ToXml_RoundTripsThroughToArray()
    {
        var data = new Dictionary<string, object?> { ["return_code"] = "SUCCESS", ["list"] = new Dictionary<string, object?> { ["x"] = new[] { "1", "2" } }, ["q"] = "<&>" };
        Assert.That(Json(Transformer.ToArray(Transformer.ToXml(data, false, true))), Is.EqualTo("{\"return_code\":\"SUCCESS\",\"list\":{\"x\":{\"item\":[\"1\",\"2\"]}},\"q\":\"<&>\"}"));
    }

    [Test]
    public void ToXml_BadArguments()
    {
        Assert.Throws<ArgumentNullException>(() => Transformer.ToXml((object)null!));
        Assert.Throws<ArgumentNullException>(() => Transformer.ToXml((IEnumerable<KeyValuePair<string, object?>>)null!));
        var e = Assert.Throws<InvalidArgumentException>(() => Transformer.ToXml("scalar"));
        Assert.That(e!.ParamName, Is.EqualTo("data"));
        e = Assert.Throws<InvalidArgumentException>(() => Transformer.ToXml(new { a = 1 }, root: "bad root"));
        Assert.That(e!.ParamName, Is.EqualTo("root"));
        e = Assert.Throws<InvalidArgumentException>(() => Transformer.ToXml(new { a = 1 }, item: ""));
        Assert.That(e!.ParamName, Is.EqualTo("item"));
    }
}
