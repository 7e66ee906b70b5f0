using System.Security.Cryptography;
using System.Text;
using ChainPay.Notifications;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Tests.Notifications;

public class NotificationVerifierTests
{
    internal const string ApiV3Key = "0123456789abcdef0123456789abcdef";
    internal static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795455453);
    internal const string Transaction = "{\"mchid\":\"1230000109\",\"out_trade_no\":\"1217752501201407033233368018\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100}}";

    /// <summary>A notification as WeChat Pay sends it: body and the four signed headers.</summary>
    internal static (Dictionary<string, string> Headers, string Body) Notice(string plaintext = Transaction, DateTimeOffset? at = null, string nonce = "fdasflkja484w", RSA? key = null)
    {
        var body = new JObject
        {
            ["id"] = "EV-2018022511223320873",
            ["create_time"] = "2015-05-20T13:29:35+08:00",
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = "TRANSACTION.SUCCESS",
            ["summary"] = "支付成功",
            ["resource"] = new JObject
            {
                ["original_type"] = "transaction",
                ["algorithm"] = "AEAD_AES_256_GCM",
                ["ciphertext"] = AesGcm.Encrypt(plaintext, ApiV3Key, "fdasflkja484", "transaction"),
                ["associated_data"] = "transaction",
                ["nonce"] = "fdasflkja484",
            },
        }.ToString(Newtonsoft.Json.Formatting.None);
        return (SignedHeaders(Encoding.UTF8.GetBytes(body), at, nonce, key), body);
    }

    /// <summary>The four headers WeChat Pay would send with <paramref name="body"/>, whatever its bytes.</summary>
    internal static Dictionary<string, string> SignedHeaders(byte[] body, DateTimeOffset? at = null, string nonce = "fdasflkja484w", RSA? key = null)
    {
        var ts = (at ?? Now).ToUnixTimeSeconds().ToString();
        var signed = Encoding.UTF8.GetBytes($"{ts}\n{nonce}\n").Concat(body).Append((byte)'\n').ToArray();
        return new Dictionary<string, string>
        {
            ["Wechatpay-Timestamp"] = ts,
            ["Wechatpay-Nonce"] = nonce,
            ["Wechatpay-Serial"] = TestKeys.PublicKeyId,
            ["Wechatpay-Signature"] = Convert.ToBase64String((key ?? FakeWeChatPay.PlatformKey).SignData(signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
        };
    }

    /// <summary>Verifies <paramref name="body"/> signed as WeChat Pay would sign it.</summary>
    internal static Notification VerifySigned(string body) => Verifier().Verify(SignedHeaders(Encoding.UTF8.GetBytes(body)), body);

    [Test]
    public void TheSpecsSignedAnswer_Verifies_AndTamperingItDoesNot()
    {
        // §11.4 literally: timestamp, nonce, body and signature as the spec gives them, the certificate by its serial.
        var verifier = new NotificationVerifier(new NotificationOptions
        {
            Certs = { [TestKeys.CertificateSerial] = TestKeys.Certificate },
            ApiV3Key = ApiV3Key,
            Clock = () => DateTimeOffset.FromUnixTimeSeconds(1554209980),
        });
        Dictionary<string, string> Headers(string nonce) => new()
        {
            ["Wechatpay-Timestamp"] = "1554209980",
            ["Wechatpay-Nonce"] = nonce,
            ["Wechatpay-Serial"] = TestKeys.CertificateSerial,
            ["Wechatpay-Signature"] = TestKeys.SpecAnswerSignature,
        };
        Assert.DoesNotThrow(() => verifier.Verify(Headers("c5ac7061fccab6bf3e254dcf98995b8c"), "{\"data\":[]}"));
        Assert.Throws<NotificationVerificationException>(() => verifier.Verify(Headers("c5ac7061fccab6bf3e254dcf98995b8d"), "{\"data\":[]}"));
        Assert.Throws<NotificationVerificationException>(() => verifier.Verify(Headers("c5ac7061fccab6bf3e254dcf98995b8c"), "{\"data\":[ ]}"));
    }

    internal static NotificationVerifier Verifier(bool replay = false) => new(new NotificationOptions
    {
        Certs = { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
        ApiV3Key = ApiV3Key,
        Clock = () => Now,
        ReplayProtection = replay,
    });

    [Test]
    public void Verify_AcceptsAGenuineNotification()
    {
        var (headers, body) = Notice();
        var notification = Verifier().Verify(headers, body);
        Assert.That(notification.EventType, Is.EqualTo("TRANSACTION.SUCCESS"));
        Assert.That(notification.Id, Is.EqualTo("EV-2018022511223320873"));
        Assert.That((string?)notification.DecryptResource()["trade_state"], Is.EqualTo("SUCCESS"));
    }

    [Test]
    public void Verify_TakesAHeaderLookup_AndBytes()
    {
        var (headers, body) = Notice();
        var lower = headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
        var notification = Verifier().Verify(name => lower.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null, Encoding.UTF8.GetBytes(body));
        Assert.That(notification.Summary, Is.EqualTo("支付成功"));
    }

    [Test]
    public void Verify_RefusesAReserialisedBody()
    {
        var (headers, body) = Notice();
        var reserialised = JObject.Parse(body).ToString(); // indented: what model binding + re-serialisation produces
        Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, reserialised));
    }

    [Test]
    public void Verify_RefusesATamperedBody()
    {
        var (headers, body) = Notice();
        Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, body.Replace("支付成功", "支付失败")));
    }

    [Test]
    public void Verify_SignTestProbe_IsAPlainVerificationFailure()
    {
        var (headers, body) = Notice();
        headers["Wechatpay-Signature"] = "WECHATPAY/SIGNTEST/" + headers["Wechatpay-Signature"];
        var e = Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, body));
        Assert.That(e!.Message, Does.Contain("SIGNTEST"));
    }

    [TestCase(300, false)]
    [TestCase(-300, false)]
    [TestCase(301, true)]
    [TestCase(-301, true)]
    public void Verify_ClockWindow(int skew, bool refused)
    {
        var (headers, body) = Notice(at: Now.AddSeconds(skew));
        if (refused)
        {
            Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, body));
        }
        else
        {
            Assert.DoesNotThrow(() => Verifier().Verify(headers, body));
        }
    }

    [TestCase("Wechatpay-Nonce")]
    [TestCase("Wechatpay-Serial")]
    [TestCase("Wechatpay-Signature")]
    [TestCase("Wechatpay-Timestamp")]
    public void Verify_MissingHeader(string name)
    {
        var (headers, body) = Notice();
        headers.Remove(name);
        Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, body));
    }

    [TestCase("Wechatpay-Nonce", "")]
    [TestCase("Wechatpay-Serial", "")]
    [TestCase("Wechatpay-Signature", "")]
    [TestCase("Wechatpay-Timestamp", "")]
    [TestCase("Wechatpay-Nonce", " \t ")]
    [TestCase("Wechatpay-Serial", " ")]
    [TestCase("Wechatpay-Signature", "\t")]
    [TestCase("Wechatpay-Timestamp", "  ")]
    public void Verify_EmptyOrBlankHeader_IsRefused_NamingIt(string name, string value)
    {
        var (headers, body) = Notice();
        headers[name] = value;
        var e = Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, body));
        Assert.That(e!.Message, Is.EqualTo($"The notification's `{name}` header is empty; WeChat Pay always fills it."));
    }

    [TestCase("")]
    [TestCase(" ")]
    public void Verify_EmptyNonce_IsRefused_EvenWhenTheSignatureCoversIt(string nonce)
    {
        var (headers, body) = Notice(nonce: nonce);
        var e = Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, body));
        Assert.That(e!.Message, Does.Contain("`Wechatpay-Nonce` header is empty"));
    }

    [Test]
    public void Verify_EmptySerial_IsRefused_EvenWhenCertsHasAnEmptyKey()
    {
        var (headers, body) = Notice();
        headers["Wechatpay-Serial"] = string.Empty;
        var verifier = new NotificationVerifier(new NotificationOptions { Certs = { [string.Empty] = FakeWeChatPay.PlatformKey }, Clock = () => Now });
        var e = Assert.Throws<NotificationVerificationException>(() => verifier.Verify(headers, body));
        Assert.That(e!.Message, Does.Contain("`Wechatpay-Serial` header is empty"));
    }

    [TestCase("[]")]
    [TestCase("[{\"id\":\"EV-1\"}]")]
    [TestCase("\"EV-1\"")]
    [TestCase("123")]
    [TestCase("1.5e3")]
    [TestCase("true")]
    [TestCase("null")]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{")]
    [TestCase("{\"id\":}")]
    [TestCase("{\"id\":\"EV-1\"} trailing")]
    [TestCase("{\"id\":\"EV-1\"}{}")]
    [TestCase("<xml><id>EV-1</id></xml>")]
    [TestCase("id=EV-1&event_type=TRANSACTION.SUCCESS")]
    public void Verify_SignedBodyThatIsNotOneJsonObject_IsRefused(string body)
    {
        var e = Assert.Throws<NotificationVerificationException>(() => VerifySigned(body));
        Assert.That(e!.Message, Does.StartWith("The notification body is"));
    }

    [TestCase(new byte[] { 0xFF, 0xFE, 0xFD })]
    [TestCase(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A })]
    [TestCase(new byte[] { 0x00 })]
    public void Verify_SignedBodyOfInvalidUtf8_IsRefused(byte[] body)
    {
        var e = Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(name => SignedHeaders(body).GetValueOrDefault(name), body));
        Assert.That(e!.Message, Does.StartWith("The notification body is"));
    }

    [TestCase("[", "]")]
    [TestCase("{\"a\":", "}")]
    [TestCase("{\"resource\":[", "]}")]
    public void Verify_DeeplyNestedSignedBody_IsRefused_WithoutOverflowingTheStack(string open, string close)
    {
        var body = string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));
        var e = Assert.Throws<NotificationVerificationException>(() => VerifySigned(body));
        Assert.That(e!.Message, Does.StartWith("The notification body is"));
    }

    [Test]
    public void Verify_HeaderPairsWithANullName_AreIgnored()
    {
        var (headers, body) = Notice();
        var pairs = headers.Append(new KeyValuePair<string, string>(null!, "x"));
        Assert.That(Verifier().Verify(pairs, body).Id, Is.EqualTo("EV-2018022511223320873"));
    }

    [Test]
    public void Verify_UnknownSerial_AndAnotherKey()
    {
        var (headers, body) = Notice();
        headers["Wechatpay-Serial"] = "PUB_KEY_ID_OTHER";
        Assert.That(Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, body))!.Message, Does.StartWith("Cannot found the serial(`PUB_KEY_ID_OTHER`)"));
        using var other = RSA.Create(2048);
        var (h2, b2) = Notice(key: other);
        Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(h2, b2));
    }

    [Test]
    public void ReplayProtection_RefusesTheSameNonceTwice_WhenOn()
    {
        var (headers, body) = Notice();
        var guarded = Verifier(replay: true);
        guarded.Verify(headers, body);
        Assert.That(Assert.Throws<NotificationVerificationException>(() => guarded.Verify(headers, body))!.Message, Does.Contain("replay"));
        var open = Verifier();
        open.Verify(headers, body);
        Assert.DoesNotThrow(() => open.Verify(headers, body));
    }

    [Test]
    public void Options_AreValidated()
    {
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(new NotificationOptions()))!.ParamName, Is.EqualTo("Certs"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(new NotificationOptions { Certs = { ["x"] = "junk" } }))!.ParamName, Is.EqualTo("Certs[x]"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(new NotificationOptions { Certs = { ["x"] = FakeWeChatPay.PlatformKey }, ApiV3Key = "short" }))!.ParamName, Is.EqualTo("ApiV3Key"));
        Assert.That(new NotificationOptions { ApiV3Key = ApiV3Key }.ToString(), Does.Not.Contain(ApiV3Key));
    }

    [Test]
    public void ASignatureThatDoesNotVerify_IsNamed_WithoutQuotingTheSignature()
    {
        var (headers, body) = Notice();
        headers["Wechatpay-Signature"] = Convert.ToBase64String(new byte[256]);
        var e = Assert.Throws<NotificationVerificationException>(() => Verifier().Verify(headers, body));
        Assert.That(e!.Message, Is.EqualTo($"Verify the notification's data with: timestamp={Now.ToUnixTimeSeconds()}, nonce=fdasflkja484w, cert=[{TestKeys.PublicKeyId} => ...] failed."));
    }
}
