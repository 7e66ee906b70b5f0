using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using ChainPay.Tests.Xml;
using RichardSzalay.MockHttp;

namespace ChainPay.Tests.V2;

public partial class V2ClientTests
{
    private const string Secret = "192006250b4c09247ec02edce69f6a2d";
    private MockHttpMessageHandler mock = null!;
    private List<(HttpRequestMessage Request, string Body)> sent = null!;
    private string answer = null!;

    [SetUp]
    public void SetUp()
    {
        mock = new MockHttpMessageHandler();
        sent = new();
        answer = Xml(ResponseTransformerTests.Signed(Hash.AlgoMd5, ("return_code", "SUCCESS"), ("result_code", "SUCCESS"), ("openid", "o1")));
        mock.Fallback.Respond(async request =>
        {
            sent.Add((request, request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync()));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "text/xml") };
        });
    }

    private static string Xml(Dictionary<string, object?> fields) => Transformer.ToXml(fields);

    private BuilderChain Create(string? secret = Secret) => Builder.Factory(new BuilderOptions
    {
        Mchid = "10000100",
        Serial = TestKeys.MerchantSerial,
        PrivateKey = TestKeys.Pkcs8PrivateKey,
        Certs = { [TestKeys.PublicKeyId] = TestKeys.SpkiPublicKey },
        Secret = secret,
        HttpClient = new HttpClient(mock),
    });

    [Test]
    public async Task Post_SendsTheSignedXml_ToThePathWithoutV2()
    {
        dynamic wxpay = Create();
        var res = await wxpay.v2.pay.micropay.PostAsync(new
        {
            xml = new { appid = "wxd930ea5d5a258f4f", mch_id = "10000100", device_info = "1000", body = "test", nonce_str = "ibuaiVcKdpRxkhJA" },
        });
        var (request, body) = sent.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.RequestUri!.AbsoluteUri, Is.EqualTo("https://api.mch.weixin.qq.com/pay/micropay"));
            Assert.That(body, Is.EqualTo("<xml><appid>wxd930ea5d5a258f4f</appid><mch_id>10000100</mch_id><device_info>1000</device_info><body>test</body><nonce_str>ibuaiVcKdpRxkhJA</nonce_str><sign>9A0A8659F005D6984697E2CA0A9CF3B7</sign></xml>"));
            Assert.That(request.Content!.Headers.ContentType!.ToString(), Is.EqualTo("text/xml; charset=utf-8"));
            Assert.That(string.Join(",", request.Headers.NonValidated["Accept"]), Is.EqualTo("text/xml, text/plain, application/x-gzip"));
            Assert.That(request.Headers.Contains("Authorization"), Is.False);
            Assert.That((int)res.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task Get_SignsTheQuery()
    {
        var instance = Create();
        await instance.Chain("v2/papay/h5entrustweb").GetAsync(new { query = new Dictionary<string, object?> { ["mch_id"] = "10000100", ["b"] = "x y", ["a"] = 1 }, nonceless = true });
        Assert.That(sent.Single().Request.RequestUri!.AbsoluteUri, Is.EqualTo("https://api.mch.weixin.qq.com/papay/h5entrustweb?mch_id=10000100&b=x%20y&a=1&sign=0B2310BA5178A506759AB04E5652012B"));
    }

    [Test]
    public async Task Get_ABareQueryKey_StaysBare_AndIsNotSigned_AsPhpWritesIt()
    {
        var instance = Create();
        await instance.Chain("v2/papay/h5entrustweb").GetAsync(new { query = "mch_id=10000100&flag&b=&c=%20", nonceless = true });
        var sign = Hash.Sign(Hash.AlgoMd5, "c= &mch_id=10000100", Secret);
        Assert.That(sent[0].Request.RequestUri!.Query, Is.EqualTo($"?mch_id=10000100&flag&b=&c=%20&sign={sign}"));

        // A bare nonce_str is no nonce (PHP: isset() of null): one is generated in its place.
        await instance.Chain("v2/papay/h5entrustweb").GetAsync(new { query = "nonce_str&mch_id=10000100&flag" });
        var query = sent[1].Request.RequestUri!.Query;
        var match = Regex.Match(query, "^\\?nonce_str=([0-9A-Za-z]{32})&mch_id=10000100&flag&sign=([0-9A-F]{32})$");
        Assert.That(match.Success, Is.True, query);
        Assert.That(match.Groups[2].Value, Is.EqualTo(Hash.Sign(Hash.AlgoMd5, $"mch_id=10000100&nonce_str={match.Groups[1].Value}", Secret)));
    }

    [Test]
    public void ADeeplyNestedAnswer_IsAnApiV2Exception()
    {
        answer = XmlArrayReaderTests.Nested(140_000);
        var e = Assert.ThrowsAsync<ApiV2Exception>(() => Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } }));
        Assert.That(e!.Message, Does.Contain("256"));
        Assert.That(e.Fields, Is.Empty);
        Assert.That(e.Body, Is.EqualTo(answer));
    }

    [Test]
    public void FailedAnswer_RaisesApiV2Exception_WithTheFields()
    {
        answer = "<xml><return_code><![CDATA[SUCCESS]]></return_code><result_code>FAIL</result_code><err_code>AUTHCODEEXPIRE</err_code><err_code_des>二维码已过期</err_code_des></xml>";
        var e = Assert.ThrowsAsync<ApiV2Exception>(() => Create().Chain("v2/tools/authcodetoopenid").PostAsync(new { xml = new { mch_id = "10000100", auth_code = "1" } }));
        Assert.Multiple(() =>
        {
            Assert.That(e!.ReturnCode, Is.EqualTo("SUCCESS"));
            Assert.That(e.ResultCode, Is.EqualTo("FAIL"));
            Assert.That(e.ErrCode, Is.EqualTo("AUTHCODEEXPIRE"));
            Assert.That(e.ErrCodeDes, Is.EqualTo("二维码已过期"));
            Assert.That(e.Body, Is.EqualTo(answer));
            Assert.That(e.Message, Does.Contain("err_code=AUTHCODEEXPIRE"));
        });
    }

    [Test]
    public void NonXmlAnswer_IsRefused()
    {
        answer = "<html>502</html>";
        var e = Assert.ThrowsAsync<ApiV2Exception>(() => Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } }));
        Assert.That(e!.ReturnCode, Is.Null);
    }

    [Test]
    public async Task WhitelistedPath_IsReturnedUntouched()
    {
        answer = "交易时间,公众账号ID\n`2024-01-01,`wx\n";
        var res = await Create().Chain("v2/pay/downloadbill").PostAsync(new { xml = new { mch_id = "10000100", bill_date = "20240101" } });
        Assert.That(await res.GetStringAsync(), Is.EqualTo(answer));
    }

    [Test]
    public void ErrorStatus_IsAnApiException()
    {
        mock.Fallback.Respond(HttpStatusCode.BadGateway, "text/html", "<html>bad gateway</html>");
        var e = Assert.ThrowsAsync<ApiException>(() => Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } }));
        Assert.That(e!.StatusCode, Is.EqualTo(502));
        Assert.That(e.Body, Does.Contain("bad gateway"));
    }

    [Test]
    public void WithoutSecret_ApiV2IsRefusedBeforeSending()
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => Create(secret: null).Chain("v2/pay/micropay").PostAsync(new { xml = new { mch_id = "10000100" } }));
        Assert.That(e!.ParamName, Is.EqualTo("Secret"));
        Assert.That(sent, Is.Empty);
    }

    [Test]
    public void MchidMismatch_IsRefusedBeforeSending()
    {
        Assert.ThrowsAsync<InvalidArgumentException>(() => Create().Chain("v2/pay/micropay").PostAsync(new { xml = new { mch_id = "999" } }));
        Assert.That(sent, Is.Empty);
    }

    [Test]
    public void Json_OnApiV2_IsRefused_AndSoIsBodyWithXml()
    {
        Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => Create().Chain("v2/pay/micropay").PostAsync(new { json = new { } }))!.ParamName, Is.EqualTo("json"));
        Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => Create().Chain("v2/pay/micropay").PostAsync(new { xml = new { mch_id = "10000100" }, body = "x" }))!.ParamName, Is.EqualTo("body"));
        Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => Create().Chain("v2/pay/micropay").PostAsync(new { body = 12 }))!.ParamName, Is.EqualTo("body"));
        Assert.That(sent, Is.Empty);
    }

    [Test]
    public async Task UploadMedia_SendsTheCallersMultipartAsItIs_AndChecksTheAnswer()
    {
        // Spec §9 UploadmediaTest: multipart media + mch_id + media_hash + sign, signed by the caller.
        var image = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        var fields = new Dictionary<string, object?> { ["mch_id"] = "10000100", ["media_hash"] = Hash.Md5(Encoding.Latin1.GetString(image)) };
        fields["sign"] = Hash.Sign(Hash.AlgoMd5, Formatter.QueryStringLike(Formatter.Ksort(fields)), Secret);
        var multipart = new MultipartFormDataContent();
        foreach (var field in fields)
        {
            multipart.Add(new StringContent((string)field.Value!), field.Key);
        }

        multipart.Add(new ByteArrayContent(image), "media", "image.png");
        var res = await Create().Chain("v2/secapi/mch/uploadmedia").PostAsync(new { body = multipart });
        var (request, body) = sent.Single();
        Assert.That(request.Content!.Headers.ContentType!.MediaType, Is.EqualTo("multipart/form-data"));
        Assert.That(body, Does.Contain("name=media_hash").And.Contain((string)fields["sign"]!).And.Not.Contain("<xml>"));
        Assert.That(res.StatusCode, Is.EqualTo(200));

        answer = "<xml><return_code>FAIL</return_code><return_msg>签名错误</return_msg></xml>";
        Assert.ThrowsAsync<ApiV2Exception>(() => Create().Chain("v2/secapi/mch/uploadmedia").PostAsync(new { body = "raw" }));
    }

    [Test]
    public void Security_WithoutAMerchantCertificate_IsRefused()
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => Create().Chain("v2/secapi/pay/refund").PostAsync(new { xml = new { mch_id = "10000100" }, security = true }));
        Assert.That(e!.ParamName, Is.EqualTo("security"));
    }

    [Test]
    public async Task EachAttempt_GetsAFreshNonce()
    {
        var instance = Create();
        await instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } });
        await instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } });
        var nonces = sent.Select(s => Transformer.ToArray(s.Body)["nonce_str"]).ToList();
        Assert.That(nonces, Has.All.Matches<object?>(n => n is string { Length: 32 }));
        Assert.That(nonces.Distinct().Count(), Is.EqualTo(2));
    }

    // docs/apiv2.md: `nonceless = true` leaves nonce_str out; `nonceless = false` is the same as leaving it out.
    [Test]
    public async Task Nonceless_TrueLeavesTheNonceOut_FalseIsTheSameAsAbsent()
    {
        var instance = Create();
        foreach (var bag in new object[]
        {
            new { xml = new { mch_id = "10000100", out_trade_no = "1" }, nonceless = true },
            new { xml = new { mch_id = "10000100", out_trade_no = "1" }, nonceless = false },
            new { xml = new { mch_id = "10000100", out_trade_no = "1" } },
            new Dictionary<string, object?> { ["xml"] = new { mch_id = "10000100", out_trade_no = "1" }, ["nonceless"] = null },
        })
        {
            await instance.Chain("v2/pay/orderquery").PostAsync(bag);
        }

        var keys = sent.Select(s => string.Join(",", Transformer.ToArray(s.Body).Keys)).ToList();
        Assert.That(keys, Is.EqualTo(new[]
        {
            "mch_id,out_trade_no,sign",
            "mch_id,out_trade_no,nonce_str,sign",
            "mch_id,out_trade_no,nonce_str,sign",
            "mch_id,out_trade_no,nonce_str,sign",
        }));
    }

    [Test]
    public async Task Nonceless_False_OnAGet_StillSignsANonce()
    {
        await Create().Chain("v2/papay/h5entrustweb").GetAsync(new { query = new Dictionary<string, object?> { ["mch_id"] = "10000100" }, nonceless = false });
        Assert.That(sent.Single().Request.RequestUri!.Query, Does.Match("^\\?mch_id=10000100&nonce_str=[0-9A-Za-z]{32}&sign=[0-9A-F]{32}$"));
    }

    [TestCase("yes")]
    [TestCase(1)]
    public void Security_ThatIsNotABoolean_IsRefused_BeforeSending(object security)
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" }, security }));
        Assert.That(e!.ParamName, Is.EqualTo("security"));
        Assert.That(sent, Is.Empty);
    }

    [Test]
    public async Task Security_False_IsSentThroughTheOrdinaryClient()
    {
        var res = await Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" }, security = false });
        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(sent, Has.Count.EqualTo(1), "the test handler saw it: not the mutual-TLS client");
    }

    [Test]
    public async Task BaseUri_SendsTheCallToThatHost_WithoutTheV2Prefix()
    {
        await Create().Chain("v2/risk/getpublickey").PostAsync(new { xml = new { mch_id = "10000100" }, base_uri = "https://fraud.mch.weixin.qq.com/" });
        Assert.That(sent.Single().Request.RequestUri!.AbsoluteUri, Is.EqualTo("https://fraud.mch.weixin.qq.com/risk/getpublickey"));
    }

    [Test]
    public async Task ContentTypeHeader_ReplacesTextXml()
    {
        await Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" }, headers = new Dictionary<string, object?> { ["Content-Type"] = "application/xml" } });
        Assert.That(sent.Single().Request.Content!.Headers.ContentType!.ToString(), Is.EqualTo("application/xml"));
    }

    [TestCase("v2/pay/DOWNLOADBILL")]
    [TestCase("v2/pay/downloadbill/x")]
    public void TheUnsignedPaths_AreMatchedExactly(string path)
    {
        answer = "交易时间,公众账号ID\n";
        Assert.ThrowsAsync<ApiV2Exception>(() => Create().Chain(path).PostAsync(new { xml = new { mch_id = "10000100" } }));
    }
}
