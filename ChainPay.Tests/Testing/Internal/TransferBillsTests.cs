using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing.Internal;

/// <summary>The 2025 merchant bill's states and the MCHTRANSFER.BILL.FINISHED it raises (through the Raise delegate).</summary>
public class TransferBillsTests
{
    private readonly List<(string Mchid, string? NotifyUrl, string EventType, JObject Resource)> raised = new();
    private int clock;

    [SetUp]
    public void Reset() => raised.Clear(); // NUnit keeps one instance of the fixture for its tests

    private TransferBills Create() => new(() => $"2025-01-01T00:00:{clock++:D2}+08:00", (m, u, e, r) => raised.Add((m, u, e, r)), (_, _, c) => c);

    private static JObject Fields(string outBillNo) => new()
    {
        ["appid"] = "wxf636efh567hg4356", ["out_bill_no"] = outBillNo, ["transfer_scene_id"] = "1000", ["openid"] = "o-1",
        ["transfer_amount"] = 100, ["transfer_remark"] = "报销", ["notify_url"] = "https://merchant.example/n",
    };

    private static string Package(JObject created) => (string)created["package_info"]!;

    [Test]
    public void Confirmation_MovesThroughTransfering_ToSuccess_AndRaisesOnce()
    {
        var bills = Create();
        var created = bills.CreateMerchant("1230000109", Fields("B1"), Fields("B1"), "https://merchant.example/n");
        Assert.That(bills.UserActs(Package(created), null, "TRANSFERING", "SUCCESS"), Is.True);
        Assert.That(bills.UserActs(Package(created), null, "TRANSFERING", "SUCCESS"), Is.False); // no longer waiting

        var (mchid, url, type, resource) = raised.Single();
        Assert.That((mchid, url, type), Is.EqualTo(("1230000109", "https://merchant.example/n", "MCHTRANSFER.BILL.FINISHED")));
        Assert.That(resource.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "mch_id", "out_bill_no", "transfer_bill_no", "state", "transfer_amount", "openid", "create_time", "update_time" }));
        Assert.That(((string?)resource["state"], (string?)resource["mch_id"], (long?)resource["transfer_amount"]), Is.EqualTo(("SUCCESS", "1230000109", 100L)));
        Assert.That((string?)resource["update_time"], Is.Not.EqualTo((string?)resource["create_time"]));
    }

    [Test]
    public void AFailure_CarriesItsReason()
    {
        var bills = Create();
        var created = bills.CreateMerchant("1230000109", Fields("B2"), Fields("B2"), null);
        bills.UserActs(Package(created), "PAYEE_ACCOUNT_ABNORMAL", "TRANSFERING", "FAIL");
        var bill = bills.Get("merchant", "1230000109", null, "B2");
        Assert.That(((string?)bill["state"], (string?)bill["fail_reason"]), Is.EqualTo(("FAIL", "PAYEE_ACCOUNT_ABNORMAL")));
        Assert.That(raised.Single().NotifyUrl, Is.Null); // the sandbox's Raise sends nothing without a notify_url
        Assert.That((string?)raised.Single().Resource["fail_reason"], Is.EqualTo("PAYEE_ACCOUNT_ABNORMAL"));
    }

    [Test]
    public void Cancel_RaisesWhenCancelled_NotWhenCanceling()
    {
        var bills = Create();
        bills.CreateMerchant("1230000109", Fields("B3"), Fields("B3"), "https://merchant.example/n");
        Assert.That((string?)bills.Cancel("merchant", "1230000109", null, "B3")["state"], Is.EqualTo("CANCELING"));
        Assert.That(raised, Is.Empty);
        Assert.That((string?)bills.Get("merchant", "1230000109", null, "B3")["state"], Is.EqualTo("CANCELLED"));
        Assert.That((string?)raised.Single().Resource["state"], Is.EqualTo("CANCELLED"));
        Assert.That((string?)bills.Get("merchant", "1230000109", null, "B3")["state"], Is.EqualTo("CANCELLED"));
        Assert.That(raised, Has.Count.EqualTo(1));
    }

    [Test]
    public void OtherKinds_RaiseNothing_AndAnUnknownPackage_IsNull()
    {
        var bills = Create();
        bills.Create("qq-wallet", "1230000109", null, Fields("B4"));
        Assert.That(bills.SetState("B4", "SUCCESS"), Is.True);
        Assert.That(raised, Is.Empty);
        Assert.That(bills.UserActs("no-such-package", null, "SUCCESS"), Is.Null);
    }

    [Test]
    public void ThePackage_IsPerBill_AndTheSameOnAnIdempotentCreate()
    {
        var bills = Create();
        var first = bills.CreateMerchant("1230000109", Fields("B5"), Fields("B5"), null);
        var again = bills.CreateMerchant("1230000109", Fields("B5"), Fields("B5"), null);
        var other = bills.CreateMerchant("1230000109", Fields("B6"), Fields("B6"), null);
        Assert.That(Package(again), Is.EqualTo(Package(first)));
        Assert.That(Package(other), Is.Not.EqualTo(Package(first)));
        Assert.That(bills.PackagesOf("B5"), Is.EqualTo(new[] { Package(first) }));
    }
}
