using System.Text;
using ChainPay.Crypto;
using ChainPay.Pkcs11;
using ChainPay.Pkcs11.Internal;
using ChainPay.Tests.Fixtures;
using Net.Pkcs11Interop.Common;

namespace ChainPay.Tests.Pkcs11.Internal;

/// <summary>Login, the pool of sessions, concurrency and a lost session, on the real SoftHSM2 token.</summary>
public class TokenSessionsTests
{
    [Test]
    public void AWrongPin_NamesPin_AndNeverShowsAPin()
    {
        var options = SoftHsmToken.Shared.Options();
        options.Pin = "wrong-pin-987";

        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(options));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("Pin"));
            Assert.That(e.Message, Is.EqualTo(RsaVectors.ArgumentMessage(
                "The `Pin` is not the user PIN of token `chainpay` (CKR_PIN_INCORRECT): set the token's user PIN; repeated wrong PINs may lock it.", "Pin")));
            Assert.That(e.ToString(), Does.Not.Contain("wrong-pin-987").And.Not.Contain(SoftHsmToken.Pin));
        });
    }

    [Test]
    public void AWrongPin_WhileAnotherSignerOfTheProcessIsLoggedIn_IsStillRefused()
    {
        // The token answers CKR_USER_ALREADY_LOGGED_IN to any PIN once the process is logged in: the signer compares.
        using var loggedIn = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        var options = SoftHsmToken.Shared.Options(SoftHsmToken.OtherKeyLabel);
        options.Pin = "wrong-pin-987";

        var e = Assert.Throws<InvalidArgumentException>(() => new Pkcs11Signer(options));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("Pin"));
            Assert.That(e.Message, Does.StartWith("The `Pin` is not the user PIN of token `chainpay` (CKR_PIN_INCORRECT)"));
        });
        Assert.DoesNotThrowAsync(() => loggedIn.SignAsync(new byte[] { 1 }), "the failed attempt left the login alone");
    }

    [Test]
    public async Task ThirtyTwoConcurrentSigns_AllVerify_OverAtMostMaxSessions()
    {
        var options = SoftHsmToken.Shared.Options();
        options.MaxSessions = 3;
        using var signer = new Pkcs11Signer(options);
        var merchant = SoftHsmToken.MerchantKey;
        var messages = Enumerable.Range(0, 32).Select(i => $"POST\n/v3/pay/transactions/native\n1554208460\nNONCE{i:D4}\n{{\"n\":{i}}}\n").ToList();

        var signatures = await Task.WhenAll(messages.Select(m => Task.Run(() => signer.SignAsync(Encoding.UTF8.GetBytes(m)))));

        Assert.Multiple(() =>
        {
            for (var i = 0; i < messages.Count; i++)
            {
                Assert.That(Rsa.Verify(messages[i], Convert.ToBase64String(signatures[i]), merchant), Is.True, messages[i]);
            }

            Assert.That(signer.Sessions.Opened, Is.LessThanOrEqualTo(2), "the constructor's session plus at most two more");
            Assert.That(signer.Sessions.Reconnects, Is.Zero);
        });
    }

    [Test]
    public async Task ALostSession_IsReplacedOnce_LoggingInAgain()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        CloseAllSessionsOfTheToken(); // what a token reconnect does: every session gone, the login with them

        var signature = await signer.SignAsync(Encoding.UTF8.GetBytes(RsaVectors.GetMessage));

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToBase64String(signature), Is.EqualTo(Rsa.Sign(RsaVectors.GetMessage, SoftHsmToken.MerchantKey)));
            Assert.That(signer.Sessions.Reconnects, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task WaitingForASession_IsCancellable()
    {
        var options = SoftHsmToken.Shared.Options();
        options.MaxSessions = 1;
        using var signer = new Pkcs11Signer(options);
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() => signer.Sessions.RunAsync("hold", (_, _) =>
        {
            inside.Set();
            release.Wait();
            return 0;
        }, CancellationToken.None));
        inside.Wait();
        using var cancel = new CancellationTokenSource();

        var waiting = signer.SignAsync(Encoding.UTF8.GetBytes(RsaVectors.GetMessage), cancel.Token);
        var stillWaiting = !waiting.IsCompleted;
        cancel.Cancel();

        Assert.Multiple(() =>
        {
            Assert.That(stillWaiting, Is.True, "the only session is held");
            Assert.CatchAsync<OperationCanceledException>(() => waiting);
        });
        release.Set();
        await holder;
        Assert.That(await signer.SignAsync(Encoding.UTF8.GetBytes(RsaVectors.GetMessage)), Has.Length.EqualTo(256), "the session is back in the pool");
    }

    [Test]
    public void AFailedOperation_IsACryptographicException_WithTheReturnCode_AndTheSessionStaysUsable()
    {
        using var signer = new Pkcs11Signer(SoftHsmToken.Shared.Options());

        var e = Assert.ThrowsAsync<System.Security.Cryptography.CryptographicException>(() => signer.DecryptAsync(new byte[3]));

        Assert.That(e!.Message, Does.Match(@"^PKCS#11 C_Decrypt with the private key with label `merchant` on token `chainpay` failed: CKR_[A-Z_]+\.$"));
        Assert.That(e.InnerException, Is.TypeOf<Pkcs11Exception>());
        Assert.DoesNotThrowAsync(() => signer.SignAsync(new byte[] { 1 }));
    }

    /// <summary>Closes every session of this process on the token, as a token reconnect does (the login goes with them).</summary>
    internal static void CloseAllSessionsOfTheToken()
    {
        var shared = SharedLibrary.Acquire(SoftHsmToken.Shared.LibraryPath);
        try
        {
            shared.Library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.Trim() == SoftHsmToken.TokenLabel).CloseAllSessions();
        }
        finally
        {
            shared.Release();
        }
    }
}
