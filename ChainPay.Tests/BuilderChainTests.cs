using System.Collections.Concurrent;
using ChainPay.Tests.Fixtures;
using Microsoft.CSharp.RuntimeBinder;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests;

public class BuilderChainTests
{
    private FakeWeChatPay fake = null!;
    private BuilderChain instance = null!;
    private dynamic wxpay = null!;

    [SetUp]
    public void SetUp()
    {
        fake = new FakeWeChatPay();
        instance = fake.Create();
        wxpay = instance;
    }

    // Spec §2.2 path vectors (member names normalised; Chain/indexer strings literal).
    [Test]
    public void Paths_OfTheSpec()
    {
        Assert.Multiple(() =>
        {
            Assert.That(wxpay.v3.pay.transactions.native.ToString(), Is.EqualTo("v3/pay/transactions/native"));
            Assert.That(instance.Chain("v3/pay/transactions/native").ToString(), Is.EqualTo("v3/pay/transactions/native"));
            Assert.That(instance["v3/pay/transactions/native"].ToString(), Is.EqualTo("v3/pay/transactions/native"));
            Assert.That(wxpay.v3.pay.transactions.id._transaction_id_.ToString(), Is.EqualTo("v3/pay/transactions/id/{transaction_id}"));
            Assert.That(wxpay.v3.pay.transactions.outTradeNo["{out_trade_no}"].close.ToString(), Is.EqualTo("v3/pay/transactions/out-trade-no/{out_trade_no}/close"));
            Assert.That(wxpay.v3.marketing.busifavor.users["{openid}/coupons/{coupon_code}"].appids["{appid}"].ToString(), Is.EqualTo("v3/marketing/busifavor/users/{openid}/coupons/{coupon_code}/appids/{appid}"));
            Assert.That(wxpay.v3.Chain("pay/transactions").Chain("native").ToString(), Is.EqualTo("v3/pay/transactions/native"));
            Assert.That(wxpay.v3["pay/transactions"].Chain("native").ToString(), Is.EqualTo("v3/pay/transactions/native"));
            Assert.That(wxpay.v2.pay.micropay.ToString(), Is.EqualTo("v2/pay/micropay"));
            Assert.That(wxpay.v3.applyment4sub.applyment._stub_.ToString(), Is.EqualTo("v3/applyment4sub/applyment/{stub}"));
            Assert.That(wxpay.v3.merchantService.ComplaintsV2.ToString(), Is.EqualTo("v3/merchant-service/complaints-v2"));
            Assert.That(wxpay.v3.combineTransactions["{combine_out_trade_no}"].ToString(), Is.EqualTo("v3/combine-transactions/{combine_out_trade_no}"));
            Assert.That(instance.ToString(), Is.EqualTo(string.Empty));
        });
    }

    [Test]
    public void ChainAndIndexer_TakeStringsLiterally()
    {
        Assert.That(instance.Chain("v3/marketing/favor/users/AbcdEF12345/coupons").ToString(), Is.EqualTo("v3/marketing/favor/users/AbcdEF12345/coupons"));
        Assert.That(instance["what_ever_endpoints/with-anyDepths_segments/{uri_template}/"].ToString(), Is.EqualTo("what_ever_endpoints/with-anyDepths_segments/{uri_template}/"));
        Assert.That(instance["_stub_"].ToString(), Is.EqualTo("_stub_"));
    }

    [Test]
    public void Nodes_AreCachedPerSegment_AcrossForms()
    {
        Assert.That(ReferenceEquals(wxpay.v3, instance["v3"]), Is.True);
        Assert.That(ReferenceEquals(instance.Chain("v3"), instance["v3"]), Is.True);
        Assert.That(ReferenceEquals(wxpay.V3, wxpay.v3), Is.True);
        Assert.That(ReferenceEquals(wxpay.v3.pay, wxpay.v3.pay), Is.True);
        Assert.That(ReferenceEquals(instance["V3"], instance["v3"]), Is.False);
    }

    [Test]
    public void MemberNodes_AreCachedByTheNameAsWritten_AndShareTheNormalisedNode()
    {
        var first = (BuilderChain)wxpay.v3.outTradeNo;
        Assert.That(ReferenceEquals(wxpay.v3.outTradeNo, first), Is.True);
        Assert.That(ReferenceEquals(wxpay.v3.OutTradeNo, first), Is.True); // another spelling, the same segment
        Assert.That(ReferenceEquals(instance["v3"]["out-trade-no"], first), Is.True);
        Assert.That(first.ToString(), Is.EqualTo("v3/out-trade-no"));
        Assert.That(((BuilderChain)wxpay.v3._out_trade_no_).ToString(), Is.EqualTo("v3/{out_trade_no}"));
    }

