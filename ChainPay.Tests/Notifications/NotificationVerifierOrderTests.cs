using ChainPay.Notifications;

namespace ChainPay.Tests.Notifications;

/// <summary>The order of <c>Verify</c>'s checks, their messages and the replay window (docs/notifications.md, "Verifying", "SIGNTEST probes", "ReplayProtection").</summary>
public class NotificationVerifierOrderTests
{
    [TestCase("Wechatpay-Nonce")]
    [TestCase("Wechatpay-Timestamp")]
    public void AMissingHeader_IsRefused_WithPhpsMessage(string name)
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        headers.Remove(name);
        var e = Assert.Throws<NotificationVerificationException>(() => NotificationVerifierTests.Verifier().Verify(headers, body));
        Assert.That(e!.Message, Is.EqualTo("The response's Headers incomplete, must have(`Wechatpay-Nonce`, `Wechatpay-Serial`, `Wechatpay-Signature` and `Wechatpay-Timestamp`)."));
    }

    [Test]
    public void ASignTestProbe_IsRefusedAsAProbe_EvenWithinTheClockWindow()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        headers["Wechatpay-Signature"] = "WECHATPAY/SIGNTEST/" + headers["Wechatpay-Signature"];
        var e = Assert.Throws<NotificationVerificationException>(() => NotificationVerifierTests.Verifier().Verify(headers, body));
        Assert.That(e!.Message, Does.StartWith("The notification is a WeChat Pay signature probe (WECHATPAY/SIGNTEST/…)"));
    }

    [Test]
    public void AStaleProbe_IsStillNamedAProbe_TheProbeIsCheckedBeforeTheTime()
    {
        var (headers, body) = NotificationVerifierTests.Notice(at: NotificationVerifierTests.Now.AddHours(-1));
        headers["Wechatpay-Signature"] = "WECHATPAY/SIGNTEST/x";
        var e = Assert.Throws<NotificationVerificationException>(() => NotificationVerifierTests.Verifier().Verify(headers, body));
        Assert.That(e!.Message, Does.Contain("signature probe"));
    }

    [Test]
    public void AStaleForgedNotification_IsRefusedForItsTime_TheTimeIsCheckedBeforeTheSignature()
    {
        var (headers, body) = NotificationVerifierTests.Notice(at: NotificationVerifierTests.Now.AddSeconds(-301));
        var e = Assert.Throws<NotificationVerificationException>(() => NotificationVerifierTests.Verifier().Verify(headers, body.Replace("支付成功", "支付失败")));
        Assert.That(e!.Message, Does.StartWith("It's allowed time offset in ± 300 seconds"));
    }

    [Test]
    public void AForgedNotification_IsNotRecordedAsSeen()
    {
        // The nonce is remembered only once the signature verifies: a forgery with a genuine nonce does not block the genuine one.
        var verifier = NotificationVerifierTests.Verifier(replay: true);
        var (headers, body) = NotificationVerifierTests.Notice();
        Assert.Throws<NotificationVerificationException>(() => verifier.Verify(headers, body.Replace("支付成功", "支付失败")));
        Assert.That(verifier.Verify(headers, body).Id, Is.EqualTo("EV-2018022511223320873"));
    }

    [TestCase(301, true)]
    [TestCase(599, true)]
    [TestCase(600, true)]
    [TestCase(601, false)]
    [TestCase(1200, false)]
    public void ReplayProtection_RemembersANonceForTenMinutes(int later, bool refused)
    {
        var now = NotificationVerifierTests.Now;
        var verifier = new NotificationVerifier(new NotificationOptions
        {
            Certs = { [Fixtures.TestKeys.PublicKeyId] = Fixtures.FakeWeChatPay.PlatformKey },
            Clock = () => now,
            ReplayProtection = true,
        });
        var (headers, body) = NotificationVerifierTests.Notice(at: now);
        verifier.Verify(headers, body);

        now = NotificationVerifierTests.Now.AddSeconds(later);
        var (again, againBody) = NotificationVerifierTests.Notice(at: now); // the same nonce, signed anew within the clock window
        if (refused)
        {
            var e = Assert.Throws<NotificationVerificationException>(() => verifier.Verify(again, againBody));
            Assert.That(e!.Message, Is.EqualTo("The notification's nonce `fdasflkja484w` was already seen: a replay."));
        }
        else
        {
            Assert.That(verifier.Verify(again, againBody).Id, Is.EqualTo("EV-2018022511223320873"));
        }
    }

    [Test]
    public void HeaderPairs_AreLookedUpCaseInsensitively_TheFirstOfRepeatedNamesWins()
    {
        var (headers, body) = NotificationVerifierTests.Notice();
        var lower = headers.Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value)).ToList();
        var first = lower.Append(new KeyValuePair<string, string>("WECHATPAY-NONCE", "another"));
        Assert.That(NotificationVerifierTests.Verifier().Verify(first, body).Id, Is.EqualTo("EV-2018022511223320873"));
        var second = lower.Prepend(new KeyValuePair<string, string>("WECHATPAY-NONCE", "another"));
        Assert.Throws<NotificationVerificationException>(() => NotificationVerifierTests.Verifier().Verify(second, body));
    }
}
