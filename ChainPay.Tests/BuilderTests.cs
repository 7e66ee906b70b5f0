using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests;

public partial class BuilderTests
{
    private static BuilderOptions Valid() => new()
    {
        Mchid = FakeWeChatPay.Mchid,
        Serial = TestKeys.MerchantSerial,
        PrivateKey = TestKeys.Pkcs8PrivateKey,
        Certs = { [TestKeys.PublicKeyId] = TestKeys.SpkiPublicKey },
    };

    // Spec §1.3, in PHP's order, verbatim.
    [Test]
    public void Factory_MissingMchid()
    {
        var o = Valid();
        o.Mchid = null;
        AssertRefused(o, "Mchid", "The merchant' ID aka `mchid` is required, usually numerical.");
    }

    [Test]
    public void Factory_MissingSerial()
    {
        var o = Valid();
        o.Serial = string.Empty;
        AssertRefused(o, "Serial", "The serial number of the merchant's certificate aka `serial` is required, usually hexadecial.");
    }

    [Test]
    public void Factory_MissingPrivateKey()
    {
        var o = Valid();
        o.PrivateKey = null;
        AssertRefused(o, "PrivateKey", "The merchant's private key aka `privateKey` is required, usual as pem format.");
    }

    [Test]
    public void Factory_NoCerts()
    {
        var o = Valid();
        o.Certs.Clear();
        AssertRefused(o, "Certs", "The platform certificate(s) aka `certs` is required, paired as of `[$serial => $certificate]`.");
    }

    [Test]
    public void Factory_CertsHoldingTheMerchantSerial()
    {
        var o = Valid();
        o.Serial = "s";
        o.Certs = new Dictionary<string, object?> { ["s"] = TestKeys.SpkiPublicKey, ["t"] = TestKeys.SpkiPublicKey };
        AssertRefused(o, "Certs", "The `certs(s,t)` contains the merchant's certificate serial number(s) which is not allowed here.");
    }