    [Test]
    public void NumericIndexes_AreSegments()
    {
        Assert.That(wxpay.v3[0].ToString(), Is.EqualTo("v3/0"));
        Assert.That(wxpay.v3[1].ToString(), Is.EqualTo("v3/1"));
    }

    [Test]
    public void VerbNamesWithoutACall_AreSegments()
    {
        Assert.That(wxpay.v3.get.ToString(), Is.EqualTo("v3/get"));
        Assert.That(wxpay.v3.Post.ToString(), Is.EqualTo("v3/post"));
    }

    private static IEnumerable<TestCaseData> Seeds()
    {
        yield return new TestCaseData(
            new Func<dynamic, dynamic>(w => w.v3.fundApp.mchTransfer.transferToQqWalletBills._out_bill_no_.cancel),
            "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}/cancel",
            new { out_bill_no = "plfk2020042013" },
            "/v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/plfk2020042013/cancel",
            string.Empty).SetName("Seed000_QqWalletTransferCancel");
        yield return new TestCaseData(
            new Func<dynamic, dynamic>(w => w.v3.fundApp.mchTransfer.partner.transferBills.outBillNo._out_bill_no_.cancel),
            "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel",
            new { out_bill_no = "plfk2020042013", json = new { sub_mchid = "1900001109" } },
            "/v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/plfk2020042013/cancel",
            "{\"sub_mchid\":\"1900001109\"}").SetName("Seed002_PartnerTransferBillCancel");
        yield return new TestCaseData(
            new Func<dynamic, dynamic>(w => w.v3.pay.partner.transactions.outTradeNo._out_trade_no_.reverse),
            "v3/pay/partner/transactions/out-trade-no/{out_trade_no}/reverse",
            new { out_trade_no = "1217752501201407033233368018", json = new { sp_appid = "wxd678efh567hg6787", sp_mchid = "1230000109", sub_appid = "wxd678efh567hg6787", sub_mchid = "1230000109" } },
            "/v3/pay/partner/transactions/out-trade-no/1217752501201407033233368018/reverse",
            "{\"sp_appid\":\"wxd678efh567hg6787\",\"sp_mchid\":\"1230000109\",\"sub_appid\":\"wxd678efh567hg6787\",\"sub_mchid\":\"1230000109\"}").SetName("Seed003_PartnerReverse");
        yield return new TestCaseData(
            new Func<dynamic, dynamic>(w => w.v3.pay.transactions.outTradeNo._out_trade_no_.reverse),
            "v3/pay/transactions/out-trade-no/{out_trade_no}/reverse",
            new { out_trade_no = "1217752501201407033233368018", json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" } },
            "/v3/pay/transactions/out-trade-no/1217752501201407033233368018/reverse",
            "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\"}").SetName("Seed004_Reverse");
    }

    [TestCaseSource(nameof(Seeds))]
    public async Task AllSixForms_SendTheSameRequest(Func<dynamic, dynamic> member, string template, object options, string target, string body)
    {
        var responses = new List<Flurl.Http.IFlurlResponse>
        {
            await member(wxpay).PostAsync(options),
            await instance.Chain(template).PostAsync(options),
            await instance[template].PostAsync(options),
            member(wxpay).Post(options),
            instance.Chain(template).Post(options),
            instance[template].Post(options),
        };

        var sent = fake.Sent.ToList();
        Assert.That(sent, Has.Count.EqualTo(6));
        Assert.Multiple(() =>
        {
            foreach (var s in sent)
            {
                Assert.That(s.Method, Is.EqualTo("POST"));
                Assert.That(s.Target, Is.EqualTo(target));
                Assert.That(s.BodyText, Is.EqualTo(body));
                Assert.That(FakeWeChatPay.VerifyAuthorization(s, out _), Is.True);
            }

            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(200));
        });
    }

    [Test]
    public async Task PhpSpellings_WorkThroughDynamic()
    {
        await wxpay.v3.certificates.getAsync();
        wxpay.v3.certificates.get();
        await wxpay.chain("v3/pay/transactions/native").postAsync(new { json = new { a = 1 } }, CancellationToken.None);
        wxpay.v3.x.delete();
        Assert.That(fake.Sent.Select(s => s.Method + " " + s.Target), Is.EqualTo(new[]
        {
            "GET /v3/certificates", "GET /v3/certificates", "POST /v3/pay/transactions/native", "DELETE /v3/x",
        }));
    }

    [Test]
    public void UnknownMethodCall_IsABinderError()
    {
        Assert.Throws<RuntimeBinderException>(() => wxpay.v3.frobnicate());
    }

