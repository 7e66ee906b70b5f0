using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Http;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Http;

/// <summary>
/// The answers ResponseVerifier passes through unchecked (spec §5 step 1, docs/signing-and-verification.md
/// "Skipped answers") and the overseas statements rule ("Overseas statements: SHA-1 checked"), rule by rule.
/// </summary>
public class ResponseVerifierSkipRulesTests
{
    // As parsed by default and as WireTargetHandler pins a target (verbatim): PathOf is the AbsolutePath either way.
    [TestCase("https://api.mch.weixin.qq.com/v3/billdownload/file?token=x%41")]
    [TestCase("https://api.mch.weixin.qq.com/v3/a%41b/c")]
    [TestCase("https://api.mch.weixin.qq.com/v3/a?")]
    [TestCase("https://api.mch.weixin.qq.com/v3/a;b=c/d?x=[1]?y")]
    [TestCase("https://api.mch.weixin.qq.com")]
    public void PathOf_IsTheAbsolutePath(string url)
    {
        var parsed = new Uri(url);
        var verbatim = new Uri(url, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

        Assert.That(ResponseVerifier.PathOf(parsed), Is.EqualTo(parsed.AbsolutePath));
        Assert.That(ResponseVerifier.PathOf(verbatim), Is.EqualTo(verbatim.AbsolutePath));
    }

    // Spec §5: equals /v3/billdownload/file, or starts with /v3/merchant-service/images/ and is not …/upload; case-insensitive.
    [TestCase("/v3/billdownload/file", true)]
    [TestCase("/V3/BillDownload/FILE", true)]
    [TestCase("/v3/merchant-service/images/ChsyMDAy", true)]
    [TestCase("/V3/Merchant-Service/Images/x", true)]
    [TestCase("/v3/merchant-service/images/upload/x", true)]
    [TestCase("/v3/merchant-service/images/", true)]
    [TestCase("/v3/merchant-service/images/upload", false)]
    [TestCase("/V3/MERCHANT-SERVICE/IMAGES/UPLOAD", false)]
    [TestCase("/hk/v3/billdownload/file", false)]
    [TestCase("/x/v3/billdownload/file", false)]
    [TestCase("/v3/billdownload/file/", false)]
    [TestCase("/v3/billdownload/files", false)]
    [TestCase("/v3/billdownload", false)]
    [TestCase("/v3/billdownload/fil", false)]
    [TestCase("/hk/v3/merchant-service/images/x", false)]
    [TestCase("/v3/merchant-service/images", false)]
    [TestCase("/v3/merchant-service/imagesx", false)]
    [TestCase("/v3/certificates", false)]
    public void IsUnsigned_MatchesTheWholePath_CaseInsensitively(string path, bool unsigned)
    {
        Assert.That(ResponseVerifier.IsUnsigned(path), Is.EqualTo(unsigned));
    }

    [TestCase("v3/billdownload/file")]
    [TestCase("V3/BILLDOWNLOAD/FILE")]
    [TestCase("v3/merchant-service/images/ChsyMDAy")]
    public async Task AnUnsignedPath_IsPassedThrough_WithItsQuery(string path)
    {
        var fake = new FakeWeChatPay { Tamper = r => r.Headers.Remove("Wechatpay-Signature") };
        var res = await fake.Create().Chain(path).GetAsync(new { query = new { token = "t" } });
        Assert.That(await res.GetStringAsync(), Is.EqualTo("{\"ok\":true}"));
    }

    [TestCase("https://api.mch.weixin.qq.com/hk/", "v3/billdownload/file")]
    [TestCase("https://api.mch.weixin.qq.com/hk/", "v3/merchant-service/images/ChsyMDAy")]
    public void ABaseUriPathPrefix_TurnsTheSkipOff(string baseUri, string path)
    {
        var fake = new FakeWeChatPay { Tamper = r => r.Headers.Remove("Wechatpay-Signature") };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => fake.Create(o => o.BaseUri = baseUri).Chain(path).GetAsync());
        Assert.That(e!.Message, Does.StartWith("The response's Headers incomplete"));
        Assert.That(fake.Sent.Single().Target, Does.StartWith("/hk/v3/"));
    }

