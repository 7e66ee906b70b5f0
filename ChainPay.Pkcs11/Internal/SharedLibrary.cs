using System.Security.Cryptography;
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
    private readonly Dictionary<ulong, TokenLogin> logins = new();
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

    /// <summary>
    /// Logs in as the user on <paramref name="session"/>'s token unless this process already is; counted. The token
    /// answers <c>CKR_USER_ALREADY_LOGGED_IN</c> to any PIN then, so a later signer's PIN is compared with the one
    /// that logged in (by SHA-256): a wrong PIN is refused even when the token would not check it.
    /// </summary>
    /// <exception cref="Pkcs11Exception">The token refused the PIN, or it is not the PIN this process logged in with.</exception>
    public void Login(ulong slotId, ISession session, byte[] pin)
    {
        lock (Open)
        {
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(pin);
            if (logins.TryGetValue(slotId, out var login))
            {
                if (!SameBytes(login.PinDigest, digest))
                {
                    throw new Pkcs11Exception("C_Login", CKR.CKR_PIN_INCORRECT);
                }

                Relogin(session, pin); // the token may have dropped the login (a reconnect) since
                login.Count++;
                return;
            }

            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // The application logged in to this token outside ChainPay: the login is shared.
            }

            logins[slotId] = new TokenLogin(digest);
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
            if (logins.TryGetValue(slotId, out var login) && --login.Count > 0)
            {
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

    private static bool SameBytes(byte[] a, byte[] b)
    {
        var difference = a.Length ^ b.Length;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            difference |= a[i] ^ b[i];
        }

        return difference == 0;
    }

    /// <summary>A token this process is logged in to: how many signers share the login, and the PIN's digest.</summary>
    private sealed class TokenLogin
    {
        public TokenLogin(byte[] pinDigest) => PinDigest = pinDigest;

        public byte[] PinDigest { get; }

        public int Count { get; set; } = 1;
    }
}
