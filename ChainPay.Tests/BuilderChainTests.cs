using System.Collections.Concurrent;
using ChainPay.Tests.Fixtures;
using Microsoft.CSharp.RuntimeBinder;

namespace ChainPay.Tests;

public partial class BuilderChainTests
{
    // The parts: this file holds paths and node caching, the call forms and verbs, concurrency and secrets;
    // BuilderChainTests.Requests.cs holds what a call sends (URLs, query, headers, body) and what is refused before sending.

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