    [Test]
    public void AnErrorAnswerOnAnUnsignedPath_IsStillAnApiException()
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.NotFound, "{\"code\":\"NOT_FOUND\",\"message\":\"x\"}") };
        var e = Assert.ThrowsAsync<ApiException>(() => fake.Create().Chain("v3/billdownload/file").GetAsync());
        Assert.That(e!.Code, Is.EqualTo("NOT_FOUND"));
        Assert.That(e.Verified, Is.True, "checks 1 to 5 ran on it");
    }

    [TestCase("https://api.mch.weixin.qq.com/hk/", "v3/statements")]
    [TestCase("https://api.mch.weixin.qq.com/", "v3/global/statements")]
    [TestCase("https://api.mch.weixin.qq.com/", "V3/Global/Statements")]
    [TestCase("https://api.mch.weixin.qq.com/HK/", "v3/statements")]
    public async Task AStatement_IsVerifiedOverTheSha1Json_AndItsBodySha1IsChecked(string baseUri, string path)
    {
        const string csv = "trade_time,amount\n2024-01-01 10:00:00,100\n";
        var sha1 = Sha1(csv);
        var body = csv;
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.OK, body), Tamper = r => SignStatement(r, sha1) };
        var client = fake.Create(o => o.BaseUri = baseUri);
        var res = await client.Chain(path).GetAsync(new { query = new { date = "2024-01-01" } });
        Assert.That(await res.GetStringAsync(), Is.EqualTo(csv));

        body = csv + "tampered";
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => client.Chain(path).GetAsync(new { query = new { date = "2024-01-01" } }));
        Assert.That(e!.Message, Is.EqualTo($"The statement's body SHA-1 is {Sha1(body).ToUpperInvariant()}, but the response(header:Wechatpay-Statement-Sha1) says {sha1}."));
    }

    [Test]
    public void OnAnotherPath_WechatpayStatementSha1_IsIgnored_AndTheBodyIsWhatIsSigned()
    {
        const string csv = "a,b\n";
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.OK, csv), Tamper = r => SignStatement(r, Sha1(csv)) };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => fake.Create().Chain("v3/statements").GetAsync());
        Assert.That(e!.Message, Does.StartWith("Verify the response's data with"));
    }

    [Test]
    public async Task AStatementWithoutTheSha1Header_IsVerifiedOverItsBody()
    {
        var fake = new FakeWeChatPay { Reply = _ => (HttpStatusCode.OK, "{\"ok\":1}") };
        var res = await fake.Create().Chain("v3/global/statements").GetAsync();
        Assert.That(await res.GetStringAsync(), Is.EqualTo("{\"ok\":1}"));
    }

    [Test]
    public void ATwiceSentStatementSha1_IsRefused()
    {
        const string csv = "a,b\n";
        var fake = new FakeWeChatPay
        {
            Reply = _ => (HttpStatusCode.OK, csv),
            Tamper = r => { SignStatement(r, Sha1(csv)); r.Headers.TryAddWithoutValidation("Wechatpay-Statement-Sha1", Sha1("other")); },
        };
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => fake.Create().Chain("v3/global/statements").GetAsync());
        Assert.That(e!.Message, Is.EqualTo("The response's `Wechatpay-Statement-Sha1` header appears more than once; WeChat Pay sends each once."));
    }

    /// <summary>Re-signs the answer as WeChat Pay signs a statement: over <c>{"sha1":"…"}</c>, with the header.</summary>
    private static void SignStatement(HttpResponseMessage r, string sha1)
    {
        foreach (var h in new[] { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial", "Wechatpay-Signature", "Request-ID" })
        {
            r.Headers.Remove(h);
        }

        FakeWeChatPay.Sign(r, "{\"sha1\":\"" + sha1 + "\"}", FakeWeChatPay.Now);
        r.Headers.Add("Wechatpay-Statement-Sha1", sha1);
    }

    private static string Sha1(string text)
    {
        using var sha1 = SHA1.Create();
        return Convert.ToHexString(sha1.ComputeHash(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
