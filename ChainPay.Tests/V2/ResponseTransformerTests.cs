using ChainPay.Crypto;
using ChainPay.V2;

namespace ChainPay.Tests.V2;

public class ResponseTransformerTests
{
    private const string Secret = "192006250b4c09247ec02edce69f6a2d";
    private static readonly ResponseTransformer Verifier = new(Secret);

    internal static Dictionary<string, object?> Signed(string type, params (string K, string V)[] pairs)
    {
        var fields = pairs.ToDictionary(p => p.K, p => (object?)p.V);
        fields["sign"] = Hash.Sign(type, Formatter.QueryStringLike(Formatter.Ksort(fields)), Secret);
        return fields;
    }

    [Test]
    public void FullSuccess_WithMd5Sign_Passes()
    {
        Assert.That(Verifier.Check(Signed(Hash.AlgoMd5, ("return_code", "SUCCESS"), ("result_code", "SUCCESS"), ("openid", "o1"))), Is.Null);
    }

    [Test]
    public void HmacSha256Sign_IsRecognisedByItsLength()
    {
        var fields = Signed(Hash.AlgoHmacSha256, ("return_code", "SUCCESS"), ("result_code", "SUCCESS"));
        Assert.That(((string)fields["sign"]!).Length, Is.EqualTo(64));
        Assert.That(Verifier.Check(fields), Is.Null);
    }

    [Test]
    public void NoResultCode_WithAValidSign_Passes()
    {
        Assert.That(Verifier.Check(Signed(Hash.AlgoMd5, ("return_code", "SUCCESS"), ("appid", "wx"))), Is.Null);
    }

    [Test]
    public void ReturnCodeFail_IsRefused()
    {
        Assert.That(Verifier.Check(new Dictionary<string, object?> { ["return_code"] = "FAIL", ["return_msg"] = "签名错误" }), Does.Contain("return_code"));
        Assert.That(Verifier.Check(new Dictionary<string, object?>()), Does.Contain("return_code"));
    }

    [Test]
    public void ResultCodeFail_IsRefused()
    {
        Assert.That(Verifier.Check(Signed(Hash.AlgoMd5, ("return_code", "SUCCESS"), ("result_code", "FAIL"), ("err_code", "AUTHCODEEXPIRE"))), Does.Contain("result_code"));
    }

    [Test]
    public void MissingWrongOrLowerCaseSign_IsRefused()
    {
        var fields = Signed(Hash.AlgoMd5, ("return_code", "SUCCESS"));
        var lower = new Dictionary<string, object?>(fields) { ["sign"] = ((string)fields["sign"]!).ToLowerInvariant() };
        var wrong = new Dictionary<string, object?>(fields) { ["sign"] = "0000000000000000000000000000000" + "0" };
        var missing = new Dictionary<string, object?>(fields);
        missing.Remove("sign");
        Assert.That(Verifier.Check(lower), Does.Contain("sign"));
        Assert.That(Verifier.Check(wrong), Does.Contain("sign"));
        Assert.That(Verifier.Check(missing), Does.Contain("sign"));
    }

    [Test]
    public void Whitelist_HasThe24Paths()
    {
        Assert.That(ResponseTransformer.Unsigned, Has.Count.EqualTo(24));
        Assert.That(ResponseTransformer.Unsigned, Does.Contain("/pay/downloadbill").And.Contain("/mmpaymkttransfers/promotion/transfers"));
        Assert.That(ResponseTransformer.Unsigned, Does.Not.Contain("/Pay/downloadbill"));
    }
}
