using ChainPay.Redis;

namespace ChainPay.Tests.Redis;

public class RedisChainPayOptionsValidatorTests
{
    private static IEnumerable<TestCaseData> Bad()
    {
        yield return new TestCaseData(new RedisChainPayOptions { KeyPrefix = "" }, "RedisChainPayOptions.KeyPrefix");
        yield return new TestCaseData(new RedisChainPayOptions { KeyPrefix = "has space" }, "RedisChainPayOptions.KeyPrefix");
        yield return new TestCaseData(new RedisChainPayOptions { KeyPrefix = new string('p', 65) }, "RedisChainPayOptions.KeyPrefix");
        yield return new TestCaseData(new RedisChainPayOptions { KeyPrefix = "中文" }, "RedisChainPayOptions.KeyPrefix");
        yield return new TestCaseData(new RedisChainPayOptions { CommandTimeout = TimeSpan.Zero }, "RedisChainPayOptions.CommandTimeout");
        yield return new TestCaseData(new RedisChainPayOptions { CommandTimeout = TimeSpan.FromMinutes(2) }, "RedisChainPayOptions.CommandTimeout");
        yield return new TestCaseData(new RedisChainPayOptions { ConnectTimeout = TimeSpan.FromSeconds(-1) }, "RedisChainPayOptions.ConnectTimeout");
        yield return new TestCaseData(new RedisChainPayOptions { FallbackShare = 0 }, "RedisChainPayOptions.FallbackShare");
        yield return new TestCaseData(new RedisChainPayOptions { FallbackShare = 1.5 }, "RedisChainPayOptions.FallbackShare");
        yield return new TestCaseData(new RedisChainPayOptions { FallbackShare = double.NaN }, "RedisChainPayOptions.FallbackShare");
    }

    [TestCaseSource(nameof(Bad))]
    public void ABadOption_IsNamed_ByTheValidatorAndByTheStores(RedisChainPayOptions options, string name)
    {
        var result = new RedisChainPayOptionsValidator().Validate(null, options);
        var thrown = Assert.Throws<InvalidArgumentException>(() => RedisChainPayOptionsValidator.Checked(options));

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("`" + name + "`"));
        Assert.That(thrown!.Message, Does.Contain("`" + name + "`"));
        Assert.That(thrown.ParamName, Is.EqualTo(name.Split('.')[1]));
    }

    [Test]
    public void GoodOptions_Pass_AndTheStoresKeepACopy()
    {
        var options = new RedisChainPayOptions { KeyPrefix = "shop-a:prod.v1_x", FallbackShare = 0.25 };

        var copy = RedisChainPayOptionsValidator.Checked(options);
        options.KeyPrefix = "changed";

        Assert.That(new RedisChainPayOptionsValidator().Validate(null, new RedisChainPayOptions()).Succeeded, Is.True);
        Assert.That(copy.KeyPrefix, Is.EqualTo("shop-a:prod.v1_x"));
        Assert.That(RedisChainPayOptionsValidator.Checked(null).KeyPrefix, Is.EqualTo("chainpay"));
    }
}
