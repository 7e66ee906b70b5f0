#if NET
using System.Reflection;
using System.Runtime.InteropServices;
#endif

namespace ChainPay.Pkcs11.Internal;

/// <summary>
/// Pkcs11Interop loads the PKCS#11 module with <c>dlopen</c> from <c>[DllImport("libdl")]</c>, which needs the
/// unversioned <c>libdl.so</c> that only a C development package installs; on .NET this maps it to the runtime's
/// <c>libdl.so.2</c> (or glibc 2.34's <c>libc.so.6</c>, which holds <c>dlopen</c> now), so no extra package is needed.
/// </summary>
internal static class DlopenResolver
{
#if NET
    private static readonly string[] Candidates = { "libdl.so.2", "libc.so.6", "libdl.so" };
    private static int registered;
#endif

    /// <summary>Registers the mapping once per process; an application's own resolver for Pkcs11Interop wins.</summary>
    public static void Register()
    {
#if NET
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref registered, 1) != 0)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Net.Pkcs11Interop.Common.Pkcs11Exception).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The application set a resolver for Pkcs11Interop already: it knows its platform better.
        }
#endif
    }

#if NET
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (!string.Equals(name, "libdl", StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
#endif
}
