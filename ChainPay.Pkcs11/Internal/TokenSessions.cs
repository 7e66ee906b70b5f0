using System.Collections.Concurrent;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace ChainPay.Pkcs11.Internal;

/// <summary>
/// The logged-in token and its key, used through a bounded pool of sessions: a PKCS#11 session serves one thread at a
/// time, so each operation takes an idle session (or opens one, up to <see cref="Pkcs11Target.MaxSessions"/>) and gives
/// it back. A session the token lost (<c>CKR_SESSION_HANDLE_INVALID</c>, a reconnect) is replaced once: a new session,
/// a new login if the token forgot it, the key found again.
/// </summary>
internal sealed class TokenSessions
{
    private static readonly HashSet<CKR> Lost = new()
    {
        CKR.CKR_SESSION_HANDLE_INVALID, CKR.CKR_SESSION_CLOSED, CKR.CKR_USER_NOT_LOGGED_IN, CKR.CKR_DEVICE_REMOVED,
        CKR.CKR_TOKEN_NOT_PRESENT, CKR.CKR_KEY_HANDLE_INVALID, CKR.CKR_OBJECT_HANDLE_INVALID,
    };

    private readonly SharedLibrary shared;
    private readonly Pkcs11Target target;
    private readonly SemaphoreSlim permits;
    private readonly ConcurrentBag<ISession> idle = new();
    private readonly object gate = new();
    private readonly ulong loginSlot;
    private volatile ISlot slot;
    private volatile IObjectHandle key;
    private bool closed;
    private int reconnects;
    private int opened;

    private TokenSessions(SharedLibrary shared, Pkcs11Target target, ISlot slot, IObjectHandle key)
    {
        this.shared = shared;
        this.target = target;
        this.slot = slot;
        this.key = key;
        loginSlot = slot.SlotId;
        permits = new SemaphoreSlim(target.MaxSessions, target.MaxSessions);
    }

    /// <summary>The slot id of the token at construction.</summary>
    public ulong SlotId => loginSlot;

    /// <summary>How many times a lost session was replaced (for tests).</summary>
    public int Reconnects => Volatile.Read(ref reconnects);

    /// <summary>How many sessions were opened after the first (for tests: never more than the pool's bound at once).</summary>
    public int Opened => Volatile.Read(ref opened);

    /// <summary>Finds the token, logs in and finds the key; the session it used stays in the pool.</summary>
    /// <exception cref="InvalidArgumentException">No such token, a wrong PIN, no such key, not an RSA key, a missing usage.</exception>
    public static TokenSessions Open(SharedLibrary shared, Pkcs11Target target)
    {
        var slot = Step(nameof(Pkcs11SignerOptions.TokenLabel), target, () => TokenKey.FindSlot(shared.Library, target));
        var session = Step(nameof(Pkcs11SignerOptions.TokenLabel), target, () => slot.OpenSession(SessionType.ReadOnly));
        var loggedIn = false;
        try
        {
            try
            {
                shared.Login(slot.SlotId, session, target.Pin);
                loggedIn = true;
            }
            catch (Pkcs11Exception e)
            {
                throw PinRefused(target, e.RV, e);
            }

            var key = Step(target.KeyOption, target, () => TokenKey.Find(session, target));
            var sessions = new TokenSessions(shared, target, slot, key);
            sessions.idle.Add(session);
            return sessions;
        }
        catch
        {
            if (loggedIn)
            {
                shared.Logout(slot.SlotId, session);
            }

            Close(session);
            throw;
        }
    }

