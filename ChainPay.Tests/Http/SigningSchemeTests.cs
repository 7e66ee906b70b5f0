using System.Net;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Http;
using ChainPay.Notifications;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using RichardSzalay.MockHttp;

namespace ChainPay.Tests.Http;

public class SigningSchemeTests
{
    private static readonly (Sm2PrivateKey Private, Sm2PublicKey Public) Merchant = Sm2.GenerateKeyPair();
    private static readonly (Sm2PrivateKey Private, Sm2PublicKey Public) Platform = Sm2.GenerateKeyPair();
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795455453);

    /// <summary>Verifies with BouncyCastle's SM2Signer directly: SM3, user id 1234567812345678, DER.</summary>
    private static bool IndependentVerify(Sm2PublicKey key, byte[] message, byte[] der)
    {
        var signer = new SM2Signer();
        signer.Init(false, new ParametersWithID(key.Parameters, Encoding.ASCII.GetBytes("1234567812345678")));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(der);
    }

    private static (BuilderChain Instance, List<(HttpRequestMessage Request, byte[] Body)> Sent) Create(Func<string, (HttpStatusCode, string)>? reply = null, Sm2PublicKey? trusted = null)
    {
        var sent = new List<(HttpRequestMessage, byte[])>();
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(async request =>
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync();
            sent.Add((request, body));
            var (status, text) = reply?.Invoke(request.RequestUri!.AbsolutePath) ?? (HttpStatusCode.OK, "{\"ok\":true}");
            var response = new HttpResponseMessage(status) { Content = new StringContent(text) };
            var ts = Now.ToUnixTimeSeconds().ToString();
            response.Headers.Add("Wechatpay-Timestamp", ts);
            response.Headers.Add("Wechatpay-Nonce", "n0nce");
            response.Headers.Add("Wechatpay-Serial", "SM2PLATFORM");
            response.Headers.Add("Wechatpay-Signature", Sm2.Sign($"{ts}\nn0nce\n{text}\n", Platform.Private));
            return response;
        });
        var instance = Builder.Factory(new BuilderOptions
        {
            SigningScheme = BuilderOptions.SchemeSm2,
            Mchid = "1230000109",
            Serial = "SM2MERCHANTSERIAL",
            PrivateKey = Merchant.Private.ToPem(),
            Certs = { ["SM2PLATFORM"] = (trusted ?? Platform.Public).ToPem() },
            HttpClient = new HttpClient(mock),
            Clock = () => Now,
        });
        return (instance, sent);
    }

    [Test]
    public async Task Sm2Scheme_SignsRequests_VerifiableByAnIndependentSm2Implementation()
    {
        var (instance, sent) = Create();
        var res = await instance.Chain("v3/pay/transactions/native").PostAsync(new { json = new { mchid = "1230000109" } });
        Assert.That(res.StatusCode, Is.EqualTo(200));

        var (request, body) = sent.Single();
        var auth = request.Headers.NonValidated["Authorization"].ToString();
        Assert.That(auth, Does.StartWith("WECHATPAY2-SM2-WITH-SM3 mchid=\"1230000109\",serial_no=\"SM2MERCHANTSERIAL\",timestamp=\"1795455453\",nonce_str=\""));
        var fields = auth.Substring(auth.IndexOf(' ') + 1).Split(',').ToDictionary(f => f.Substring(0, f.IndexOf('=')), f => f.Substring(f.IndexOf('=') + 2).TrimEnd('"'));
        var message = Encoding.UTF8.GetBytes($"POST\n/v3/pay/transactions/native\n{fields["timestamp"]}\n{fields["nonce_str"]}\n").Concat(body).Concat(new[] { (byte)'\n' }).ToArray();
        Assert.That(IndependentVerify(Merchant.Public, message, Convert.FromBase64String(fields["signature"])), Is.True);
    }

    [Test]
    public void Sm2Scheme_RefusesAnAnswerSignedByAnotherKey()
    {
        var (trusting, _) = Create(trusted: Sm2.GenerateKeyPair().PublicKey);
        Assert.ThrowsAsync<ResponseVerificationException>(() => trusting.Chain("v3/x").GetAsync());
        var (good, _) = Create();
        Assert.DoesNotThrowAsync(() => good.Chain("v3/x").GetAsync());
    }

    [Test]
    public async Task Sm2Scheme_EncryptsSensitiveFieldsWithSm2()
    {
        var (instance, sent) = Create();
        await instance.Chain("v3/x").PostAsync(new { json = new { user_name = SensitiveField.Of("张三") } });
        var body = JObject.Parse(Encoding.UTF8.GetString(sent.Single().Body));
        Assert.That(Sm2.Decrypt((string)body["user_name"]!, Platform.Private), Is.EqualTo("张三"));
        Assert.That(sent.Single().Request.Headers.NonValidated["Wechatpay-Serial"].ToString(), Is.EqualTo("SM2PLATFORM"));
    }

    [Test]
    public void UnknownScheme_IsRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(new BuilderOptions
        {
            SigningScheme = "WECHATPAY2-SHA1",
            Mchid = "1",
            Serial = "S",
            PrivateKey = TestKeys.Pkcs8PrivateKey,
            Certs = { ["P"] = TestKeys.SpkiPublicKey },
        }));
        Assert.That(e!.ParamName, Is.EqualTo("SigningScheme"));
    }

    [Test]
    public void RsaKeysInTheSm2Scheme_AreRefusedByName()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(new BuilderOptions
        {
            SigningScheme = BuilderOptions.SchemeSm2,
            Mchid = "1",
            Serial = "S",
            PrivateKey = TestKeys.Pkcs8PrivateKey,
            Certs = { ["P"] = Platform.Public },
        }));
        Assert.That(e!.ParamName, Is.EqualTo("PrivateKey"));
        Assert.That(e.Message, Does.Contain("SM2"));
    }

    [Test]
    public void Sm2Notification_WithAnSm4GcmResource_VerifiesAndDecrypts()
    {
        const string apiV3Key = "0123456789abcdef0123456789abcdef";
        var resource = Sm4Gcm.Encrypt("{\"out_trade_no\":\"T1\"}", apiV3Key, "fdasflkja484", "transaction");
        var body = "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{\"algorithm\":\"AEAD_SM4_GCM\",\"ciphertext\":\"" + resource + "\",\"nonce\":\"fdasflkja484\",\"associated_data\":\"transaction\"}}";
        var ts = Now.ToUnixTimeSeconds().ToString();
        var headers = new Dictionary<string, string>
        {
            ["Wechatpay-Timestamp"] = ts,
            ["Wechatpay-Nonce"] = "abc",
            ["Wechatpay-Serial"] = "SM2PLATFORM",
            ["Wechatpay-Signature"] = Sm2.Sign($"{ts}\nabc\n{body}\n", Platform.Private),
        };
        var verifier = new NotificationVerifier(new NotificationOptions
        {
            SigningScheme = BuilderOptions.SchemeSm2,
            Certs = { ["SM2PLATFORM"] = Platform.Public },
            ApiV3Key = apiV3Key,
            Clock = () => Now,
        });
        Assert.That((string?)verifier.Verify(headers, body).DecryptResource()["out_trade_no"], Is.EqualTo("T1"));
        headers["Wechatpay-Signature"] = Sm2.Sign($"{ts}\nabc\n{body}\n", Merchant.Private);
        Assert.Throws<NotificationVerificationException>(() => verifier.Verify(headers, body));
    }

    [Test]
    public void SigningScheme_SignAndVerify_DispatchOnTheKeyType()
    {
        byte[] head = Encoding.UTF8.GetBytes("mess"), body = Encoding.UTF8.GetBytes("ag"), tail = Encoding.UTF8.GetBytes("e");
        Assert.That(SigningScheme.Verify(Platform.Public, head, body, tail, SigningScheme.Sign(Platform.Private, head, body, tail)), Is.True);
        using var rsa = Rsa.From(TestKeys.Pkcs8PrivateKey);
        Assert.That(SigningScheme.Verify(Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic), head, body, tail, SigningScheme.Sign(rsa, head, body, tail)), Is.True);
        Assert.That(SigningScheme.Verify(Platform.Public, head, body, tail, SigningScheme.Sign(Merchant.Private, head, body, tail)), Is.False);
        Assert.That(IndependentVerify(Platform.Public, Encoding.UTF8.GetBytes("message"), SigningScheme.Sign(Platform.Private, head, body, tail)), Is.True, "the parts are signed as one message");
    }
}
