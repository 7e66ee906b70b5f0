using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Testing.Internal;

/// <summary>The 2025 merchant bill as each API answers it: only the documented fields, <c>mch_id</c> for the stored <c>mchid</c>.</summary>
public class MerchantTransferViewsTests
{
    private static readonly JObject Stored = new()
    {
        ["mchid"] = "1230000109", ["appid"] = "wx", ["out_bill_no"] = "B1", ["transfer_scene_id"] = "1000", ["openid"] = "o-1", ["transfer_amount"] = 100,
        ["transfer_remark"] = "报销", ["user_name"] = "cipher", ["notify_url"] = "https://merchant.example/n", ["transfer_bill_no"] = "133",
        ["state"] = "WAIT_USER_CONFIRM", ["create_time"] = "t0", ["update_time"] = "t1",
    };

    [Test]
    public void Query_HasTheDocumentedFields_NeverTheNameOrTheNotifyUrl()
    {
        var view = MerchantTransferViews.Query(Stored);
        Assert.That(view.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "mch_id", "out_bill_no", "transfer_bill_no", "appid", "state", "transfer_amount", "transfer_remark", "openid", "create_time", "update_time" }));
        Assert.That((string?)view["mch_id"], Is.EqualTo("1230000109"));
    }

    [Test]
    public void Created_CarriesThePackageOnlyWhileWaitingForTheUser()
    {
        var request = new MerchantTransferRequest(new JObject(), null, "PKG");
        Assert.That((string?)MerchantTransferViews.Created(Stored, request)["package_info"], Is.EqualTo("PKG"));
        var done = (JObject)Stored.DeepClone();
        done["state"] = "SUCCESS";
        Assert.That(MerchantTransferViews.Created(done, request).ContainsKey("package_info"), Is.False);
    }

    [Test]
    public void Finished_IsTheNotificationResource()
    {
        Assert.That(MerchantTransferViews.Finished(Stored).Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "mch_id", "out_bill_no", "transfer_bill_no", "state", "transfer_amount", "openid", "create_time", "update_time" }));
        Assert.That(MerchantTransferViews.Cancelled(Stored).Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "out_bill_no", "transfer_bill_no", "state", "update_time" }));
    }
}
