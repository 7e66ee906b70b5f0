using ChainPay.Crypto;
using ChainPay.Testing;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.Fixtures.SandboxFixture;

namespace ChainPay.Tests.Testing.Internal;

/// <summary>The 2025 merchant transfer (商家转账) through ChainPay: create, the checks of user_name, idempotency, queries.</summary>
public class TransferRoutesTests
{
    private const string Create2025 = "v3/fund-app/mch-transfer/transfer-bills";

    private static object Bill(string outBillNo, long amount = 100, object? userName = null, string remark = "报销") => new
    {
        appid = "wxf636efh567hg4356", out_bill_no = outBillNo, transfer_scene_id = "1000", openid = "o-MYE42l80oelYMDE34nYD456Xoy",
        transfer_amount = amount, transfer_remark = remark, user_name = userName, notify_url = "https://merchant.example/transfer",
        user_recv_perception = "现金奖励",
        transfer_scene_report_infos = new[] { new { info_type = "活动名称", info_content = "新会员有礼" }, new { info_type = "奖励说明", info_content = "注册会员抽奖一等奖" } },
    };

    [Test]
    public async Task Create_AnswersWaitUserConfirm_WithAPackageInfo()
    {
        var (_, instance) = Create();
        var created = await Json(await instance.Chain(Create2025).PostAsync(new { json = Bill("T1", userName: SensitiveField.Of("张三")) }));
        Assert.That(created.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "out_bill_no", "transfer_bill_no", "create_time", "state", "package_info" }));
        Assert.That((string?)created["state"], Is.EqualTo("WAIT_USER_CONFIRM"));
        Assert.That((string?)created["package_info"], Is.Not.Empty);
    }

    [Test]
    public void APlaintextUserName_IsAParamError_SayingItMustBeEncrypted()
    {
        var (sandbox, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain(Create2025).PostAsync(new
        {
            json = Bill("T2", userName: "张三"),
            headers = new Dictionary<string, object?> { ["Wechatpay-Serial"] = sandbox.PlatformKeyId },
        }));
        Assert.That((e!.StatusCode, e.Code), Is.EqualTo((400, "PARAM_ERROR")));
        Assert.That(e.Message, Does.Contain("user_name"));
    }

    [Test]
    public void AnEncryptedUserName_WithoutWechatpaySerial_IsAParamError()
    {
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        options.SendPlatformSerial = false;
        var cipher = Rsa.Encrypt("张三", sandbox.PlatformPublicKey);
        var e = Assert.ThrowsAsync<ApiException>(() => Builder.Factory(options).Chain(Create2025).PostAsync(new { json = Bill("T3", userName: cipher) }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.Message, Does.Contain("Wechatpay-Serial").And.Contain(sandbox.PlatformKeyId));
    }

    [Test]
    public void AnotherSerial_OrAnotherKeysCiphertext_IsAParamError()
    {
        var (sandbox, instance) = Create();
        var other = System.Security.Cryptography.RSA.Create(2048);
        var foreign = Assert.ThrowsAsync<ApiException>(() => instance.Chain(Create2025).PostAsync(new
        {
            json = Bill("T7", userName: Rsa.Encrypt("张三", sandbox.PlatformPublicKey)),
            headers = new Dictionary<string, object?> { ["Wechatpay-Serial"] = "PUB_KEY_ID_0000000000000000000000000000" },
        }));
        Assert.That(foreign!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(foreign.Message, Does.Contain("PUB_KEY_ID_0000000000000000000000000000"));

        var undecryptable = Assert.ThrowsAsync<ApiException>(() => instance.Chain(Create2025).PostAsync(new
        {
            json = Bill("T8", userName: Rsa.Encrypt("张三", other)),
            headers = new Dictionary<string, object?> { ["Wechatpay-Serial"] = sandbox.PlatformKeyId },
        }));
        Assert.That(undecryptable!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(undecryptable.Message, Does.Contain("user_name").And.Contain("解密失败"));
    }

    [Test]
    public void TooSmallAnAmount_IsAParamError()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain(Create2025).PostAsync(new { json = Bill("T9", amount: 9) }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.Message, Does.Contain("0.1"));
        Assert.DoesNotThrowAsync(() => instance.Chain(Create2025).PostAsync(new { json = Bill("T10", amount: 10) }));
    }

    [Test]
    public async Task TheSameOutBillNo_WithTheSameContent_IsTheSameBill_EvenWithANewlyEncryptedName()
    {
        var (_, instance) = Create();
        var first = await Json(await instance.Chain(Create2025).PostAsync(new { json = Bill("T11", userName: SensitiveField.Of("张三")) }));
        var again = await Json(await instance.Chain(Create2025).PostAsync(new { json = Bill("T11", userName: SensitiveField.Of("张三")) }));
        Assert.That(again.ToString(), Is.EqualTo(first.ToString()));
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain(Create2025).PostAsync(new { json = Bill("T11", userName: SensitiveField.Of("李四")) }));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public void MalformedSceneReportInfos_AreAParamError()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain(Create2025).PostAsync(new
        {
            json = new { appid = "wx", out_bill_no = "T12", transfer_scene_id = "1000", openid = "o", transfer_amount = 100, transfer_remark = "r", transfer_scene_report_infos = new[] { new { info_type = "活动名称" } } },
        }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.Message, Does.Contain("transfer_scene_report_infos"));
    }

    [Test]
    public void ALargeAmount_NeedsAUserName()
    {
        var (_, instance) = Create();
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain(Create2025).PostAsync(new { json = Bill("T4", amount: 200000) }));
        Assert.That(e!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(e.Message, Does.Contain("user_name"));
    }

    [Test]
    public void TheSameOutBillNo_WithOtherContent_IsRefused()
    {
        var (_, instance) = Create();
        Assert.DoesNotThrowAsync(() => instance.Chain(Create2025).PostAsync(new { json = Bill("T5") }));
        var e = Assert.ThrowsAsync<ApiException>(() => instance.Chain(Create2025).PostAsync(new { json = Bill("T5", amount: 200) }));
        Assert.That(e!.StatusCode, Is.EqualTo(400));
        Assert.That(e.Message, Does.Contain("out_bill_no"));
    }

    [Test]
    public async Task Query_ByTransferBillNo()
    {
        var (_, instance) = Create();
        var created = await Json(await instance.Chain(Create2025).PostAsync(new { json = Bill("T6") }));
        var bill = await Json(await instance.Chain("v3/fund-app/mch-transfer/transfer-bills/transfer-bill-no/{transfer_bill_no}").GetAsync(new { transfer_bill_no = (string)created["transfer_bill_no"]! }));
        Assert.That((string?)bill["out_bill_no"], Is.EqualTo("T6"));
        Assert.That((long?)bill["transfer_amount"], Is.EqualTo(100));
    }
}
