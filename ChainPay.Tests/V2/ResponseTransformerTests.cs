using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.V2;

namespace ChainPay.Tests.V2;

public class ResponseTransformerTests
{
    private const string Secret = "192006250b4c09247ec02edce69f6a2d";
    private static readonly ResponseTransformer Verifier = new(Secret);

    /// <summary>
    /// Fields signed by the test's own APIv2 signer (System.Security.Cryptography, not ChainPay's <c>Hash</c>):
    /// the non-empty fields but <c>sign</c>, sorted ordinally, as <c>k=v&amp;…&amp;key=secret</c>, MD5 or HMAC-SHA256
    /// upper-case hex. <see cref="TheTestSigner_ReproducesTheSpecVectors"/> pins it to the spec's literals.
    /// </summary>
    internal static Dictionary<string, object?> Signed(string type, params (string K, string V)[] pairs)
    {
        var fields = pairs.ToDictionary(p => p.K, p => (object?)p.V);
        fields["sign"] = IndependentSign(type, fields);
        return fields;
    }

    private static string IndependentSign(string type, IDictionary<string, object?> fields)
    {
        var pairs = fields.Where(p => p.Key != "sign" && p.Value is string { Length: > 0 })
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value);
        var text = Encoding.UTF8.GetBytes(string.Join("&", pairs) + "&key=" + Secret);
        var digest = type == Hash.AlgoHmacSha256 ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), text) : MD5.HashData(text);
        return Convert.ToHexString(digest);
    }

    private static (string K, string V)[] SpecFields => new[]
    {
        ("appid", "wxd930ea5d5a258f4f"), ("mch_id", "10000100"), ("device_info", "1000"), ("body", "test"), ("nonce_str", "ibuaiVcKdpRxkhJA"),
    };

    [Test]
    public void TheTestSigner_ReproducesTheSpecVectors()
    {
        // wechatpay-php.md §11.3, literally.
        Assert.That(Signed(Hash.AlgoMd5, SpecFields)["sign"], Is.EqualTo("9A0A8659F005D6984697E2CA0A9CF3B7"));
        Assert.That(Signed(Hash.AlgoHmacSha256, SpecFields)["sign"], Is.EqualTo("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6"));
        Assert.That(Signed(Hash.AlgoHmacSha256, SpecFields.Append(("sign_type", "HMAC-SHA256")).ToArray())["sign"], Is.EqualTo("2C9DF1156522C0B2B03B4DBF3BCA5CACB602CBD5CA0F9E112458CF3E9855303B"));
        Assert.That(Signed(Hash.AlgoMd5, ("combine_mch_id", "10000100"), ("nonce_str", "abc"))["sign"], Is.EqualTo("CFC83AB42C2D9B5B9E754B9AEFA849F7"));
    }

    // The §11.3 fields as a successful answer (return_code and result_code SUCCESS): signs computed outside ChainPay
    // (Python hashlib/hmac, the procedure that reproduces every §11.3 literal), over
    // appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&result_code=SUCCESS&return_code=SUCCESS&key=….
    [TestCase("6B3ABA799ADD1AE4BF6ADD698670444B")]
    [TestCase("AC8028D62CD65F51C9D2C4736D08A56275D450A8D4904703076E7A401EB29EE0")]
    public void ALiteralAnswer_Verifies_AndAnyChangedFieldDoesNot(string sign)
    {
        Dictionary<string, object?> Answer() => SpecFields.Append(("return_code", "SUCCESS")).Append(("result_code", "SUCCESS")).Append(("sign", sign))
            .ToDictionary(p => p.Item1, p => (object?)p.Item2);
        Assert.That(Verifier.Check(Answer()), Is.Null);
        foreach (var (name, _) in SpecFields)
        {
            var tampered = Answer();
            tampered[name] = tampered[name] + "x";
            Assert.That(Verifier.Check(tampered), Does.Contain("sign"), name);
        }

        var extra = Answer();
        extra["openid"] = "o1"; // a field the sign does not cover
        Assert.That(Verifier.Check(extra), Does.Contain("sign"));
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
