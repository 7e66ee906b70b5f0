using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests;

/// <summary>How <see cref="BuilderChain"/> nodes are cached: bounded for literal strings, linear in chain length, allocation-free for members (issue 10, item 3).</summary>
[NonParallelizable] // measures the process's retained memory
public class BuilderChainCacheTests
{
    private BuilderChain instance = null!;
    private dynamic wxpay = null!;

    [SetUp]
    public void SetUp()
    {
        instance = new FakeWeChatPay().Create();
        wxpay = instance;
    }

    [Test]
    public void DistinctLiteralPaths_RetainBoundedMemory()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 100_000; i++)
        {
            _ = instance.Chain("v3/pay/transactions/out-trade-no/" + (1217752501201407033L + i) + "/reverse").ToString();
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(instance);
        TestContext.Out.WriteLine($"{retained:N0} bytes retained");
        Assert.That(retained, Is.LessThan(16L * 1024 * 1024), $"{retained:N0} bytes retained");
    }

    [Test]
    public void ALongChain_IsLinearInSize()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var node = instance;
        for (var i = 0; i < 2_000; i++)
        {
            node = node.Chain("segment-" + i.ToString("D4"));
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.That(node.ToString(), Has.Length.EqualTo((12 * 2_000) + 1_999));
        Assert.That(node.ToString(), Does.StartWith("segment-0000/segment-0001/").And.EndWith("/segment-1999"));
        GC.KeepAlive(node);
        TestContext.Out.WriteLine($"{retained:N0} bytes retained");
        Assert.That(retained, Is.LessThan(4L * 1024 * 1024), $"{retained:N0} bytes retained");
    }

    [Test]
    public void ACachedMemberChain_AllocatesNothing()
    {
        var first = Walk(wxpay);
        for (var i = 0; i < 100; i++)
        {
            Assert.That(Walk(wxpay), Is.SameAs(first));
        }

        var least = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1_000; i++)
            {
                _ = Walk(wxpay);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.That(least, Is.Zero, "bytes allocated by 1,000 walks of a cached member chain (least of 5 rounds)");
        Assert.That(first.ToString(), Is.EqualTo("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse"));
    }

    [Test]
    public void RecentLiteralNodes_AreReused_OldOnesRebuilt()
    {
        var node = instance.Chain("v3/pay/transactions/native");
        Assert.That(instance.Chain("v3/pay/transactions/native"), Is.SameAs(node));
        for (var i = 0; i < 2 * BuilderChain.LiteralNodeCapacity; i++)
        {
            _ = instance.Chain("v3/other/" + i);
        }

        var rebuilt = instance.Chain("v3/pay/transactions/native");
        Assert.That(rebuilt, Is.Not.SameAs(node));
        Assert.That(rebuilt.ToString(), Is.EqualTo(node.ToString()));
    }

    [Test]
    public void MemberNodes_StayCached_AndAdoptALiteralNodeOfTheSameSegment()
    {
        var literal = instance["v3"]["certificates"];
        BuilderChain member = wxpay.v3.certificates;
        Assert.That(member, Is.SameAs(literal), "the member adopts the literal node it finds");
        for (var i = 0; i < 2 * BuilderChain.LiteralNodeCapacity; i++)
        {
            _ = instance.Chain("v3/other/" + i);
        }

        Assert.That((BuilderChain)wxpay.v3.certificates, Is.SameAs(member));
        Assert.That(instance["v3"]["certificates"], Is.SameAs(member), "a literal finds the member's node first");
    }

    [Test]
    public void ConcurrentBuilding_GivesTheRightTemplates()
    {
        var failures = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            dynamic root = instance;
            var member = (BuilderChain)root.v3.pay.transactions.id._transaction_id_;
            var literal = instance.Chain("v3/refund/domestic/refunds/" + (i % 3_000));
            if (member.ToString() != "v3/pay/transactions/id/{transaction_id}" || literal.ToString() != "v3/refund/domestic/refunds/" + (i % 3_000))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.That(failures, Is.Zero);
        Assert.That((BuilderChain)wxpay.v3.pay.transactions.id._transaction_id_, Is.SameAs((BuilderChain)wxpay.v3.pay.transactions.id._transaction_id_));
    }

    private static BuilderChain Walk(dynamic root) => root.v3.pay.transactions.outTradeNo._out_trade_no_.reverse;
}
