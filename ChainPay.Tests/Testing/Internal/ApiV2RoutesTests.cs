using ChainPay.Testing.Internal;
using ChainPay.Tests.Xml;

namespace ChainPay.Tests.Testing.Internal;

public class ApiV2RoutesTests
{
    private const string Key = "192006250b4c09247ec02edce69f6a2d";
    private static readonly ISet<string> Merchants = new HashSet<string> { "1230000109" };

    private static ApiV2Routes Create() => new(new PaymentOrders(() => "2024-01-01T00:00:00+08:00", (_, _, _, _) => { }), Key);

    [Test]
    public void ATooDeepRequest_IsAnXmlFormatError_NotACrash()
    {
        var answer = Transformer.ToArray(Create().Handle("/pay/orderquery", XmlArrayReaderTests.Nested(140_000), Merchants));
        Assert.That((answer["return_code"], answer["return_msg"]), Is.EqualTo(("FAIL", "XML格式错误")));
    }

    [Test]
    public void ASignedRequest_IsAnswered()
    {
        // The sign is computed outside ChainPay (Python hashlib): MD5 of mch_id=1230000109&nonce_str=n&out_trade_no=NOPE&key=….
        var fields = new Dictionary<string, object?> { ["mch_id"] = "1230000109", ["out_trade_no"] = "NOPE", ["nonce_str"] = "n", ["sign"] = "3F02460C51B33BB257F8D7284682803A" };
        var answer = Transformer.ToArray(Create().Handle("/pay/orderquery", Transformer.ToXml(fields), Merchants));
        Assert.That((answer["return_code"], answer["result_code"], answer["err_code"]), Is.EqualTo(("SUCCESS", "FAIL", "ORDERNOTEXIST")));
    }

    [Test]
    public void AWronglySignedRequest_IsASignError()
    {
        var fields = new Dictionary<string, object?> { ["mch_id"] = "1230000109", ["out_trade_no"] = "NOPE", ["nonce_str"] = "m", ["sign"] = "3F02460C51B33BB257F8D7284682803A" };
        var answer = Transformer.ToArray(Create().Handle("/pay/orderquery", Transformer.ToXml(fields), Merchants));
        Assert.That(answer["return_code"], Is.EqualTo("FAIL"));
    }
}
