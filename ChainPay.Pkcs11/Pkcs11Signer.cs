using System.Security.Cryptography;
using ChainPay.Crypto;
using ChainPay.Pkcs11.Internal;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace ChainPay.Pkcs11;

/// <summary>
/// Signs ChainPay's requests and decrypts the fields WeChat Pay encrypts for the merchant with an RSA private key that
/// stays in a PKCS#11 token (an HSM, a smart card, SoftHSM2): <c>CKM_SHA256_RSA_PKCS</c> for
/// <see cref="SignAsync"/>, <c>CKM_RSA_PKCS_OAEP</c> (SHA-1, MGF1-SHA-1, no label) for <see cref="DecryptAsync"/>.
/// Set it as <see cref="BuilderOptions.Signer"/>; pass it to <see cref="Rsa.DecryptAsync(string, IDecryptor, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// <para>The constructor loads the library (once per process and path, shared by every signer), logs in once and finds
/// the key; <see cref="Dispose"/> logs out and finalizes the library (when no other signer of the process uses the
/// token or the library). Keep one signer per key for the life of the application.</para>
/// <para>Thread-safe: each call takes a session from a pool of at most <see cref="Pkcs11SignerOptions.MaxSessions"/>
/// (a PKCS#11 session serves one thread at a time; further callers wait, cancellably). A session the token lost
/// (<c>CKR_SESSION_HANDLE_INVALID</c>, a token reconnect) is replaced once, logging in again if needed.</para>
/// <para>The PKCS#11 call itself is synchronous: the async methods check <c>cancellationToken</c> before starting and
/// while waiting for a session, then sign or decrypt on the calling thread.</para>
/// </remarks>
/// <example>
/// <code>
/// using var signer = new Pkcs11Signer(new Pkcs11SignerOptions { LibraryPath = "/usr/lib/softhsm/libsofthsm2.so", TokenLabel = "chainpay", Pin = pin, KeyLabel = "merchant" });
/// var instance = Builder.Factory(new BuilderOptions { Mchid = "1900000001", Serial = "…", Signer = signer, Certs = { … } });
/// </code>
/// </example>
public sealed class Pkcs11Signer : ISigner, IDecryptor, IDisposable
{
    private readonly Pkcs11Target target;
    private readonly SharedLibrary shared;
    private readonly TokenSessions sessions;
    private int disposed;

