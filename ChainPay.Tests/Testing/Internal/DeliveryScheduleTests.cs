using ChainPay.Testing.Internal;

namespace ChainPay.Tests.Testing.Internal;

public class DeliveryScheduleTests
{
    [Test]
    public void TheWaits_AreWeChatPays_24h4mInAll()
    {
        var minutes = DeliverySchedule.Waits.Select(w => w.TotalMinutes);
        Assert.That(minutes, Is.EqualTo(new[] { 0.25, 0.25, 0.5, 3, 10, 20, 30, 30, 30, 60, 180, 180, 180, 360, 360 }));
        Assert.That(DeliverySchedule.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b), Is.EqualTo(new TimeSpan(24, 4, 0)));
        Assert.That(DeliverySchedule.MaxAttempts, Is.EqualTo(15));
    }

    [Test]
    public void After_ScalesTheWait_AndEndsAtTheLastAttempt()
    {
        Assert.That(DeliverySchedule.After(1, 1), Is.EqualTo(TimeSpan.FromSeconds(15)));
        Assert.That(DeliverySchedule.After(4, 1), Is.EqualTo(TimeSpan.FromMinutes(3)));
        Assert.That(DeliverySchedule.After(1, 0.01), Is.EqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(DeliverySchedule.After(14, 1), Is.EqualTo(TimeSpan.FromHours(6)));
        Assert.That(DeliverySchedule.After(15, 1), Is.Null);
    }
}
