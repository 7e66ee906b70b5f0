using ChainPay.Pkcs11.Internal;

namespace ChainPay.Tests.Pkcs11.Internal;

public class DlopenResolverTests
{
    [Test]
    public void Register_Twice_IsHarmless_AndTheLibraryLoadsWithoutLibdlSo()
    {
        DlopenResolver.Register();
        DlopenResolver.Register();

        // Pkcs11Interop's dlopen comes from "libdl": without the mapping this throws DllNotFoundException where only
        // libdl.so.2 is installed (no libc6-dev), as on CI.
        var shared = SharedLibrary.Acquire(Fixtures.SoftHsmToken.Shared.LibraryPath);
        try
        {
            Assert.That(shared.Library.GetInfo().ManufacturerId, Does.Contain("SoftHSM"));
        }
        finally
        {
            shared.Release();
        }
    }
}
