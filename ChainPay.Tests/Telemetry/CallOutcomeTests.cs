using ChainPay.Telemetry;

namespace ChainPay.Tests.Telemetry;

public class CallOutcomeTests
{
    [TestCase("Verify the response's data with: timestamp=1, nonce=n, signature=AAAA, cert=[x => ...] failed.", "signature")]
    [TestCase("It's allowed time offset in ± 300 seconds, the response was on 1, your's localtime on 900.", "timestamp")]
    [TestCase("Cannot found the serial(`X`)'s configuration, which's from the response(header:Wechatpay-Serial), your's Y.", "serial")]
    [TestCase("The answer's Wechatpay-Nonce `n` was already seen within 10 minutes: a replayed answer.", "replay")]
    [TestCase("The statement's body SHA-1 is A, but the response(header:Wechatpay-Statement-Sha1) says B.", "statement")]
    [TestCase("The response's `Wechatpay-Nonce` header appears more than once; WeChat Pay sends each once.", "headers")]
    public void AVerificationMessage_BecomesAWord_WithoutItsValues(string message, string reason) =>
        Assert.That(CallOutcome.VerificationReason(message), Is.EqualTo(reason));

    [Test]
    public void AFailureWithoutAnAnswer_IsItsExceptionType_OnTheDefaultHost()
    {
        var owner = new CallTelemetry(null, "1900000001", "https://api.mch.weixin.qq.com/");
        var outcome = CallOutcome.Of(new OperationCanceledException(), owner);
        Assert.That(outcome.Status, Is.Null);
        Assert.That(outcome.Error, Is.True);
        Assert.That(outcome.ErrorType, Is.EqualTo("System.OperationCanceledException"));
        Assert.That(outcome.ServerAddress, Is.EqualTo("api.mch.weixin.qq.com"));
        Assert.That(outcome.ServerPort, Is.EqualTo(443));
    }
}
