using ChainPay.Testing;

namespace ChainPay.Tests.Testing;

/// <summary><see cref="WeChatPaySandbox"/> construction: its options are validated and its merchant shows no key.</summary>
public class WeChatPaySandboxTests
{
    [Test]
    public void Options_AreValidated()
    {
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new WeChatPaySandbox(new SandboxOptions { ApiV3Key = "short" }))!.ParamName, Is.EqualTo("ApiV3Key"));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => new WeChatPaySandbox(new SandboxOptions { RateLimitPerSecond = 0 }))!.ParamName, Is.EqualTo("RateLimitPerSecond"));
    }

    [Test]
    public void Merchant_ToString_ShowsNoKey()
    {
        var sandbox = new WeChatPaySandbox();
        Assert.That(sandbox.Merchant.ToString(), Is.EqualTo($"SandboxMerchant {{ Mchid = 1230000109, Serial = {sandbox.Merchant.Serial} }}"));
    }
}
