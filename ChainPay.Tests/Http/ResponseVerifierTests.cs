using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Http;

public class ResponseVerifierTests
{
    private FakeWeChatPay fake = null!;
    private BuilderChain instance = null!;

    [SetUp]
    public void SetUp()
    {
        fake = new FakeWeChatPay();
        instance = fake.Create();
    }

    [TestCase("Wechatpay-Nonce")]
    [TestCase("Wechatpay-Serial")]
    [TestCase("Wechatpay-Signature")]
    [TestCase("Wechatpay-Timestamp")]
    public void MissingHeader_IsRefused(string header)
    {
        fake.Tamper = r => r.Headers.Remove(header);
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.Message, Is.EqualTo("The response's Headers incomplete, must have(`Wechatpay-Nonce`, `Wechatpay-Serial`, `Wechatpay-Signature` and `Wechatpay-Timestamp`)."));
        Assert.That(e.StatusCode, Is.EqualTo(200));
    }

    [TestCase("Wechatpay-Nonce", "")]
    [TestCase("Wechatpay-Serial", "")]
    [TestCase("Wechatpay-Signature", "")]
    [TestCase("Wechatpay-Timestamp", "")]
    [TestCase("Wechatpay-Nonce", " \t ")]
    [TestCase("Wechatpay-Serial", " ")]
    [TestCase("Wechatpay-Signature", "\t")]
    [TestCase("Wechatpay-Timestamp", "  ")]
    public void EmptyOrBlankHeader_IsRefused_NamingIt(string header, string value)
    {
        fake.Tamper = r => { r.Headers.Remove(header); r.Headers.TryAddWithoutValidation(header, value); };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.Message, Is.EqualTo($"The response's `{header}` header is empty; WeChat Pay always fills it."));
    }

    [Test]
    public void EmptyNonce_IsRefused_EvenWhenTheSignatureCoversIt()
    {
        fake.Tamper = r =>
        {
            var ts = FakeWeChatPay.Now.ToUnixTimeSeconds().ToString();
            var signature = FakeWeChatPay.PlatformKey.SignData(Encoding.UTF8.GetBytes(ts + "\n\n{\"ok\":true}\n"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            r.Headers.Remove("Wechatpay-Nonce");
            r.Headers.TryAddWithoutValidation("Wechatpay-Nonce", string.Empty);
            r.Headers.Remove("Wechatpay-Signature");
            r.Headers.Add("Wechatpay-Signature", Convert.ToBase64String(signature));
        };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.Message, Does.Contain("`Wechatpay-Nonce` header is empty"));
    }

    [Test]
    public void ErrorAnswer_WithAnEmptyHeader_IsNotVerified()
    {
        fake.Reply = _ => (HttpStatusCode.BadRequest, "{\"code\":\"PARAM_ERROR\",\"message\":\"x\"}");
        fake.Tamper = r => { r.Headers.Remove("Wechatpay-Serial"); r.Headers.TryAddWithoutValidation("Wechatpay-Serial", string.Empty); };
        var client = fake.Create(o => o.Certs[string.Empty] = FakeWeChatPay.PlatformKey);
        var e = Assert.ThrowsAsync<ApiException>(() => client.Chain("v3/x").GetAsync());
        Assert.That(e!.Verified, Is.False);
    }

    [TestCase(300)]
    [TestCase(-300)]
    public async Task SkewOf300Seconds_Passes(int skew)
    {
        fake.ServerTime = FakeWeChatPay.Now.AddSeconds(skew);
        var res = await instance.Chain("v3/certificates").GetAsync();
        Assert.That(await res.GetStringAsync(), Is.EqualTo("{\"ok\":true}"));
    }

    [TestCase(301)]
    [TestCase(-301)]
    public void SkewOf301Seconds_IsRefused(int skew)
    {
        fake.ServerTime = FakeWeChatPay.Now.AddSeconds(skew);
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.Message, Is.EqualTo($"It's allowed time offset in ± 300 seconds, the response was on {1554208460 + skew}, your's localtime on 1554208460."));
    }

    [Test]
    public void NonNumericTimestamp_IsRefused()
    {
        fake.Tamper = r => { r.Headers.Remove("Wechatpay-Timestamp"); r.Headers.Add("Wechatpay-Timestamp", "soon"); };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.Message, Does.StartWith("It's allowed time offset in ± 300 seconds, the response was on soon"));
    }

    [Test]
    public void UnknownSerial_IsRefused_ListingTheConfiguredOnes()
    {
        fake.Tamper = r => { r.Headers.Remove("Wechatpay-Serial"); r.Headers.Add("Wechatpay-Serial", "NOPE"); };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.Message, Is.EqualTo($"Cannot found the serial(`NOPE`)'s configuration, which's from the response(header:Wechatpay-Serial), your's {TestKeys.PublicKeyId}."));
    }

    [Test]
    public void SerialLookup_IsCaseSensitive()
    {
        fake.Tamper = r => { r.Headers.Remove("Wechatpay-Serial"); r.Headers.Add("Wechatpay-Serial", TestKeys.PublicKeyId.ToLowerInvariant()); };
        Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
    }

    [Test]
    public void BadSignature_IsRefused_WithThePhpMessage()
    {
        fake.Tamper = r => { r.Headers.Remove("Wechatpay-Signature"); r.Headers.Add("Wechatpay-Signature", "AAAA"); };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.Message, Does.Match(@"^Verify the response's data with: timestamp=1554208460, nonce=\w{32}, signature=AAAA, cert=\[PUB_KEY_ID_0114232134912410000000000000 => \.\.\.\] failed\.$"));
    }

    [Test]
    public void NonBase64Signature_IsRefused_WithTheCause()
    {
        fake.Tamper = r => { r.Headers.Remove("Wechatpay-Signature"); r.Headers.Add("Wechatpay-Signature", "%%%"); };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
        Assert.That(e!.InnerException, Is.InstanceOf<FormatException>());
    }

    [Test]
    public void TamperedBody_IsRefused()
    {
        fake.Tamper = r => r.Content = new StringContent("{\"ok\":false}");
        Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
    }

    [Test]
    public void SignatureByAnotherKey_IsRefused()
    {
        using var other = RSA.Create(2048);
        fake.Tamper = r =>
        {
            foreach (var h in new[] { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial", "Wechatpay-Signature", "Request-ID" })
            {
                r.Headers.Remove(h);
            }

            FakeWeChatPay.Sign(r, "{\"ok\":true}", FakeWeChatPay.Now, key: other);
        };
        Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/certificates").GetAsync());
    }

    [Test]
    public async Task NoContent_VerifiesOverAnEmptyBody()
    {
        fake.Reply = _ => (HttpStatusCode.NoContent, string.Empty);
        var res = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new { out_trade_no = "1", json = new { mchid = "1" } });
        Assert.That(res.StatusCode, Is.EqualTo(204));
    }

    [TestCase("v3/billdownload/file")]
    [TestCase("v3/merchant-service/images/ChsyMDAy")]
    public async Task UnsignedPaths_AreNotVerified(string path)
    {
        fake.Tamper = r => r.Headers.Remove("Wechatpay-Signature");
        var res = await instance.Chain(path).GetAsync();
        Assert.That(res.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void ImageUpload_IsStillVerified()
    {
        fake.Tamper = r => r.Headers.Remove("Wechatpay-Signature");
        Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/merchant-service/images/upload").PostAsync(new { body = "x" }));
    }

    [Test]
    public async Task OverseasStatement_IsVerifiedOverTheSha1Json_AndTheSha1IsChecked()
    {
        const string csv = "a,b\n1,2\n";
        var sha1 = Sha1(csv);
        var hk = new FakeWeChatPay { Reply = _ => (HttpStatusCode.OK, csv) };
        hk.Tamper = r =>
        {
            foreach (var h in new[] { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial", "Wechatpay-Signature", "Request-ID" })
            {
                r.Headers.Remove(h);
            }

            FakeWeChatPay.Sign(r, "{\"sha1\":\"" + sha1 + "\"}", FakeWeChatPay.Now);
            r.Headers.Add("Wechatpay-Statement-Sha1", sha1);
        };
        var client = hk.Create(o => o.BaseUri = "https://api.mch.weixin.qq.com/hk/");
        var res = await client.Chain("v3/statements").GetAsync(new { query = new { date = "2024-01-01" } });
        Assert.That(await res.GetStringAsync(), Is.EqualTo(csv));

        hk.Reply = _ => (HttpStatusCode.OK, csv + "tampered");
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => client.Chain("v3/statements").GetAsync());
        Assert.That(e!.Message, Does.Contain("SHA-1"));
    }

    [TestCase(HttpStatusCode.BadRequest, "PARAM_ERROR")]
    [TestCase(HttpStatusCode.Unauthorized, "SIGN_ERROR")]
    [TestCase(HttpStatusCode.NotFound, "NOT_FOUND")]
    [TestCase((HttpStatusCode)429, "FREQUENCY_LIMITED")]
    [TestCase(HttpStatusCode.InternalServerError, "SYSTEM_ERROR")]
    [TestCase(HttpStatusCode.BadGateway, "SYSTEM_ERROR")]
    public void ErrorStatus_RaisesApiException_WithWeChatsFields(HttpStatusCode status, string code)
    {
        fake.Reply = _ => (status, "{\"code\":\"" + code + "\",\"message\":\"参数错误\",\"detail\":{\"field\":\"out_bill_no\"}}");
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/x").GetAsync());
        Assert.Multiple(() =>
        {
            Assert.That(e!.StatusCode, Is.EqualTo((int)status));
            Assert.That(e.Code, Is.EqualTo(code));
            Assert.That(e.ErrorMessage, Is.EqualTo("参数错误"));
            Assert.That((string?)e.Detail!["field"], Is.EqualTo("out_bill_no"));
            Assert.That(e.RequestId, Is.EqualTo("08F0E5A5C60610A2041818A7AB2620A4B2D401-0"));
            Assert.That(e.Body, Does.Contain(code));
            Assert.That(e.Verified, Is.True);
            Assert.That(e.Message, Does.Contain(((int)status).ToString()).And.Contain(code));
        });
    }

    [Test]
    public void ErrorStatus_WithHtmlBody_KeepsTheRawBody_AndIsNotVerified()
    {
        fake.Reply = _ => (HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>");
        fake.Tamper = r => r.Headers.Remove("Wechatpay-Signature");
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/x").GetAsync());
        Assert.That(e!.Code, Is.Null);
        Assert.That(e.Body, Does.Contain("502 Bad Gateway"));
        Assert.That(e.Verified, Is.False);
    }

    [Test]
    public void Redirect_IsNotFollowed_AndIsAnError()
    {
        fake.Reply = _ => (HttpStatusCode.Found, string.Empty);
        fake.Tamper = r => r.Headers.Location = new Uri("https://evil.example/");
        Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/x").GetAsync());
        Assert.That(fake.Sent.Count, Is.EqualTo(1));
    }

    private static string Sha1(string text)
    {
        using var sha1 = SHA1.Create();
        return Convert.ToHexString(sha1.ComputeHash(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
