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
}
