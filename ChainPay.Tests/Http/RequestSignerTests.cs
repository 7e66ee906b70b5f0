using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Http;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Http;

public class RequestSignerTests
{
    private const string Nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";

    // Spec §11.4 SIG1: GET /v3/certificates, timestamp 1554208460, empty body.
    private const string Sig1 = "ZsLw+UeiMCHlReLndcx8uxxkGlpJXHz9iKhqt1/QtUDgWfH1pfL+bWVSasqwAjcLMAy1o2RmmBdXmdDEs/4oHaO672DF1TIn6du5e10gbCgvyf1SHL1X8oVP7AS6EgggSQMAnw0i84+ne32UFNOD1a6IpG92E59SNhZOvcvDyedsdBvZSWkxX2G0T/XsMcB3XW0qVQZldZrHQI8QiibVCbJKRct11saIoQtNUrtgXNietxQv2xjfzdgvw5GoJ2Lpl3MalBaDaUk7bpu7iye+CH77iSCyJzqWK1FpRJPFiOaoRXhm6TVbCj9vHKsnzqFKjxtQ8rW5s61aMeGm2OqtsA==";

    // Spec §11.4: POST /v3/pay/transactions/native with body {"mchid":"1900006XXX"}.
    private const string SigNative = "KssGmDTsxA6SWH5GfsHZRIbXyw9IwcgGS3jSZJDK0XuSb6oFHK+ef0rdm+ZH/aSPPr5V/OUvG7/AqzfgPofSXqsRWf40bikpFQSE+DsCMsmymwbUl3SnrDjRggmR1eCkqsJHo0b9M7LGziWjDMGchSeIr6Ge5cwDLIk9PO/rlBhtKIf6Dp95Aecyjg1djj/zG/fwaJduDObl/mmOF/vVdHcXzEuv883tBiBqn4tXxFHTI8yzVFevl7hVVoUFTz+42Qj+PsG5HuWVFlFo5Bf+9B2Y39UCU+TZzkgOFMi3k09vJRicK6vaRllKHs6EzPoH9mkv50Ae4OJwLfHV5g50YA==";

    private static RequestSigner NewSigner() =>
        new(FakeWeChatPay.Mchid, TestKeys.MerchantSerial, Rsa.From(TestKeys.Pkcs8PrivateKey), () => FakeWeChatPay.Now, () => Nonce);

    [Test]
    public async Task SignAsync_Get_ProducesTheSpecAuthorizationByteForByte()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com/v3/certificates");
        await NewSigner().SignAsync(request);
        Assert.That(request.Headers.GetValues("Authorization").Single(), Is.EqualTo(
            $"WECHATPAY2-SHA256-RSA2048 mchid=\"1900009191\",serial_no=\"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\",timestamp=\"1554208460\",nonce_str=\"{Nonce}\",signature=\"{Sig1}\""));
    }

    [Test]
    public async Task SignAsync_Post_SignsTheExactBodyBytes()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.mch.weixin.qq.com/v3/pay/transactions/native")
        {
            Content = new SignedContent(Encoding.UTF8.GetBytes("{\"mchid\":\"1900006XXX\"}"), "application/json"),
        };
        await NewSigner().SignAsync(request);
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.EndWith($"signature=\"{SigNative}\""));
    }

    [Test]
    public async Task SignAsync_ForeignContent_IsReadAndSigned()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.mch.weixin.qq.com/v3/pay/transactions/native")
        {
            Content = new StringContent("{\"mchid\":\"1900006XXX\"}"),
        };
        await NewSigner().SignAsync(request);
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.EndWith($"signature=\"{SigNative}\""));
    }

    [Test]
    public async Task SignAsync_SignatureBody_OverridesTheBytesSent()
    {
        var meta = Encoding.UTF8.GetBytes("{\"mchid\":\"1900006XXX\"}");
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.mch.weixin.qq.com/v3/pay/transactions/native")
        {
            Content = new SignedContent(Encoding.UTF8.GetBytes("--multipart--"), "multipart/form-data", meta),
        };
        await NewSigner().SignAsync(request);
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.EndWith($"signature=\"{SigNative}\""));
    }

    [Test]
    public async Task SignAsync_ReplacesACallerAuthorization()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com/v3/certificates");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer forged");
        await NewSigner().SignAsync(request);
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.EndWith($"signature=\"{Sig1}\""));
    }

    [Test]
    public async Task SignAsync_SignsTheWireTarget_WithQuery()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com/hk/v3/statements?date=2024-01-01&x=a%2Fb");
        await NewSigner().SignAsync(request);
        var sent = new SentRequest("GET", request.RequestUri!.PathAndQuery, request.RequestUri.AbsoluteUri, Array.Empty<byte>(), request.Headers.GetValues("Authorization").Single(), null, new Dictionary<string, string>());
        Assert.That(sent.Target, Is.EqualTo("/hk/v3/statements?date=2024-01-01&x=a%2Fb"));
        Assert.That(FakeWeChatPay.VerifyAuthorization(sent, out _), Is.True);
    }

    [Test]
    public async Task SignAsync_WithAnExternalSigner_SendsTheSameAuthorization_SigningTheWholeMessage()
    {
        var external = new KeySigner(Rsa.From(TestKeys.Pkcs8PrivateKey));
        var signer = new RequestSigner(FakeWeChatPay.Mchid, TestKeys.MerchantSerial, external, () => FakeWeChatPay.Now, () => Nonce);
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.mch.weixin.qq.com/v3/pay/transactions/native")
        {
            Content = new SignedContent(Encoding.UTF8.GetBytes("{\"mchid\":\"1900006XXX\"}"), "application/json"),
        };
        await signer.SignAsync(request);
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.EndWith($"signature=\"{SigNative}\""));
        Assert.That(external.Signatures, Is.EqualTo(1));

        using var cancellation = new CancellationTokenSource();
        await signer.SignAsync(request, cancellation.Token);
        Assert.That(external.LastToken, Is.EqualTo(cancellation.Token), "a re-signing handler's token reaches the signer (an HSM session wait can be cancelled)");
    }

    // A head over the 1,024 bytes built on the stack, and an RSA-4096 key (its 512-byte signature the largest
    // kept on the stack): the same Authorization as the spec's concatenation, signed by Rsa.Sign.
    [TestCase(2048, 20)]
    [TestCase(2048, 1200)]
    [TestCase(4096, 20)]
    public async Task SignAsync_LongTargetsAndLargeKeys_SignTheSpecMessage(int keySize, int queryLength)
    {
        using var key = RSA.Create(keySize);
        var target = "/v3/bill/tradebill?bill_date=" + new string('1', queryLength);
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com" + target);
        var signer = new RequestSigner(FakeWeChatPay.Mchid, TestKeys.MerchantSerial, key, () => FakeWeChatPay.Now, () => Nonce);

        await signer.SignAsync(request);

        var expected = Rsa.Sign(Formatter.Request("GET", target, "1554208460", Nonce), key);
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.EndWith($",nonce_str=\"{Nonce}\",signature=\"{expected}\""));
    }
}
