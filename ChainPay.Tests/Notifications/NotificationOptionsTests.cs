using System.Text;
using ChainPay.Crypto;
using ChainPay.Notifications;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Notifications;

/// <summary>The options of a <see cref="NotificationVerifier"/> (docs/notifications.md, "NotificationOptions"; docs/errors.md): what is refused, with which message, and what <c>ToString()</c> shows.</summary>
public class NotificationOptionsTests
{
    [Test]
    public void ToString_ShowsTheSerialsAndWhetherAKeyIsSet_NeverTheKey()
    {
        var options = new NotificationOptions
        {
            Certs = { ["PUB_KEY_ID_1"] = FakeWeChatPay.PlatformKey, ["5157F09EFDC096DE15EBE81A47057A7232F1B8E1"] = FakeWeChatPay.PlatformKey },
            ApiV3Key = NotificationVerifierTests.ApiV3Key,
            ReplayProtection = true,
        };
        Assert.That(options.ToString(), Is.EqualTo("NotificationOptions { Certs = [PUB_KEY_ID_1,5157F09EFDC096DE15EBE81A47057A7232F1B8E1], ApiV3Key = (set), ReplayProtection = True, NonceStore = null }"));
        Assert.That(options.ToString(), Does.Not.Contain(NotificationVerifierTests.ApiV3Key));
    }

    [Test]
    public void ToString_WithoutAKey_SaysNull()
    {
        Assert.That(new NotificationOptions().ToString(), Is.EqualTo("NotificationOptions { Certs = [], ApiV3Key = null, ReplayProtection = False, NonceStore = null }"));
        Assert.That(new NotificationOptions { ApiV3Key = string.Empty }.ToString(), Does.Contain("ApiV3Key = null"));
    }

    [Test]
    public void NoCerts_IsRefused_WithTheDocumentedMessage()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(new NotificationOptions()));
        Assert.That(e!.ParamName, Is.EqualTo("Certs"));
        Assert.That(e.Message, Does.StartWith("The platform certificate(s) aka `certs` is required, paired as of `[$serial => $certificate]`."));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(null!))!.ParamName, Is.EqualTo("Certs"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(new NotificationOptions { Certs = null! }))!.ParamName, Is.EqualTo("Certs"));
    }

    [Test]
    public void AKeyThatDoesNotLoad_IsRefused_NamingItsEntry()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(new NotificationOptions { Certs = { ["PUB_KEY_ID_X"] = "junk" } }));
        Assert.That(e!.ParamName, Is.EqualTo("Certs[PUB_KEY_ID_X]"));
        Assert.That(e.Message, Does.StartWith("The `Certs[PUB_KEY_ID_X]` cannot be loaded as a public key"));
    }

    [TestCase("0123456789abcdef0123456789abcde")]
    [TestCase("0123456789abcdef0123456789abcdef0")]
    [TestCase("0123456789abcdef0123456789abcd密")] // 31 characters, 33 bytes
    public void AnApiV3KeyThatIsNot32Bytes_IsRefused(string key)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(new NotificationOptions { Certs = { ["x"] = FakeWeChatPay.PlatformKey }, ApiV3Key = key }));
        Assert.That(e!.ParamName, Is.EqualTo("ApiV3Key"));
        Assert.That(e.Message, Does.StartWith("The APIv3 key must be 32 bytes."));
    }

    [TestCase("")]
    [TestCase("HMAC-SHA256")]
    [TestCase("wechatpay2-sha256-rsa2048")]
    public void AnUnknownSigningScheme_IsRefused(string scheme)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new NotificationVerifier(new NotificationOptions { Certs = { ["x"] = FakeWeChatPay.PlatformKey }, SigningScheme = scheme }));
        Assert.That(e!.ParamName, Is.EqualTo("SigningScheme"));
        Assert.That(e.Message, Does.StartWith("The `SigningScheme` must be WECHATPAY2-SHA256-RSA2048 or WECHATPAY2-SM2-WITH-SM3."));
    }

    [Test]
    public void TheSm2Scheme_VerifiesANotificationSignedWithSm2()
    {
        var body = "{\"id\":\"EV-2018022511223320873\",\"event_type\":\"TRANSACTION.SUCCESS\"}";
        var ts = NotificationVerifierTests.Now.ToUnixTimeSeconds().ToString();
        var headers = new Dictionary<string, string>
        {
            ["Wechatpay-Timestamp"] = ts,
            ["Wechatpay-Nonce"] = "fdasflkja484w",
            ["Wechatpay-Serial"] = "PUB_KEY_ID_SM2",
            ["Wechatpay-Signature"] = Sm2.Sign($"{ts}\nfdasflkja484w\n{body}\n", Sm2TestKeys.Pkcs8PrivateKey),
        };
        var verifier = new NotificationVerifier(new NotificationOptions
        {
            Certs = { ["PUB_KEY_ID_SM2"] = Sm2TestKeys.SpkiPublicKey },
            SigningScheme = BuilderOptions.SchemeSm2,
            Clock = () => NotificationVerifierTests.Now,
        });
        Assert.That(verifier.Verify(headers, body).Id, Is.EqualTo("EV-2018022511223320873"));
        Assert.Throws<NotificationVerificationException>(() => verifier.Verify(headers, body.Replace("SUCCESS", "CLOSED")));
    }

    [Test]
    public void ACertsEntryWithANullValue_IsSkipped()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var verifier = new NotificationVerifier(new NotificationOptions
        {
            Certs = { ["PUB_KEY_ID_NONE"] = null, [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
            Clock = () => NotificationVerifierTests.Now,
        });
        Assert.That(verifier.Verify(headers, body).Id, Is.EqualTo("EV-2018022511223320873"));
        headers["Wechatpay-Serial"] = "PUB_KEY_ID_NONE";
        Assert.That(Assert.Throws<NotificationVerificationException>(() => verifier.Verify(headers, body))!.Message, Does.StartWith("Cannot found the serial(`PUB_KEY_ID_NONE`)"));
    }

    [Test]
    public void NullArguments_AreRefused_NamingThem()
    {
        var verifier = NotificationVerifierTests.Verifier();
        var (headers, body) = NotificationVerifierTests.Notice();
        var e = Assert.Throws<InvalidArgumentException>(() => verifier.Verify(headers, (string)null!));
        Assert.That(e!.ParamName, Is.EqualTo("body"));
        Assert.That(e.Message, Does.StartWith("The raw body is required."));
        e = Assert.Throws<InvalidArgumentException>(() => verifier.Verify(name => headers.GetValueOrDefault(name), (byte[])null!));
        Assert.That(e!.ParamName, Is.EqualTo("body"));
        Assert.That(e.Message, Does.StartWith("The headers and the raw body are required."));
        e = Assert.Throws<InvalidArgumentException>(() => verifier.Verify((Func<string, string?>)null!, Encoding.UTF8.GetBytes(body)));
        Assert.That(e!.ParamName, Is.EqualTo("header"));
        Assert.That(e.Message, Does.StartWith("The headers and the raw body are required."));
        e = Assert.Throws<InvalidArgumentException>(() => verifier.Verify((IEnumerable<KeyValuePair<string, string>>)null!, body));
        Assert.That(e!.ParamName, Is.EqualTo("headers"));
        Assert.That(e.Message, Does.StartWith("The headers are required."));
    }
}
