using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using ChainPay.Testing;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.Fixtures.SandboxFixture;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Tests.Testing;

/// <summary>
/// <see cref="WeChatPaySandbox"/> keys and signatures: requests verified as WeChat Pay does, answers signed with the
/// platform key, <c>/v3/certificates</c>.
/// </summary>
public class WeChatPaySandboxSigningTests
{
    [Test]
    public void SignError_WrongSignature()
    {
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        options.PrivateKey = RSA.Create(2048); // not the key the sandbox knows for this serial
        var e = Assert.ThrowsAsync<ApiException>(() => Builder.Factory(options).Chain("v3/certificates").GetAsync());
        Assert.That(e!.StatusCode, Is.EqualTo(401));
        Assert.That(e.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public void SignError_StaleTimestamp()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { Clock = () => Fixed });
        var options = sandbox.CreateOptions();
        options.Clock = () => Fixed.AddSeconds(-301);
        var e = Assert.ThrowsAsync<ApiException>(() => Builder.Factory(options).Chain("v3/certificates").GetAsync());
        Assert.That(e!.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public void SignError_ReusedNonce()
    {
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        options.Nonce = () => "REPLAYEDNONCE0000000000000000000";
        var instance = Builder.Factory(options);
        var node = instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}");
        Assert.DoesNotThrowAsync(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
        var e = Assert.ThrowsAsync<ApiException>(() => node.GetAsync(new { out_bill_no = "plfk2020042013" }));
        Assert.That(e!.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public async Task SignError_MissingOrMalformedAuthorization_AndUnknownSerial()
    {
        var sandbox = new WeChatPaySandbox();
        using var http = new HttpClient(sandbox.CreateHandler());
        var none = await http.GetAsync("https://api.mch.weixin.qq.com/v3/certificates");
        Assert.That((int)none.StatusCode, Is.EqualTo(401));
        Assert.That((string?)JObject.Parse(await none.Content.ReadAsStringAsync())["code"], Is.EqualTo("SIGN_ERROR"));

        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.mch.weixin.qq.com/v3/certificates");
        request.Headers.TryAddWithoutValidation("Authorization", "WECHATPAY2-SHA256-RSA2048 mchid=1230000109");
        Assert.That((int)(await http.SendAsync(request)).StatusCode, Is.EqualTo(401));

        var options = sandbox.CreateOptions();
        options.Serial = "0000000000000000000000000000000000000000";
        var e = Assert.ThrowsAsync<ApiException>(() => Builder.Factory(options).Chain("v3/certificates").GetAsync());
        Assert.That(e!.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public async Task Answers_AreSignedWithThePlatformKey_EvenErrors()
    {
        var sandbox = new WeChatPaySandbox();
        using var http = new HttpClient(sandbox.CreateHandler());
        var response = await http.GetAsync("https://api.mch.weixin.qq.com/v3/certificates");
        var body = await response.Content.ReadAsStringAsync();
        var message = Formatter.Response(response.Headers.GetValues("Wechatpay-Timestamp").Single(), response.Headers.GetValues("Wechatpay-Nonce").Single(), body);
        Assert.That(response.Headers.GetValues("Wechatpay-Serial").Single(), Is.EqualTo(sandbox.PlatformKeyId).And.StartWith("PUB_KEY_ID_"));
        Assert.That(Rsa.Verify(message, response.Headers.GetValues("Wechatpay-Signature").Single(), sandbox.PlatformPublicKey), Is.True);
    }

    [Test]
    public void Certificates_InPublicKeyMode_AreResourceNotExists()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.StatusCode, Is.EqualTo(404));
        Assert.That(e.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }

    [Test]
    public async Task Certificates_InCertificateMode_AreEncryptedWithTheApiV3Key()
    {
        var (sandbox, instance) = Create(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, ApiV3Key = "0123456789abcdef0123456789abcdef" });
        var data = (JObject)(await Json(await instance.Chain("v3/certificates").GetAsync()))["data"]![0]!;
        Assert.That((string?)data["serial_no"], Is.EqualTo(sandbox.PlatformKeyId).And.Match("^[0-9A-F]{40}$"));
        var enc = data["encrypt_certificate"]!;
        var pem = AesGcm.Decrypt((string)enc["ciphertext"]!, "0123456789abcdef0123456789abcdef", (string)enc["nonce"]!, (string)enc["associated_data"]!);
        Assert.That(pem, Is.EqualTo(sandbox.PlatformCertificatePem));
        using var certificate = X509Certificate2.CreateFromPem(pem);
        Assert.That(certificate.SerialNumber.TrimStart('0'), Is.EqualTo(sandbox.PlatformKeyId.TrimStart('0')));
        Assert.That(certificate.GetRSAPublicKey()!.ExportSubjectPublicKeyInfo(), Is.EqualTo(sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfo()));
    }
}
