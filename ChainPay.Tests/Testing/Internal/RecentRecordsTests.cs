using ChainPay.Testing;
using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing.Internal;

public class RecentRecordsTests
{
    [Test]
    public void KeepsEverything_UpToItsCapacity_OldestFirst()
    {
        var records = new RecentRecords<int>(3);
        records.Add(1);
        records.Add(2);

        Assert.That(records.ToArray(), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(records.Count, Is.EqualTo(2));
    }

    [Test]
    public void Beyond_ItsCapacity_DropsTheOldest()
    {
        var records = new RecentRecords<int>(3);
        foreach (var i in Enumerable.Range(1, 7))
        {
            records.Add(i);
        }

        Assert.That(records.ToArray(), Is.EqualTo(new[] { 5, 6, 7 }));
        Assert.That(records.Count, Is.EqualTo(3));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void ACapacityBelowOne_IsRefused(int capacity)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RecentRecords<int>(capacity));
        Assert.That(e!.ParamName, Is.EqualTo("capacity"));
    }

    [Test]
    public void ASandbox_KeepsTheLast10000Events_NotAllOfThem()
    {
        // A sandbox left running (chainpay sandbox, a load test) raises events without end; it keeps a bounded record.
        var sandbox = new WeChatPaySandbox();
        for (var i = 1; i <= RecentRecords<int>.DefaultCapacity + 5; i++)
        {
            sandbox.Raise(sandbox.Merchant.Mchid, null, "TRANSACTION.SUCCESS", new JObject { ["n"] = i });
        }

        var raised = sandbox.RaisedEvents;
        Assert.That(raised, Has.Count.EqualTo(10_000));
        Assert.That((int)raised[0].Resource["n"]!, Is.EqualTo(6));
        Assert.That((int)raised[^1].Resource["n"]!, Is.EqualTo(10_005));
    }
}
