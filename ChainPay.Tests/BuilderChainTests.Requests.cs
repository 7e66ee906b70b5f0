using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests;

// What a call sends (URLs, query, headers, body, the APIv2 route) and what is refused before anything is sent.
public partial class BuilderChainTests
{
    // Spec §11.2.
    [Test]
    public async Task Routing_OfTheSpec()
    {
        await wxpay.v3.pay.transactions.id._transaction_id_.GetAsync(new { query = new { mchid = "1230000109" }, transaction_id = "1217752501201407033233368018" });
        await instance.Chain("{+myurl}").GetAsync(new { myurl = "v3/marketing/favor/users/AbcdEF12345/coupons" });
        await wxpay.v3.pay.transactions.id._transaction_id_.GetAsync(new { transaction_id = "a b/c?d&e=f%2Fg中文" });
        await instance.Chain("/v3/abs").GetAsync();
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[]
        {
            "https://api.mch.weixin.qq.com/v3/pay/transactions/id/1217752501201407033233368018?mchid=1230000109",
            "https://api.mch.weixin.qq.com/v3/marketing/favor/users/AbcdEF12345/coupons",
            "https://api.mch.weixin.qq.com/v3/pay/transactions/id/a%20b%2Fc%3Fd%26e%3Df%252Fg%E4%B8%AD%E6%96%87",
            "https://api.mch.weixin.qq.com/v3/abs",
        }));
        Assert.That(fake.Sent.All(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.True);
    }

    [Test]
    public async Task BaseUriWithPath_ResolvesAsRfc3986()
    {
        var hk = fake.Create(o => o.BaseUri = "https://api.mch.weixin.qq.com/hk");
        await hk.Chain("v3/statements").GetAsync();
        await hk.Chain("/v3/statements").GetAsync();
        await instance.Chain("v3/x").GetAsync(new { base_uri = "https://api2.mch.weixin.qq.com/" });
        Assert.That(fake.Sent.Select(s => s.Url), Is.EqualTo(new[]
        {
            "https://api.mch.weixin.qq.com/hk/v3/statements",
            "https://api.mch.weixin.qq.com/v3/statements",
            "https://api2.mch.weixin.qq.com/v3/x",
        }));
    }

    [Test]
    public async Task Query_ReplacesTheTemplateQuery_AndIsSigned()
    {
        await instance.Chain("v3/bill/tradebill?bill_date=x").GetAsync(new { query = new { a = "1" } });
        await instance.Chain("v3/bill/tradebill").GetAsync(new
        {
            query = new Dictionary<string, object?> { ["bill_date"] = "2019-06-11", ["bill_type"] = "ALL", ["tar_type"] = null, ["x"] = true, ["y"] = false, ["z"] = "a b+c/中", ["arr"] = new[] { "a", "b" } },
        });
        Assert.That(fake.Sent.Select(s => s.Target), Is.EqualTo(new[]
        {
            "/v3/bill/tradebill?a=1",
            "/v3/bill/tradebill?bill_date=2019-06-11&bill_type=ALL&x=1&y=0&z=a%20b%2Bc%2F%E4%B8%AD&arr%5B0%5D=a&arr%5B1%5D=b",
        }));
        Assert.That(fake.Sent.All(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.True);
    }

    [Test]
    public async Task Headers_AndBody_AreSentAsGiven()
    {
        await instance.Chain("v3/x").PostAsync(new
        {
            body = "{\"raw\":\"中\"}",
            headers = new Dictionary<string, object?> { ["Wechatpay-Serial"] = TestKeys.PublicKeyId, ["Accept"] = "text/plain", ["Authorization"] = "forged" },
        });
        await instance.Chain("v3/y").PostAsync(new { body = new byte[] { 1, 2, 3 }, headers = new Dictionary<string, object?> { ["Content-Type"] = "application/octet-stream" } });
        var sent = fake.Sent.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sent[0].BodyText, Is.EqualTo("{\"raw\":\"中\"}"));
            Assert.That(sent[0].ContentType, Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(sent[0].Headers["Wechatpay-Serial"], Is.EqualTo(TestKeys.PublicKeyId));
            Assert.That(sent[0].Headers["Accept"], Is.EqualTo("text/plain"));
            Assert.That(FakeWeChatPay.VerifyAuthorization(sent[0], out _), Is.True, sent[0].Authorization);
            Assert.That(sent[1].Body, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(sent[1].ContentType, Is.EqualTo("application/octet-stream"));
        });
    }

    [Test]
    public async Task OptionsBag_MayBeADictionaryOrAJObject()
    {
        await instance.Chain("v3/a/{id}").PostAsync(new Dictionary<string, object?> { ["id"] = "1", ["json"] = new { x = 1 } });
        await instance.Chain("v3/a/{id}").PostAsync(JObject.Parse("{\"id\":\"2\",\"json\":{\"x\":2}}"));
        Assert.That(fake.Sent.Select(s => s.Target + " " + s.BodyText), Is.EqualTo(new[] { "/v3/a/1 {\"x\":1}", "/v3/a/2 {\"x\":2}" }));
    }

    [Test]
    public void MissingPlaceholder_IsRefusedBeforeSending()
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => wxpay.v3.pay.transactions.id._transaction_id_.GetAsync(new { query = new { mchid = "1" } }));
        Assert.That(e!.ParamName, Is.EqualTo("transaction_id"));
        Assert.That(fake.Sent, Is.Empty);
    }

    [Test]
    public void NullPlaceholder_IsRefusedBeforeSending_EvenSync()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => instance.Chain("v3/a/{id}").Get(new { id = (string?)null }));
        Assert.That(e!.ParamName, Is.EqualTo("id"));
        Assert.That(fake.Sent, Is.Empty);
    }

    [Test]
    public void UnknownKey_IsRefusedBeforeSending()
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v3/a/{id}").PostAsync(new { id = "1", josn = new { a = 1 } }));
        Assert.That(e!.ParamName, Is.EqualTo("josn"));
        Assert.That(e.Message, Does.Contain("`josn`").And.Contain("v3/a/{id}"));
        Assert.That(fake.Sent, Is.Empty);
    }

    [TestCase(".")]
    [TestCase("..")]
    public void DotSegmentValue_IsRefusedBeforeSending(string value)
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v3/a/{id}/b").GetAsync(new { id = value }));
        Assert.That(e!.ParamName, Is.EqualTo("id"));
        Assert.That(fake.Sent, Is.Empty);
    }

    [Test]
    public void AbsoluteUrl_IsRefused()
    {
        Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("{+url}").GetAsync(new { url = "https://evil.example/v3/x" }));
        Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("//evil.example/v3/x").GetAsync());
        Assert.That(fake.Sent, Is.Empty);
    }

    [Test]
    public void JsonAndBody_Together_AreRefused()
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v3/x").PostAsync(new { json = new { }, body = "{}" }));
        Assert.That(e!.ParamName, Is.EqualTo("body"));
    }

    [TestCase("xml")]
    [TestCase("security")]
    [TestCase("nonceless")]
    public void ApiV2Options_OnAnApiV3Call_AreRefused(string key)
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v3/x").PostAsync(new Dictionary<string, object?> { [key] = true }));
        Assert.That(e!.ParamName, Is.EqualTo(key));
    }

    [Test]
    public void HeaderWithLineBreak_IsRefused()
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v3/x").GetAsync(new { headers = new Dictionary<string, object?> { ["X-A"] = "a\r\nInjected: 1" } }));
        Assert.That(e!.ParamName, Is.EqualTo("X-A"));
    }

    [Test]
    public void BadOptionsBag_IsRefused()
    {
        Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v3/x").GetAsync("query=1"));
        Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v3/x").PostAsync(new { body = 12 }));
    }

    [TestCase("v2/pay/micropay")]
    [TestCase("V2/pay/unifiedorder")]
    public void ApiV2Route_WithoutTheApiV2Key_FailsClearly(string path)
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain(path).PostAsync());
        Assert.That(e!.ParamName, Is.EqualTo("Secret"));
        Assert.That(e.Message, Does.Contain("APIv2"));
        Assert.That(fake.Sent, Is.Empty);
    }

    [Test]
    public void ApiV2Route_IsDecidedAfterExpansion()
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("{+url}").GetAsync(new { url = "v2/pay/x" }));
        Assert.That(e!.ParamName, Is.EqualTo("Secret"));
    }

    [TestCase("v2")]
    [TestCase("/v2/pay/x")]
    [TestCase("hk/v2/pay/x")]
    public async Task OnlyALeadingV2Slash_RoutesToApiV2(string path)
    {
        await instance.Chain(path).GetAsync();
        Assert.That(fake.Sent.Single().Authorization, Does.StartWith("WECHATPAY2-SHA256-RSA2048 "));
    }
}