    [Test]
    public async Task AllVerbs_SendTheirMethod()
    {
        var node = instance.Chain("v3/x");
        await node.GetAsync();
        await node.PutAsync(new { json = new { } });
        await node.PostAsync(new { json = new { } });
        await node.PatchAsync(new { json = new { } });
        await node.DeleteAsync();
        node.Get();
        node.Put();
        node.Post();
        node.Patch();
        node.Delete();
        Assert.That(fake.Sent.Select(s => s.Method), Is.EqualTo(new[] { "GET", "PUT", "POST", "PATCH", "DELETE", "GET", "PUT", "POST", "PATCH", "DELETE" }));
        Assert.That(fake.Sent.All(s => FakeWeChatPay.VerifyAuthorization(s, out _)), Is.True);
    }

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

    [Test]
    public async Task HundredsOfParallelCalls_HaveDistinctNonces()
    {
        var parallel = new FakeWeChatPay();
        var client = parallel.Create(o => o.Nonce = null);
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => client.Chain("v3/a/{i}").GetAsync(new { i })));
        var nonces = new ConcurrentBag<string>();
        foreach (var s in parallel.Sent)
        {
            Assert.That(FakeWeChatPay.VerifyAuthorization(s, out var fields), Is.True);
            Assert.That(fields["nonce_str"], Does.Match("^[0-9A-Za-z]{32}$"));
            nonces.Add(fields["nonce_str"]);
        }

        Assert.That(parallel.Sent, Has.Count.EqualTo(400));
        Assert.That(nonces.Distinct().Count(), Is.EqualTo(400));
    }

    [Test]
    public void SyncCalls_UnderANonPumpingSynchronizationContext_DoNotDeadlock()
    {
        var context = new NeverPumpingContext();
        SynchronizationContext? after = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                SynchronizationContext.SetSynchronizationContext(context);
                context.Result = instance.Chain("v3/certificates").Get().StatusCode;
                context.Result2 = wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse.Post(new { out_trade_no = "1", json = new { a = 1 } }).StatusCode;
                after = SynchronizationContext.Current;
            }
            catch (Exception e)
            {
                failure = e; // observed below: an exception on a raw thread would otherwise abort the test host
            }
        });
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromMinutes(1)), Is.True, "sync call deadlocked");
        Assert.That(failure, Is.Null);
        Assert.That(context.Result, Is.EqualTo(200));
        Assert.That(context.Result2, Is.EqualTo(200));
        Assert.That(context.Posted, Is.EqualTo(0), "no continuation was posted to the caller's context");
        Assert.That(after, Is.SameAs(context), "the caller's context is still in place after the sync calls");
    }

    [Test]
    public void NoSecret_AppearsInMessagesOrToString()
    {
        var options = new BuilderOptions { Mchid = "1", Serial = "S", PrivateKey = TestKeys.Pkcs8PrivateKey, Secret = "apiv2-secret-key-0123456789abcdef" };
        var body = TestKeys.Pkcs8PrivateKey.Split('\n')[2];
        var texts = new List<string> { options.ToString(), instance.ToString() };
        fake.Reply = _ => (System.Net.HttpStatusCode.BadRequest, "{\"code\":\"PARAM_ERROR\",\"message\":\"x\"}");
        texts.Add(Assert.ThrowsAsync<ApiException>(() => instance.Chain("v3/x").GetAsync())!.ToString());
        fake.Reply = _ => (System.Net.HttpStatusCode.OK, "{}");
        fake.Tamper = r => r.Content = new StringContent("tampered");
        texts.Add(Assert.ThrowsAsync<ResponseVerificationException>(() => instance.Chain("v3/x").GetAsync())!.ToString());
        texts.Add(Assert.Throws<InvalidArgumentException>(() => Builder.Factory(new BuilderOptions { Mchid = "1", Serial = "S", PrivateKey = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----", Certs = { ["P"] = TestKeys.SpkiPublicKey } }))!.ToString());
        var authorization = fake.Sent.First().Authorization!;
        var signature = authorization.Substring(authorization.IndexOf("signature=", StringComparison.Ordinal) + 11, 40);
        foreach (var text in texts)
        {
            Assert.That(text, Does.Not.Contain(body).And.Not.Contain("apiv2-secret-key").And.Not.Contain(signature).And.Not.Contain("WECHATPAY2-SHA256"));
        }
    }

    private sealed class NeverPumpingContext : SynchronizationContext
    {
        public int Posted;
        public int Result;
        public int Result2;

        public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref Posted);

        public override void Send(SendOrPostCallback d, object? state) => Interlocked.Increment(ref Posted);
    }
}
