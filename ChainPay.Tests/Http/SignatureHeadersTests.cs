using ChainPay.Http;

namespace ChainPay.Tests.Http;

public class SignatureHeadersTests
{
    private static readonly Dictionary<string, string> Filled = new()
    {
        ["Wechatpay-Nonce"] = "fdasflkja484w",
        ["Wechatpay-Serial"] = "PUB_KEY_ID_0114232134912410000000000000",
        ["Wechatpay-Signature"] = "AAAA",
        ["Wechatpay-Timestamp"] = "1554208460",
    };

    private static SignatureHeaders? Read(IReadOnlyDictionary<string, string> headers) => SignatureHeaders.Read(name => headers.TryGetValue(name, out var v) ? v : null);

    [Test]
    public void Read_NeedsAllFour()
    {
        Assert.That(Read(Filled), Is.Not.Null);
        foreach (var name in Filled.Keys)
        {
            Assert.That(Read(Filled.Where(h => h.Key != name).ToDictionary(h => h.Key, h => h.Value)), Is.Null, name);
        }
    }

    [Test]
    public void CheckFilled_PassesFilledHeaders_EvenWithSurroundingSpace()
    {
        Assert.That(Read(Filled)!.CheckFilled("response"), Is.Null);
        Assert.That(Read(Filled.ToDictionary(h => h.Key, h => " " + h.Value + " "))!.CheckFilled("response"), Is.Null);
    }

    [TestCase("Wechatpay-Nonce", "")]
    [TestCase("Wechatpay-Serial", "\u3000")]
    [TestCase("Wechatpay-Signature", "\r\n")]
    [TestCase("Wechatpay-Timestamp", " ")]
    public void CheckFilled_NamesTheBlankHeader(string name, string value)
    {
        var headers = new Dictionary<string, string>(Filled) { [name] = value };
        Assert.That(Read(headers)!.CheckFilled("notification"), Is.EqualTo($"The notification's `{name}` header is empty; WeChat Pay always fills it."));
    }

    [Test]
    public void CheckFilled_NamesTheFirstBlankHeader_InPhpsOrder()
    {
        var headers = Filled.ToDictionary(h => h.Key, _ => string.Empty);
        Assert.That(Read(headers)!.CheckFilled("response"), Does.Contain("`Wechatpay-Nonce`"));
        headers["Wechatpay-Nonce"] = "n";
        Assert.That(Read(headers)!.CheckFilled("response"), Does.Contain("`Wechatpay-Serial`"));
    }

    // Through the stack-built head and decoded signature (short values), and the arrays they fall back to: a head
    // over 512 bytes, a signature that is not base64 (its FormatException kept as the inner exception).
    [TestCase(32, true)]
    [TestCase(600, true)]
    [TestCase(32, false)]
    [TestCase(600, false)]
    public void Verify_AnRsaSignature_OverTimestampNonceAndBody(int nonceLength, bool genuine)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var nonce = new string('N', nonceLength);
        var body = System.Text.Encoding.UTF8.GetBytes("{\"recall\":false}");
        var message = System.Text.Encoding.UTF8.GetBytes("1554208460\n" + nonce + "\n{\"recall\":" + (genuine ? "false" : "true") + "}\n");
        var signature = Convert.ToBase64String(key.SignData(message, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
        var headers = Read(new Dictionary<string, string>(Filled) { ["Wechatpay-Nonce"] = nonce, ["Wechatpay-Signature"] = signature })!;

        var failure = headers.Verify(new Dictionary<string, object> { ["PUB_KEY_ID_0114232134912410000000000000"] = key }, body, out var inner);

        Assert.That(failure, genuine ? Is.Null : Does.StartWith("Verify the response's data with: timestamp=1554208460"));
        Assert.That(inner, Is.Null);
    }

    [TestCase(32)]
    [TestCase(600)]
    public void Verify_ASignatureThatIsNotBase64_FailsWithTheFormatException(int nonceLength)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var headers = Read(new Dictionary<string, string>(Filled) { ["Wechatpay-Nonce"] = new string('N', nonceLength), ["Wechatpay-Signature"] = "not*base64" })!;

        var failure = headers.Verify(new Dictionary<string, object> { ["PUB_KEY_ID_0114232134912410000000000000"] = key }, Array.Empty<byte>(), out var inner);

        Assert.That(failure, Does.Contain("signature=not*base64"));
        Assert.That(inner, Is.TypeOf<FormatException>());
    }
}
