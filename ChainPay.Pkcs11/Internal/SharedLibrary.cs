using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace ChainPay.Pkcs11.Internal;

/// <summary>
/// One loaded PKCS#11 library per path for the whole process, counted: Cryptoki is initialised once per process and
/// its login state is per token for the whole process, so one signer's <c>C_Finalize</c> or <c>C_Logout</c> must not
/// pull the library or the login from under another signer on the same library or token.
/// </summary>
internal sealed class SharedLibrary
{
    private static readonly Dictionary<string, SharedLibrary> Open = new(StringComparer.Ordinal);
    private readonly string path;
    private readonly Dictionary<ulong, int> logins = new();
    private int references;

    private SharedLibrary(string path, IPkcs11Library library)
    {
        this.path = path;
        Library = library;
    }

    /// <summary>The Pkcs11Interop factories every session and mechanism is made with.</summary>
    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>The loaded, initialised library.</summary>
    public IPkcs11Library Library { get; }

    /// <summary>The library at <paramref name="path"/>, loaded and initialised (multi-threaded, OS locking) on first use.</summary>
    public static SharedLibrary Acquire(string path)
    {
        DlopenResolver.Register();
        lock (Open)
        {
            if (!Open.TryGetValue(path, out var shared))
            {
                shared = new SharedLibrary(path, Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded));
                Open.Add(path, shared);
            }

            shared.references++;
            return shared;
        }
    }

    /// <summary>Logs in as the user on <paramref name="session"/>'s token unless this process already is; counted.</summary>
    /// <exception cref="Pkcs11Exception">The token refused the PIN.</exception>
    public void Login(ulong slotId, ISession session, byte[] pin)
    {
        lock (Open)
        {
            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Another signer of this process (or the application) logged in to this token: the login is shared.
            }

            logins[slotId] = logins.TryGetValue(slotId, out var count) ? count + 1 : 1;
        }
    }

    /// <summary>Logs in again after the token lost the login (a reconnect), without counting another login.</summary>
    public static void Relogin(ISession session, byte[] pin)
    {
        try
        {
            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Still logged in: only the session was lost.
        }
    }

    /// <summary>Counts one login off <paramref name="slotId"/>'s token, and logs out with <paramref name="session"/> at the last (none: the token is gone).</summary>
    public void Logout(ulong slotId, ISession? session)
    {
        lock (Open)
        {
            var count = logins.TryGetValue(slotId, out var c) ? c - 1 : 0;
            if (count > 0)
            {
                logins[slotId] = count;
                return;
            }

            logins.Remove(slotId);
            try
            {
                session?.Logout();
            }
            catch (Pkcs11Exception)
            {
                // Already logged out (the token was removed, or its sessions closed): nothing is left to end.
            }
        }
    }

    /// <summary>Counts one user off; the last finalizes and unloads the library.</summary>
    public void Release()
    {
        lock (Open)
        {
            if (--references > 0)
            {
                return;
            }

            Open.Remove(path);
            Library.Dispose();
        }
    }
}
