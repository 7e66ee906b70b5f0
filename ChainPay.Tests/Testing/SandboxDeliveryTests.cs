using ChainPay.Testing;

namespace ChainPay.Tests.Testing;

public class SandboxDeliveryTests
{
    private static SandboxDelivery Attempt(int? status, string? error = null, bool duplicate = false) =>
        new("REFUND.SUCCESS", "EV-1", "http://127.0.0.1:5000/notify", 3, duplicate, DateTimeOffset.UnixEpoch, status, error);

    [TestCase(199, false)]
    [TestCase(200, true)]
    [TestCase(204, true)]
    [TestCase(299, true)]
    [TestCase(300, false)]
    [TestCase(500, false)]
    [TestCase(null, false)]
    public void Succeeded_IsA2xxOnly(int? status, bool succeeded)
    {
        Assert.That(Attempt(status, status is null ? "Connection refused" : null).Succeeded, Is.EqualTo(succeeded));
    }

    [Test]
    public void ToString_NamesTheEvent_TheUrl_TheAttempt_AndTheStatusOrTheError()
    {
        Assert.That(Attempt(500).ToString(), Is.EqualTo("REFUND.SUCCESS http://127.0.0.1:5000/notify #3: 500"));
        Assert.That(Attempt(204, duplicate: true).ToString(), Is.EqualTo("REFUND.SUCCESS http://127.0.0.1:5000/notify #3 (duplicate): 204"));
        Assert.That(Attempt(null, "Connection refused (127.0.0.1:5000)").ToString(), Is.EqualTo("REFUND.SUCCESS http://127.0.0.1:5000/notify #3: Connection refused (127.0.0.1:5000)"));
    }
}
