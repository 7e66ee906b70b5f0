using System.Net;
using System.Text;
using ChainPay.Crypto;

namespace ChainPay.Tests.V2;

// How an APIv2 answer is judged (spec §6.2): by status first, then the exact unsigned paths, then return_code,
// result_code and sign; and the messages of the options refused before sending.
public partial class V2ClientTests
{
    // wechatpay-php.md §6.2's $noneSignatureRespond, literally: answers to these paths are returned as they are.
    [TestCase("/mchrisk/querymchrisk")]
    [TestCase("/mchrisk/setmchriskcallback")]
    [TestCase("/mchrisk/syncmchriskresult")]
    [TestCase("/mmpaymkttransfers/gethbinfo")]
    [TestCase("/mmpaymkttransfers/gettransferinfo")]
    [TestCase("/mmpaymkttransfers/pay_bank")]
    [TestCase("/mmpaymkttransfers/promotion/paywwsptrans2pocket")]
    [TestCase("/mmpaymkttransfers/promotion/querywwsptrans2pocket")]
    [TestCase("/mmpaymkttransfers/promotion/transfers")]
    [TestCase("/mmpaymkttransfers/query_bank")]
    [TestCase("/mmpaymkttransfers/sendgroupredpack")]
    [TestCase("/mmpaymkttransfers/sendminiprogramhb")]
    [TestCase("/mmpaymkttransfers/sendredpack")]
    [TestCase("/papay/entrustweb")]
    [TestCase("/papay/h5entrustweb")]
    [TestCase("/papay/partner/entrustweb")]
    [TestCase("/papay/partner/h5entrustweb")]
    [TestCase("/pay/downloadbill")]
    [TestCase("/pay/downloadfundflow")]
    [TestCase("/payitil/report")]
    [TestCase("/risk/getpublickey")]
    [TestCase("/risk/getviolation")]
    [TestCase("/secapi/mch/submchmanage")]
    [TestCase("/xdc/apiv2getsignkey/sign/getsignkey")]
    public async Task EachUnsignedPathOfTheSpec_IsReturnedAsItIs(string path)
    {
        answer = "<xml><return_code>FAIL</return_code></xml>"; // neither signed nor a success: refused on any other path
        var res = await Create().Chain("v2" + path).PostAsync(new { xml = new { mch_id = "10000100" } });
        Assert.That(await res.GetStringAsync(), Is.EqualTo(answer));
        Assert.That(sent.Single().Request.RequestUri!.AbsolutePath, Is.EqualTo(path));
    }

    [TestCase(HttpStatusCode.OK)]
    [TestCase(HttpStatusCode.Created)]
    [TestCase((HttpStatusCode)299)]
    public async Task AnySignedSuccess_WithA2xxStatus_IsAccepted(HttpStatusCode status)
    {
        mock.Fallback.Respond(_ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "text/xml") }));
        var res = await Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } });
        Assert.That(res.StatusCode, Is.EqualTo((int)status));
    }

    [TestCase((HttpStatusCode)199)]
    [TestCase((HttpStatusCode)300)]
    [TestCase(HttpStatusCode.BadRequest)]
    public void AStatusOutside2xx_IsAnUnverifiedApiException_EvenWithASignedBody(HttpStatusCode status)
    {
        mock.Fallback.Respond(_ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "text/xml") }));
        var e = Assert.ThrowsAsync<ApiException>(() => Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } }));
        Assert.That(e!.StatusCode, Is.EqualTo((int)status));
        Assert.That(e.Verified, Is.False, "an APIv2 answer has no WeChat Pay signature headers to verify");
        Assert.That(e.Body, Is.EqualTo(answer));
    }

    [Test]
    public void TheOptionsRefusedBeforeSending_SayWhatToDoInstead()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Refusal(new { json = new { } }), Does.StartWith("APIv2 calls take their data in `xml` (or `query` for GET), not `json`."));
            Assert.That(Refusal(new { xml = new { mch_id = "10000100" }, body = "x" }), Does.StartWith("Give `xml` (signed by ChainPay) or `body` (sent as it is"));
            Assert.That(Refusal(new { xml = new { mch_id = "10000100" }, security = "yes" }), Does.StartWith("The `security` option must be true or false."));
            Assert.That(Refusal(new { xml = new { mch_id = "10000100" }, security = true }), Does.StartWith("`security = true` sends the merchant API client certificate: set BuilderOptions.Merchant."));
            Assert.That(Refusal(new { body = 12 }), Does.StartWith("An APIv2 `body` must be an HttpContent (e.g. MultipartFormDataContent), a byte[] or a string, not Int32."));
            Assert.That(Refusal(new { xml = "<xml/>" }), Does.StartWith("The `xml` option must be a map of element names to values."));
            Assert.That(Refusal(new { xml = new { mch_id = "10000100", sign_type = "SHA1" } }), Does.StartWith("The `sign_type` must be `MD5` or `HMAC-SHA256`, not `SHA1`"));
        });
        Assert.That(sent, Is.Empty);
    }

    [Test]
    public async Task Headers_AreSentWithTheCall()
    {
        await Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" }, headers = new Dictionary<string, object?> { ["X-Trace"] = "t-1" } });
        Assert.That(sent.Single().Request.Headers.GetValues("X-Trace"), Is.EqualTo(new[] { "t-1" }));
    }

    [Test]
    public async Task TheSignedXml_IsSentAsTextXml_UnlessTheCallerSaysOtherwise()
    {
        await Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" } });
        await Create().Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = "10000100" }, headers = new Dictionary<string, object?> { ["Content-Type"] = "application/xml; charset=utf-8" } });
        Assert.That(sent.Select(s => s.Request.Content!.Headers.ContentType!.ToString()), Is.EqualTo(new[] { "text/xml; charset=utf-8", "application/xml; charset=utf-8" }));
        Assert.That(sent.Select(s => Transformer.ToArray(s.Body)["sign"]), Has.All.Matches<object?>(v => v is string { Length: 32 }));
    }

    private string Refusal(object options) =>
        Assert.ThrowsAsync<InvalidArgumentException>(() => Create().Chain("v2/pay/micropay").PostAsync(options))!.Message;
}