    /// <summary>Runs <paramref name="operation"/> (<paramref name="function"/> names it in errors) on a pooled session.</summary>
    /// <exception cref="CryptographicException">The token refused it; the message has the PKCS#11 return code.</exception>
    public async Task<T> RunAsync<T>(string function, Func<ISession, IObjectHandle, T> operation, CancellationToken cancellationToken)
    {
        await permits.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Run(function, operation);
        }
        finally
        {
            permits.Release();
        }
    }

    /// <summary><see cref="RunAsync{T}"/>, waiting on this thread for a session.</summary>
    public T RunSync<T>(string function, Func<ISession, IObjectHandle, T> operation)
    {
        permits.Wait();
        try
        {
            return Run(function, operation);
        }
        finally
        {
            permits.Release();
        }
    }

    /// <summary>Closes the idle sessions, logs out (unless another signer of this process shares the login).</summary>
    public void Close()
    {
        List<ISession> sessions;
        lock (gate)
        {
            closed = true;
            sessions = Drain();
        }

        var spare = sessions.Count > 0 ? sessions[0] : TryOpen();
        shared.Logout(loginSlot, spare);

        foreach (var session in sessions)
        {
            Close(session);
        }

        if (spare is not null && sessions.Count == 0)
        {
            Close(spare);
        }
    }

    private static T Step<T>(string option, Pkcs11Target target, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Pkcs11Exception e)
        {
            throw new InvalidArgumentException($"The PKCS#11 library {target.LibraryPath} failed on {target.Token} with {e.RV} ({e.Method}): check the `{option}`.", option, e);
        }
    }

    private static InvalidArgumentException PinRefused(Pkcs11Target target, CKR rv, Exception inner) => new(rv switch
    {
        CKR.CKR_PIN_INCORRECT => $"The `Pin` is not the user PIN of {target.Token} (CKR_PIN_INCORRECT): set the token's user PIN; repeated wrong PINs may lock it.",
        CKR.CKR_PIN_LOCKED => $"The user PIN of {target.Token} is locked (CKR_PIN_LOCKED): the security officer must reset it before the `Pin` can log in.",
        CKR.CKR_USER_PIN_NOT_INITIALIZED => $"{target.Token} has no user PIN yet (CKR_USER_PIN_NOT_INITIALIZED): initialise it (softhsm2-util --init-token … --pin …), then set the `Pin`.",
        _ => $"Logging in to {target.Token} with the `Pin` failed with {rv}: check the PIN and the token.",
    }, nameof(Pkcs11SignerOptions.Pin), inner);

    private static void Close(ISession session)
    {
        try
        {
            session.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // Already gone with the token or the library.
        }
    }

    private T Run<T>(string function, Func<ISession, IObjectHandle, T> operation)
    {
        var session = Take(function);
        try
        {
            var result = operation(session, key);
            Give(session);
            return result;
        }
        catch (Pkcs11Exception e) when (Lost.Contains(e.RV))
        {
            Close(session);
        }
        catch (Pkcs11Exception e)
        {
            Give(session);
            throw Failed(function, e);
        }

        session = Reconnect(function);
        try
        {
            var result = operation(session, key);
            Give(session);
            return result;
        }
        catch (Pkcs11Exception e)
        {
            Give(session);
            throw Failed(function, e);
        }
    }

    private ISession Take(string function)
    {
        if (idle.TryTake(out var session))
        {
            return session;
        }

        try
        {
            var fresh = slot.OpenSession(SessionType.ReadOnly);
            Interlocked.Increment(ref opened);
            return fresh;
        }
        catch (Pkcs11Exception e) when (Lost.Contains(e.RV) || e.RV == CKR.CKR_SLOT_ID_INVALID)
        {
            return Reconnect(function);
        }
        catch (Pkcs11Exception e)
        {
            throw Failed("C_OpenSession", e);
        }
    }

    private void Give(ISession session)
    {
        lock (gate)
        {
            if (!closed)
            {
                idle.Add(session);
                return;
            }
        }

        Close(session);
    }

    private ISession Reconnect(string function)
    {
        lock (gate)
        {
            Interlocked.Increment(ref reconnects);
            try
            {
                slot = TokenKey.FindSlot(shared.Library, target);
                var session = slot.OpenSession(SessionType.ReadOnly);
                SharedLibrary.Relogin(session, target.Pin);
                key = TokenKey.Find(session, target);
                return session;
            }
            catch (Pkcs11Exception e)
            {
                throw Failed(function, e);
            }
            catch (InvalidArgumentException e)
            {
                throw new CryptographicException($"PKCS#11 {function} failed: the session was lost and reopening it failed: {e.Message}", e);
            }
        }
    }

    private ISession? TryOpen()
    {
        try
        {
            return slot.OpenSession(SessionType.ReadOnly);
        }
        catch (Pkcs11Exception)
        {
            return null;
        }
    }

    private List<ISession> Drain()
    {
        var sessions = new List<ISession>();
        while (idle.TryTake(out var session))
        {
            sessions.Add(session);
        }

        return sessions;
    }

    private CryptographicException Failed(string function, Pkcs11Exception e) =>
        new($"PKCS#11 {function} with the private key with {target.Key} on {target.Token} failed: {e.RV}.", e);
}
