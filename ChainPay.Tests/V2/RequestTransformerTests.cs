using ChainPay.V2;

namespace ChainPay.Tests.V2;

public class RequestTransformerTests
{
    private const string Secret = "192006250b4c09247ec02edce69f6a2d";
    private static readonly RequestTransformer Transformer = new("10000100", Secret, () => "AUTONONCE");

    private static List<KeyValuePair<string, object?>> P(params (string K, object? V)[] pairs) => pairs.Select(p => new KeyValuePair<string, object?>(p.K, p.V)).ToList();

    private static List<KeyValuePair<string, object?>> Doc() =>
        P(("appid", "wxd930ea5d5a258f4f"), ("mch_id", "10000100"), ("device_info", "1000"), ("body", "test"), ("nonce_str", "ibuaiVcKdpRxkhJA"));

    // Spec §11.3.
    [Test]
    public void Md5_OfTheDocumentExample()
    {
        var signed = Transformer.Sign(Doc(), nonceless: false);
        Assert.That(ChainPay.Transformer.ToXml(signed), Is.EqualTo(
            "<xml><appid>wxd930ea5d5a258f4f</appid><mch_id>10000100</mch_id><device_info>1000</device_info><body>test</body><nonce_str>ibuaiVcKdpRxkhJA</nonce_str><sign>9A0A8659F005D6984697E2CA0A9CF3B7</sign></xml>"));
    }

    [Test]
    public void HmacSha256_WhenSignTypeSaysSo()
    {
        var data = Doc();
        data.Add(new("sign_type", "HMAC-SHA256"));
        var xml = ChainPay.Transformer.ToXml(Transformer.Sign(data, nonceless: false));
        Assert.That(xml, Does.EndWith("<sign_type>HMAC-SHA256</sign_type><sign>2C9DF1156522C0B2B03B4DBF3BCA5CACB602CBD5CA0F9E112458CF3E9855303B</sign></xml>"));
    }

    [Test]
    public void Nonceless_WithAwkwardValues()
    {
        var data = P(("appid", "wx"), ("mch_id", "10000100"), ("detail", "<a & \"b\">"), ("n", 1), ("t", true), ("f", false), ("e", ""), ("nul", null));
        var xml = ChainPay.Transformer.ToXml(Transformer.Sign(data, nonceless: true));
        Assert.That(xml, Is.EqualTo(
            "<xml><appid>wx</appid><mch_id>10000100</mch_id><detail><![CDATA[<a & \"b\">]]></detail><n>1</n><t>1</t><f></f><e></e><nul></nul><sign>BB4717DC157CF580239DFAC0873F40DE</sign></xml>"));
    }

    [Test]
    public void Transfers_UseTheMchidKey()
    {
        var xml = ChainPay.Transformer.ToXml(Transformer.Sign(P(("mchid", "10000100"), ("nonce_str", "abc")), nonceless: false));
        Assert.That(xml, Is.EqualTo("<xml><mchid>10000100</mchid><nonce_str>abc</nonce_str><sign>5BF8D38EBC5E2AE99B09D14D3C2EACE9</sign></xml>"));
    }

    [Test]
    public void CombinedOrders_UseTheCombineMchIdKey()
    {
        var signed = Transformer.Sign(P(("combine_mch_id", "10000100"), ("nonce_str", "abc")), nonceless: false);
        Assert.That(signed.Last().Value, Is.EqualTo("CFC83AB42C2D9B5B9E754B9AEFA849F7"));
    }

    [Test]
    public void NonceStr_IsAddedWhenAbsent_AfterTheCallersKeys()
    {
        var signed = Transformer.Sign(P(("mch_id", "10000100"), ("a", "1")), nonceless: false);
        Assert.That(signed.Select(p => p.Key), Is.EqualTo(new[] { "mch_id", "a", "nonce_str", "sign" }));
        Assert.That(signed[2].Value, Is.EqualTo("AUTONONCE"));
    }

    [Test]
    public void MchidNumber_MatchesAsText()
    {
        Assert.DoesNotThrow(() => Transformer.Sign(P(("mch_id", 10000100)), nonceless: true));
    }

    [TestCase("10000101", "10000101")]
    [TestCase(null, "")]
    public void MchidMismatch_IsRefused(string? given, string shown)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Transformer.Sign(given is null ? P(("appid", "wx")) : P(("mch_id", given)), nonceless: true));
        Assert.That(e!.Message, Does.StartWith($"The xml's structure[mch_id({shown})] doesn't matched the init one mchid(10000100)."));
        Assert.That(e.ParamName, Is.EqualTo("xml"));
    }

    [TestCase("HMAC-SHA1")]
    [TestCase("md5")]
    public void UnknownSignType_IsRefused_InsteadOfAnEmptySign(string type)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Transformer.Sign(P(("mch_id", "10000100"), ("sign_type", type)), nonceless: true));
        Assert.That(e!.ParamName, Is.EqualTo("sign_type"));
    }
}