    [Test]
    public void Factory_ChecksInPhpOrder()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(new BuilderOptions()));
        Assert.That(e!.ParamName, Is.EqualTo("Mchid"));
    }

    [TestCase("1900009191\n")]
    [TestCase("19000 09191")]
    [TestCase("1900\"09191")]
    public void Factory_SerialThatCannotGoIntoAHeader_IsRefusedUpFront(string serial)
    {
        var o = Valid();
        o.Serial = serial;
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(o));
        Assert.That(e!.ParamName, Is.EqualTo("Serial"));
    }

    [Test]
    public void Factory_UnloadablePrivateKey_NamesTheOption_WithoutEchoingIt()
    {
        var o = Valid();
        o.PrivateKey = "-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n-----END PRIVATE KEY-----";
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(o));
        Assert.That(e!.ParamName, Is.EqualTo("PrivateKey"));
        Assert.That(e.ToString(), Does.Not.Contain("TOPSECRETMATERIAL"));
    }

    [Test]
    public void Factory_UnloadableCert_NamesItsSerial()
    {
        var o = Valid();
        o.Certs["BROKEN"] = "not a key";
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(o));
        Assert.That(e!.ParamName, Is.EqualTo("Certs[BROKEN]"));
    }

    [TestCase("ftp://api.mch.weixin.qq.com/")]
    [TestCase("api.mch.weixin.qq.com")]
    [TestCase("https://api.mch.weixin.qq.com/?x=1")]
    public void Factory_BadBaseUri(string baseUri)
    {
        var o = Valid();
        o.BaseUri = baseUri;
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(o));
        Assert.That(e!.ParamName, Is.EqualTo("BaseUri"));
    }

    [Test]
    public void Factory_NonPositiveTimeout()
    {
        var o = Valid();
        o.Timeout = TimeSpan.Zero;
        Assert.That(Assert.Throws<InvalidArgumentException>(() => Builder.Factory(o))!.ParamName, Is.EqualTo("Timeout"));
    }

    [Test]
    public void Factory_ParsesKeysOnce_NotPerRequest()
    {
        // The key file is gone after Factory: requests still sign, so nothing re-reads it per request.
        var path = Path.Combine(Path.GetTempPath(), "chainpay-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, TestKeys.Pkcs8PrivateKey);
        var fake = new FakeWeChatPay();
        var instance = fake.Create(o => o.PrivateKey = "file://" + path);
        File.Delete(path);
        instance.Chain("v3/certificates").Get();
        instance.Chain("v3/certificates").Get();
        Assert.That(fake.Sent.Select(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.EqualTo(new[] { true, true }));
    }

    [Test]
    public async Task Factory_PhpStyleDictionary_Works()
    {
        var fake = new FakeWeChatPay { ServerTime = DateTimeOffset.UtcNow };
        var instance = Builder.Factory(new Dictionary<string, object?>
        {
            ["mchid"] = FakeWeChatPay.Mchid,
            ["serial"] = TestKeys.MerchantSerial,
            ["privateKey"] = TestKeys.Pkcs8PrivateKey,
            ["certs"] = new Dictionary<string, object?> { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
            ["base_uri"] = "https://api2.mch.weixin.qq.com",
            ["headers"] = new Dictionary<string, object?> { ["X-Trace"] = "t1" },
            ["http_client"] = new HttpClient(fake.Handler),
        });
        await instance.Chain("v3/certificates").GetAsync();
        var sent = fake.Sent.Single();
        Assert.That(sent.Url, Is.EqualTo("https://api2.mch.weixin.qq.com/v3/certificates"));
        Assert.That(sent.Headers["X-Trace"], Is.EqualTo("t1"));
    }

    [Test]
    public void Factory_PhpStyleDictionary_UnknownKey_IsRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(new Dictionary<string, object?> { ["mchId"] = "1" }));
        Assert.That(e!.ParamName, Is.EqualTo("mchId"));
    }

    [Test]
    public async Task Factory_SendsDefaultHeaders()
    {
        var fake = new FakeWeChatPay();
        await fake.Create().Chain("v3/certificates").GetAsync();
        var sent = fake.Sent.Single();
        Assert.That(sent.Headers["Accept"], Is.EqualTo(Builder.DefaultAccept));
        Assert.That(sent.Headers["User-Agent"], Does.StartWith("ChainPay/0.1.0 Flurl.Http/4.0.2 ("));
    }

    [Test]
    public async Task Factory_AcceptsAnHttpClientThatHasAlreadySent_AndLeavesItAsItWas()
    {
        var fake = new FakeWeChatPay();
        var http = new HttpClient(fake.Handler) { Timeout = TimeSpan.FromSeconds(42) };
        http.DefaultRequestHeaders.Add("X-From-Factory", "yes");
        await http.GetAsync("https://api.mch.weixin.qq.com/warm-up");
        var instance = fake.Create(o => o.HttpClient = http);
        await instance.Chain("v3/certificates").GetAsync();
        Assert.That(http.Timeout, Is.EqualTo(TimeSpan.FromSeconds(42)));
        Assert.That(fake.Sent.Last().Headers["X-From-Factory"], Is.EqualTo("yes"));
        Assert.That(FakeWeChatPay.VerifyAuthorization(fake.Sent.Last(), out _), Is.True);
    }

    [Test]
    public void Cancellation_SurfacesAsOperationCanceled()
    {
        var fake = new FakeWeChatPay();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(() => fake.Create().Chain("v3/certificates").GetAsync(null, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(fake.Sent, Is.Empty);
    }

    [Test]
    public void Factory_KeyErrors_HaveOneParameterSuffix()
    {
        var o = Valid();
        o.PrivateKey = "junk";
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(o));
        Assert.That(e!.Message, Does.Not.Contain("(Parameter 'thing')"));
    }

    [Test]
    public void Factory_NeverDisposesAnInjectedHttpClient()
    {
        var fake = new FakeWeChatPay();
        var http = new HttpClient(fake.Handler);
        fake.Create(o => o.HttpClient = http).Chain("v3/certificates").Get();
        Assert.DoesNotThrowAsync(() => http.GetAsync("https://api.mch.weixin.qq.com/v3/x"));
    }

    [TestCase("X(Bad)")]
    [TestCase("X Bad")]
    [TestCase("Ä-Header")]
    [TestCase("X:y")]
    [TestCase("X@y")]
    [TestCase("")]
    public void Factory_AHeaderNameThatIsNotAToken_IsRefused_NamingIt(string name)
    {
        var o = Valid();
        o.Headers[name] = "v";
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(o));
        Assert.That(e!.ParamName, Is.EqualTo("Headers"));
        Assert.That(e.Message, Does.Contain($"`{name}`").And.Contain("RFC 9110 token"));
    }

    [TestCase("\u0000")]
    [TestCase("a\u0001b")]
    [TestCase("\u007F")]
    [TestCase("a\r\nX-Injected: 1")]
    [TestCase("深圳")]
    public void Factory_AHeaderValueWithAControlCharacterOrNonAscii_IsRefused(string value)
    {
        var o = Valid();
        o.Headers["X-Shop"] = System.Text.RegularExpressions.Regex.Unescape(value);
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(o));
        Assert.That(e!.ParamName, Is.EqualTo("Headers"));
        Assert.That(e.Message, Does.Contain("`X-Shop`"));
    }

    [Test]
    public async Task Factory_HeaderValuesWithTabsAndSpaces_AreSentOnEveryCall()
    {
        var fake = new FakeWeChatPay();
        var instance = fake.Create(o => o.Headers["X-Shop"] = "shenzhen\t01 a");
        await instance.Chain("v3/a").GetAsync();
        await instance.Chain("v3/b").GetAsync();
        Assert.That(fake.Sent.Select(s => s.Headers["X-Shop"]), Is.EqualTo(new[] { "shenzhen\t01 a", "shenzhen\t01 a" }));
    }

    [Test]
    public void Factory_PhpStyleHeaders_AreCheckedAsBuilderOptionsHeaders()
    {
        Dictionary<string, object?> Config(string name, object? value) => new()
        {
            ["mchid"] = FakeWeChatPay.Mchid,
            ["serial"] = TestKeys.MerchantSerial,
            ["privateKey"] = TestKeys.Pkcs8PrivateKey,
            ["certs"] = new Dictionary<string, object?> { [TestKeys.PublicKeyId] = TestKeys.SpkiPublicKey },
            ["headers"] = new Dictionary<string, object?> { [name] = value },
        };
        foreach (var (name, value) in new (string, object?)[]
        {
            ("X(Bad)", "v"),
            ("X-Shop", "a\u0000"),
            ("X-Shop", "深圳"),
            ("X-Shop", new Dictionary<string, object?> { ["a"] = 1 }),
            ("X-Shop", new { a = 1 }),
            ("X-Shop", new object[] { new Dictionary<string, object?> { ["a"] = 1 } }),
            ("X-Shop", new object[] { "a", new[] { "b" } }),
        })
        {
            var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(Config(name, value)), name);
            Assert.That(e!.ParamName, Is.EqualTo("Headers"));
            Assert.That(e.Message, Does.Contain($"`{name}`"));
        }
    }

    [Test]
    public async Task Factory_PhpStyleHeaders_AListOfScalarsIsJoined()
    {
        var fake = new FakeWeChatPay();
        var instance = Builder.Factory(new Dictionary<string, object?>
        {
            ["mchid"] = FakeWeChatPay.Mchid,
            ["serial"] = TestKeys.MerchantSerial,
            ["privateKey"] = TestKeys.Pkcs8PrivateKey,
            ["certs"] = new Dictionary<string, object?> { [TestKeys.PublicKeyId] = FakeWeChatPay.PlatformKey },
            ["headers"] = new Dictionary<string, object?> { ["X-List"] = new[] { "a", "b" }, ["X-Number"] = 12 },
            ["http_client"] = new HttpClient(fake.Handler),
        });
        Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync()); // the fake's clock is not now
        var sent = fake.Sent.Single();
        Assert.That(sent.Headers["X-List"], Is.EqualTo("a, b"));
        Assert.That(sent.Headers["X-Number"], Is.EqualTo("12"));
    }

    private static void AssertRefused(BuilderOptions options, string param, string message)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Builder.Factory(options));
        Assert.That(e!.ParamName, Is.EqualTo(param));
        Assert.That(e.Message, Does.StartWith(message));
    }
}
