using System.Text;
using ChainPay.Crypto;
using ChainPay.Pkcs11;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Pkcs11.Internal;

/// <summary>Cryptoki and its login are per process: one signer's Dispose must not finalize or log out another's.</summary>
public class SharedLibraryTests
{
    [Test]
    public async Task DisposingOneSigner_LeavesAnotherOnTheSameTokenWorking()
    {
        using var second = new Pkcs11Signer(SoftHsmToken.Shared.Options(SoftHsmToken.OtherKeyLabel));
        using (var first = new Pkcs11Signer(SoftHsmToken.Shared.Options()))
        {
            await first.SignAsync(new byte[] { 1 });
        }

        var signature = await second.SignAsync(Encoding.UTF8.GetBytes(RsaVectors.PostMessage));

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToBase64String(signature), Is.EqualTo(RsaVectors.PostSignature));
            Assert.That(second.Sessions.Reconnects, Is.Zero, "its sessions and login were left alone");
        });
    }

    [Test]
    public async Task ASignerAfterAllWereDisposed_LoadsTheLibraryAgain()
    {
        using (var first = new Pkcs11Signer(SoftHsmToken.Shared.Options()))
        {
            await first.SignAsync(new byte[] { 1 });
        }

        using var again = new Pkcs11Signer(SoftHsmToken.Shared.Options());

        var signature = await again.SignAsync(Encoding.UTF8.GetBytes(RsaVectors.GetMessage));

        Assert.That(Rsa.Verify(RsaVectors.GetMessage, Convert.ToBase64String(signature), SoftHsmToken.MerchantKey), Is.True);
    }

    [Test]
    public async Task ANewSigner_AfterTheTokenDroppedTheSharedLogin_LogsInAgain()
    {
        using var first = new Pkcs11Signer(SoftHsmToken.Shared.Options());
        TokenSessionsTests.CloseAllSessionsOfTheToken(); // the token forgets the process's login

        using var second = new Pkcs11Signer(SoftHsmToken.Shared.Options(SoftHsmToken.OtherKeyLabel));

        Assert.That(Convert.ToBase64String(await second.SignAsync(Encoding.UTF8.GetBytes(RsaVectors.PostMessage))), Is.EqualTo(RsaVectors.PostSignature));
    }
}
