using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Pkcs11;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Pkcs11;

/// <summary>The signer against a real SoftHSM2 token (<see cref="SoftHsmToken"/>) holding the sandbox merchant's key.</summary>
public class Pkcs11SignerTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes(RsaVectors.PostMessage);

    [Test]
    public async Task SignAsync_VerifiesWithTheMerchantPublicKey_AndEqualsTheInMemorySignature()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());

        var signature = await signer.SignAsync(Message);

        var merchant = SoftHsmToken.MerchantKey;
        Assert.Multiple(() =>
        {
            Assert.That(Rsa.Verify(RsaVectors.PostMessage, Convert.ToBase64String(signature), merchant), Is.True);
            Assert.That(Convert.ToBase64String(signature), Is.EqualTo(Rsa.Sign(RsaVectors.PostMessage, merchant)), "PKCS#1 v1.5 is deterministic");
            Assert.That(signer.SigningScheme, Is.EqualTo(BuilderOptions.SchemeRsa));
        });
    }

    [Test]
    public async Task SignAsync_WithTheSpecKey_GivesTheSpecVector()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options(SoftHsmToken.OtherKeyLabel));

        var signature = await signer.SignAsync(Message);

        Assert.That(Convert.ToBase64String(signature), Is.EqualTo(RsaVectors.PostSignature));
    }

    [Test]
    public async Task Factory_WithTheTokenSigner_CallsTheInMemorySandbox()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        (options.PrivateKey, options.Signer) = (null, signer);

        var response = await Builder.Factory(options).Chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
            .GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = sandbox.Merchant.Mchid } });

        Assert.That(response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Factory_WithTheTokenSigner_CallsTheSandboxOverLoopback()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        var sandbox = new WeChatPaySandbox();
        using var server = SandboxServer.Start(sandbox);
        var options = sandbox.CreateOptions(server);
        (options.PrivateKey, options.Signer) = (null, signer);

        var response = await Builder.Factory(options).Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}/cancel")
            .PostAsync(new { out_bill_no = WeChatPaySandbox.SampleOutBillNo });

        Assert.That(response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void Factory_WithATokenKeyThatIsNotTheMerchants_IsRefusedBySignError()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options(SoftHsmToken.OtherKeyLabel));
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        (options.PrivateKey, options.Signer) = (null, signer);

        var e = Assert.ThrowsAsync<ApiException>(() => Builder.Factory(options).Chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
            .GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = sandbox.Merchant.Mchid } }));

        Assert.Multiple(() =>
        {
            Assert.That(e!.StatusCode, Is.EqualTo(401));
            Assert.That(e.Code, Is.EqualTo("SIGN_ERROR"));
        });
    }

    [Test]
    public async Task DecryptAsync_RoundTripsWhatIsEncryptedForTheMerchant()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        var ciphertext = Rsa.Encrypt("张三 · 13800000000", SoftHsmToken.MerchantKey);

        Assert.That(await Rsa.DecryptAsync(ciphertext, signer), Is.EqualTo("张三 · 13800000000"));
    }

    [Test]
    public void DecryptAsync_ATamperedCiphertext_FailsWithPhpsMessage_AndTheReturnCodeInside()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        var bytes = Convert.FromBase64String(Rsa.Encrypt("张三", SoftHsmToken.MerchantKey));
        bytes[bytes.Length / 2] ^= 0x01;

        var e = Assert.ThrowsAsync<CryptographicException>(() => Rsa.DecryptAsync(Convert.ToBase64String(bytes), signer));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Is.EqualTo(RsaVectors.DecryptFailed));
            Assert.That(e.InnerException, Is.TypeOf<CryptographicException>());
            Assert.That(e.InnerException!.Message, Does.StartWith("PKCS#11 C_Decrypt with the private key with label `merchant` on token `chainpay` failed: CKR_"));
        });
    }

    [Test]
    public void GetPublicKey_IsTheMerchantsPublicKey()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());

        using var publicKey = signer.GetPublicKey();

        var expected = SoftHsmToken.MerchantKey.ExportParameters(false);
        var actual = publicKey.ExportParameters(false);
        Assert.Multiple(() =>
        {
            Assert.That(actual.Modulus, Is.EqualTo(expected.Modulus));
            Assert.That(actual.Exponent, Is.EqualTo(expected.Exponent));
        });
    }

    [Test]
    public void Dispose_ThenUse_IsObjectDisposed_AndDisposeAgainIsHarmless()
    {
        var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        signer.Dispose();

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ObjectDisposedException>(() => signer.SignAsync(Message));
            Assert.ThrowsAsync<ObjectDisposedException>(() => signer.DecryptAsync(new byte[256]));
            Assert.Throws<ObjectDisposedException>(() => signer.GetPublicKey());
            Assert.DoesNotThrow(signer.Dispose);
        });
    }

    [Test]
    public void SignAsync_Cancelled_ThrowsBeforeSigning()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());

        Assert.Multiple(() =>
        {
            Assert.CatchAsync<OperationCanceledException>(() => signer.SignAsync(Message, new CancellationToken(true)));
            Assert.CatchAsync<OperationCanceledException>(() => signer.DecryptAsync(new byte[256], new CancellationToken(true)));
        });
    }

    [Test]
    public void Null_Input_NamesTheArgument()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());

        Assert.Multiple(() =>
        {
            Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => signer.SignAsync(null!))!.ParamName, Is.EqualTo("message"));
            Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => signer.DecryptAsync(null!))!.ParamName, Is.EqualTo("ciphertext"));
        });
    }

    [Test]
    public void ToString_NamesTheTokenAndKey_NeverThePin()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());

        Assert.That(signer.ToString(), Is.EqualTo("Pkcs11Signer { token `chainpay`, key label `merchant`, WECHATPAY2-SHA256-RSA2048 }"));
    }

    [Test]
    public void ADisposedSigner_FailsTheCall_BeforeAnythingIsSent()
    {
        var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        var sandbox = new WeChatPaySandbox();
        var options = sandbox.CreateOptions();
        (options.PrivateKey, options.Signer) = (null, signer);
        var instance = Builder.Factory(options);
        signer.Dispose();

        Assert.ThrowsAsync<ObjectDisposedException>(() => instance.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
            .GetAsync(new { out_trade_no = WeChatPaySandbox.SampleOutTradeNo, query = new { mchid = sandbox.Merchant.Mchid } }));
        Assert.That(sandbox.RequestCount, Is.Zero);
    }
}