    /// <summary>Loads the library, finds the token, logs in with the PIN and finds the RSA private key.</summary>
    /// <param name="options">The library, token, PIN and key.</param>
    /// <exception cref="InvalidArgumentException">
    /// Names the option at fault (<see cref="ArgumentException.ParamName"/>), with the fix, never the PIN:
    /// <c>LibraryPath</c> (missing, not found, not a PKCS#11 library), <c>TokenLabel</c>/<c>SlotId</c> (no such token;
    /// the tokens present are listed), <c>Pin</c> (missing, <c>CKR_PIN_INCORRECT</c>, <c>CKR_PIN_LOCKED</c>),
    /// <c>KeyLabel</c>/<c>KeyId</c> (no such private key, several, not RSA, no <c>CKA_SIGN</c> or <c>CKA_DECRYPT</c>),
    /// <c>SigningScheme</c> (SM2: not supported by this token/library), <c>MaxSessions</c> (below 1).
    /// </exception>
    public Pkcs11Signer(Pkcs11SignerOptions options)
    {
        target = Pkcs11Target.From(options);
        try
        {
            shared = SharedLibrary.Acquire(target.LibraryPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidArgumentException(
                $"Cannot load the PKCS#11 library {target.LibraryPath} ({e.GetType().Name}: {e.Message}): set the `LibraryPath` to your HSM's PKCS#11 module for this platform and bitness.",
                nameof(Pkcs11SignerOptions.LibraryPath), e);
        }

        try
        {
            sessions = TokenSessions.Open(shared, target);
        }
        catch
        {
            shared.Release();
            throw;
        }
    }

    /// <summary>The pool of sessions (for tests).</summary>
    internal TokenSessions Sessions => sessions;

    /// <summary><see cref="BuilderOptions.SchemeRsa"/>: the only scheme a PKCS#11 signer supports.</summary>
    public string SigningScheme => BuilderOptions.SchemeRsa;

    /// <summary>Signs <paramref name="message"/> in the token with <c>CKM_SHA256_RSA_PKCS</c> (RSASSA-PKCS1-v1_5, SHA-256 over the whole message).</summary>
    /// <param name="message">The message, e.g. <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n</c>.</param>
    /// <param name="cancellationToken">Checked before starting and while waiting for a free session; the PKCS#11 call itself runs to its end.</param>
    /// <returns>The signature (as long as the modulus).</returns>
    /// <exception cref="InvalidArgumentException"><paramref name="message"/> is null.</exception>
    /// <exception cref="CryptographicException">The token refused: <c>PKCS#11 C_Sign … failed: CKR_…</c>.</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<byte[]> SignAsync(byte[] message, CancellationToken cancellationToken = default)
    {
        if (message is null)
        {
            throw new InvalidArgumentException("A message to sign is required.", nameof(message));
        }

        return RunAsync("C_Sign", (session, key) =>
        {
            using var mechanism = SharedLibrary.Factories.MechanismFactory.Create(CKM.CKM_SHA256_RSA_PKCS);
            return session.Sign(mechanism, key, message);
        }, cancellationToken);
    }

    /// <summary>Decrypts <paramref name="ciphertext"/> in the token with <c>CKM_RSA_PKCS_OAEP</c> (SHA-1, MGF1-SHA-1, no label).</summary>
    /// <param name="ciphertext">The raw ciphertext (not base64).</param>
    /// <param name="cancellationToken">Checked before starting and while waiting for a free session.</param>
    /// <returns>The plaintext bytes.</returns>
    /// <exception cref="InvalidArgumentException"><paramref name="ciphertext"/> is null.</exception>
    /// <exception cref="CryptographicException">The token refused, e.g. a tampered ciphertext:
    /// <c>PKCS#11 C_Decrypt … failed: CKR_…</c> (<see cref="Rsa.DecryptAsync(string, IDecryptor, CancellationToken)"/>
    /// turns it into PHP's <c>Decrypting the input $ciphertext failed…</c>).</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<byte[]> DecryptAsync(byte[] ciphertext, CancellationToken cancellationToken = default)
    {
        if (ciphertext is null)
        {
            throw new InvalidArgumentException("A ciphertext to decrypt is required.", nameof(ciphertext));
        }

        return RunAsync("C_Decrypt", (session, key) =>
        {
            var parameters = SharedLibrary.Factories.MechanismParamsFactory.CreateCkRsaPkcsOaepParams(
                (ulong)CKM.CKM_SHA_1, (ulong)CKG.CKG_MGF1_SHA1, (ulong)CKZ.CKZ_DATA_SPECIFIED, null);
            using var mechanism = SharedLibrary.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_OAEP, parameters);
            return session.Decrypt(mechanism, key, ciphertext);
        }, cancellationToken);
    }

    /// <summary>
    /// The token key's RSA public key (from the private key's <c>CKA_MODULUS</c> and <c>CKA_PUBLIC_EXPONENT</c>), e.g. to
    /// check at start that the token holds the key of the merchant API certificate.
    /// </summary>
    /// <returns>A new public-only <see cref="RSA"/>; the caller disposes it.</returns>
    /// <exception cref="CryptographicException">The token does not reveal them: <c>PKCS#11 C_GetAttributeValue … failed: CKR_…</c>.</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    public RSA GetPublicKey()
    {
        ThrowIfDisposed();
        var parameters = sessions.RunSync("C_GetAttributeValue", (session, key) =>
        {
            var values = session.GetAttributeValue(key, new List<CKA> { CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT });
            if (values.Any(v => v.CannotBeRead))
            {
                throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_SENSITIVE);
            }

            return new RSAParameters { Modulus = values[0].GetValueAsByteArray(), Exponent = values[1].GetValueAsByteArray() };
        });
        var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        return rsa;
    }

    /// <summary>Logs out and finalizes the library (unless another signer of this process still uses them); idempotent.</summary>
    /// <remarks>Dispose after the last call: a call still running may fail with a <see cref="CryptographicException"/>.</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            sessions.Close();
        }
        finally
        {
            shared.Release();
        }
    }

    /// <summary>The token and the key, never the PIN.</summary>
    /// <returns>E.g. <c>Pkcs11Signer { token `chainpay`, key label `merchant`, WECHATPAY2-SHA256-RSA2048 }</c>.</returns>
    public override string ToString() => $"Pkcs11Signer {{ {target.Token}, key {target.Key}, {SigningScheme} }}";

    private async Task<byte[]> RunAsync(string function, Func<ISession, IObjectHandle, byte[]> operation, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return await sessions.RunAsync(function, (session, key) =>
        {
            ThrowIfDisposed();
            return operation(session, key);
        }, cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(Pkcs11Signer), "The Pkcs11Signer was disposed: it has logged out of the token.");
        }
    }
}
