namespace ChainPay.Tests.Docs;

/// <summary>The expectation comments of docs blocks: found, matched, and failing a block that prints something else.</summary>
[NonParallelizable] // DocsTests.RunAsync swaps Console.Out and the working directory
[CancelAfter(60_000)]
public class DocExpectationsTests
{
    [TestCase("True", "True")]
    [TestCase("True: 32 bytes", "True")]
    [TestCase("200; the request carried …", "200")]
    [TestCase("SUCCESS FAIL 订单不存在", "SUCCESS FAIL 订单不存在")]
    [TestCase("Cannot found the serial(`…`)'s configuration, … your's .: no key at all yet", "Cannot found the serial(`ABC`)'s configuration, which's from the response(header:Wechatpay-Serial), your's .")]
    [TestCase("multipart/form-data; boundary=… (40 hex)", "multipart/form-data; boundary=841b7b6f8a9af5f7542479ce8ff07479853da10c")]
    [TestCase("{\"a\":…}", "{\"a\":1,\n\"b\":2}")]
    [TestCase("…", "anything")]
    public void Matches_WhatTheLinePrints(string comment, string printed)
    {
        Assert.That(DocExpectations.Matches(comment, printed + "\n"), Is.True);
    }

    [TestCase("True", "False")]
    [TestCase("200", "401")]
    [TestCase("True: 32 bytes", "Tr")]
    [TestCase("200 200 200", "200")]
    [TestCase("200,200", "200")]
    [TestCase("… (Parameter 'Serial')", "The `PrivateKey` is required. (Parameter 'PrivateKey')")]
    public void DoesNotMatch_SomethingElse(string comment, string printed)
    {
        Assert.That(DocExpectations.Matches(comment, printed + "\n"), Is.False);
    }

    [Test]
    public async Task ABlockPrintingSomethingElse_Fails_NamingTheLine()
    {
        var failures = await DocsTests.RunAsync("docs/synthetic.md", 10, "var ok = 1 + 1 == 3;\nConsole.WriteLine(ok); // True: one and one make three\n");
        Assert.That(failures, Is.EqualTo(new[] { "docs/synthetic.md:12: printed `False`, but its comment says `True: one and one make three`" }));
    }

    [Test]
    public async Task ABlockPrintingWhatItSays_Passes_IncludingAnAwaitedCallAndALoop()
    {
        var code = """
            var res = await instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new { out_trade_no = "1217752501201407033233368018", json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" } });
            Console.WriteLine(res.StatusCode); // 200: verified
            foreach (var n in new[] { 1, 2 }) Console.WriteLine(n * 10); // 10 / 20
            Console.WriteLine("a\nb"); // a…b
            Console.WriteLine("no expectation here");
            """;
        Assert.That(await DocsTests.RunAsync("docs/synthetic.md", 1, code), Is.Empty);
    }

    [Test]
    public async Task ALoopOrALineThatNeverRuns_IsCheckedToo()
    {
        var code = "foreach (var n in new[] { 1, 2 }) Console.WriteLine(n); // 1\nif (false) { Console.WriteLine(\"x\"); // x\n}\n";
        Assert.That(await DocsTests.RunAsync("docs/synthetic.md", 1, code), Is.EqualTo(new[]
        {
            "docs/synthetic.md:2: printed `2`, but its comment says `1`",
            "docs/synthetic.md:3: never ran, but its comment says it prints `x`",
        }));
    }

    [Test]
    public async Task CommentLinesUnderALine_AreTheLinesItPrints()
    {
        const string Loop = "foreach (var n in new[] { 1, 2 }) Console.WriteLine(n);\n";
        Assert.That(await DocsTests.RunAsync("docs/synthetic.md", 1, Loop + "// 1\n// 2\n\n// prose, not output\n"), Is.Empty);
        Assert.That(await DocsTests.RunAsync("docs/synthetic.md", 1, Loop + "// 1\n// 3\n"), Is.EqualTo(new[]
        {
            "docs/synthetic.md:2: printed `1 ⏎ 2`, but the comment lines under it say `1 ⏎ 3`",
        }));
    }

    [Test]
    public void TheDocs_CarryTheirExpectations()
    {
        var found = DocBlock.All().Sum(b => DocExpectations.Instrument(b.Code).Expectations.Count);
        Assert.That(found, Is.GreaterThanOrEqualTo(200), "the trailing comments of Console.WriteLine lines across docs/*.md");
    }
}
