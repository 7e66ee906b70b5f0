using ChainPay.Crypto;
using ChainPay.Notifications;
using ChainPay.Testing;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.Fixtures.SandboxFixture;

namespace ChainPay.Tests.Testing;

/// <summary>The gray switch (灰度切换) from platform certificate to WeChat Pay public key, verified through ChainPay.</summary>
public class WeChatPaySandboxKeysTests
{
    private const string QqBill = "v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}";

    private static Task<Flurl.Http.IFlurlResponse> Query(BuilderChain instance) => instance.Chain(QqBill).GetAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });

    private static BuilderOptions With(WeChatPaySandbox sandbox, string keyId, System.Security.Cryptography.RSA key)
    {
        var options = sandbox.CreateOptions();
        options.Certs.Clear();
        options.Certs[keyId] = key;
        return options;
    }

    [Test]
    public async Task Gray_SignsWithBothKeys_AndAClientWithBoth_VerifiesEveryAnswer()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.Gray });
        Assert.That(sandbox.PlatformKeyId, Does.Match("^[0-9A-F]{40}$"));
        Assert.That(sandbox.PublicKeyId, Does.StartWith("PUB_KEY_ID_"));
        Assert.That(sandbox.PublicKey!.ExportSubjectPublicKeyInfo(), Is.Not.EqualTo(sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfo()));

        var options = sandbox.CreateOptions();
        Assert.That(options.Certs.Keys, Is.EquivalentTo(new[] { sandbox.PlatformKeyId, sandbox.PublicKeyId }));
        var instance = Builder.Factory(options);
        var serials = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var res = await Query(instance);
            res.Headers.TryGetFirst("Wechatpay-Serial", out var serial);
            serials.Add(serial);
        }

        Assert.That(serials, Is.EqualTo(new[] { sandbox.PlatformKeyId, sandbox.PublicKeyId, sandbox.PlatformKeyId, sandbox.PublicKeyId }));
    }

    [Test]
    public async Task Gray_AClientWithOnlyTheCertificate_FailsOnAPublicKeySignedAnswer_AndViceVersa()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.Gray });
        var certificateOnly = Builder.Factory(With(sandbox, sandbox.PlatformKeyId, sandbox.PlatformPublicKey));
        var publicKeyOnly = Builder.Factory(With(sandbox, sandbox.PublicKeyId!, sandbox.PublicKey!));

        sandbox.SignNextWith(sandbox.PlatformKeyId);
        Assert.That((await Query(certificateOnly)).StatusCode, Is.EqualTo(200));
        sandbox.SignNextWith(sandbox.PublicKeyId!);
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => Query(certificateOnly));
        Assert.That(e!.Message, Does.StartWith("Cannot found the serial(`" + sandbox.PublicKeyId + "`)"));

        sandbox.SignNextWith(sandbox.PublicKeyId!);
        Assert.That((await Query(publicKeyOnly)).StatusCode, Is.EqualTo(200));
        sandbox.SignNextWith(sandbox.PlatformKeyId);
        var reverse = Assert.ThrowsAsync<ResponseVerificationException>(() => Query(publicKeyOnly));
        Assert.That(reverse!.Message, Does.StartWith("Cannot found the serial(`" + sandbox.PlatformKeyId + "`)"));
    }

    [Test]
    public async Task Gray_CertificatesStillServeTheCertificate()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.Gray });
        var data = (JObject)(await Json(await Builder.Factory(sandbox.CreateOptions()).Chain("v3/certificates").GetAsync()))["data"]![0]!;
        Assert.That((string?)data["serial_no"], Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(sandbox.PlatformCertificatePem, Does.StartWith("-----BEGIN CERTIFICATE-----"));
    }

    [Test]
    public void Gray_NotificationsFollowTheSameSigner()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.Gray });
        var both = new NotificationVerifier(new NotificationOptions
        {
            Certs = { [sandbox.PlatformKeyId] = sandbox.PlatformPublicKey, [sandbox.PublicKeyId!] = sandbox.PublicKey },
            ApiV3Key = sandbox.ApiV3Key,
        });
        var certificateOnly = new NotificationVerifier(new NotificationOptions { Certs = { [sandbox.PlatformKeyId] = sandbox.PlatformPublicKey }, ApiV3Key = sandbox.ApiV3Key });

        var first = sandbox.CreateNotification("MCHTRANSFER.BILL.FINISHED", new { out_bill_no = "1", state = "SUCCESS" });
        var second = sandbox.CreateNotification("MCHTRANSFER.BILL.FINISHED", new { out_bill_no = "2", state = "SUCCESS" });
        Assert.That((first.Headers["Wechatpay-Serial"], second.Headers["Wechatpay-Serial"]), Is.EqualTo((sandbox.PlatformKeyId, sandbox.PublicKeyId)));
        Assert.DoesNotThrow(() => both.Verify(first.Headers, first.Body));
        Assert.DoesNotThrow(() => both.Verify(second.Headers, second.Body));
        Assert.DoesNotThrow(() => certificateOnly.Verify(first.Headers, first.Body));
        Assert.Throws<NotificationVerificationException>(() => certificateOnly.Verify(second.Headers, second.Body));
    }

    [Test]
    public async Task SwitchKeyMode_CertificateThenGrayThenPublicKey_KeepsEachKey()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial });
        var certificate = sandbox.PlatformKeyId;
        Assert.That(sandbox.PublicKeyId, Is.Null);
        var beforeSwitch = Builder.Factory(sandbox.CreateOptions());

        sandbox.SwitchKeyMode(SandboxKeyMode.Gray);
        Assert.That((sandbox.KeyMode, sandbox.PlatformKeyId), Is.EqualTo((SandboxKeyMode.Gray, certificate)));
        var publicKeyId = sandbox.PublicKeyId!;
        sandbox.SignNextWith(publicKeyId);
        Assert.ThrowsAsync<ResponseVerificationException>(() => Query(beforeSwitch)); // the client must learn the public key

        sandbox.SwitchKeyMode(SandboxKeyMode.PublicKeyId);
        Assert.That((sandbox.PlatformKeyId, sandbox.PlatformCertificatePem), Is.EqualTo((publicKeyId, (string?)null)));
        var after = Builder.Factory(sandbox.CreateOptions());
        var res = await Query(after);
        res.Headers.TryGetFirst("Wechatpay-Serial", out var serial);
        Assert.That(serial, Is.EqualTo(publicKeyId));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => after.Chain("v3/certificates").GetAsync())!.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));

        sandbox.SwitchKeyMode(SandboxKeyMode.CertificateSerial);
        Assert.That(sandbox.PlatformKeyId, Is.EqualTo(certificate));
    }

    [Test]
    public void SignNextWith_AKeyNotInUse_IsRefused_NamingIt()
    {
        var sandbox = new WeChatPaySandbox();
        var e = Assert.Throws<InvalidArgumentException>(() => sandbox.SignNextWith("5157F09EFDC096DE15EBE81A47057A7232F4B0F9"));
        Assert.That(e!.ParamName, Is.EqualTo("keyId"));
        Assert.That(e.Message, Does.Contain("5157F09EFDC096DE15EBE81A47057A7232F4B0F9").And.Contain(sandbox.PlatformKeyId));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => sandbox.SwitchKeyMode((SandboxKeyMode)7))!.ParamName, Is.EqualTo("mode"));
    }

    [Test]
    public async Task Gray_ChainPaysEncryptedUserName_IsAcceptedWithEitherKey()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.Gray });
        var instance = Builder.Factory(sandbox.CreateOptions());
        foreach (var (no, serial) in new[] { ("G1", (string?)null), ("G2", sandbox.PlatformKeyId) })
        {
            var headers = serial is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["Wechatpay-Serial"] = serial };
            var created = await Json(await instance.Chain("v3/fund-app/mch-transfer/transfer-bills").PostAsync(new
            {
                json = new { appid = "wxf636efh567hg4356", out_bill_no = no, transfer_scene_id = "1000", openid = "o-1", transfer_amount = 200000, transfer_remark = "报销", user_name = SensitiveField.Of("张三") },
                headers,
            }));
            Assert.That((string?)created["state"], Is.EqualTo("WAIT_USER_CONFIRM"));
        }
    }

    [Test]
    public async Task Gray_OverLoopback_AClientWithBothKeysVerifiesEveryAnswer()
    {
        var sandbox = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.Gray });
        using var server = SandboxServer.Start(sandbox);
        var instance = Builder.Factory(sandbox.CreateOptions(server));
        var serials = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var res = await Query(instance);
            res.Headers.TryGetFirst("Wechatpay-Serial", out var serial);
            serials.Add(serial);
        }

        Assert.That(serials, Is.EquivalentTo(new[] { sandbox.PlatformKeyId, sandbox.PublicKeyId }));
    }
}
