using System.Security.Cryptography;
using ChainPay.Crypto;

namespace ChainPay.Tests.Fixtures;

/// <summary>An <see cref="ISigner"/>/<see cref="IDecryptor"/> over an in-memory RSA key, as an HSM would sign: counts its calls, can be told to fail.</summary>
internal sealed class KeySigner(RSA key, string scheme = BuilderOptions.SchemeRsa) : ISigner, IDecryptor
{
    private int signatures;

    public string SigningScheme => scheme;

    public int Signatures => Volatile.Read(ref signatures);

    public Exception? Failure { get; set; }

    /// <summary>The token of the last signature asked for.</summary>
    public CancellationToken LastToken { get; private set; }

    public async Task<byte[]> SignAsync(byte[] message, CancellationToken cancellationToken = default)
    {
        LastToken = cancellationToken;
        await Task.Yield(); // as a remote signer would: not on the caller's stack
        Interlocked.Increment(ref signatures);
        return Failure is { } failure ? throw failure : key.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public Task<byte[]> DecryptAsync(byte[] ciphertext, CancellationToken cancellationToken = default) =>
        Failure is { } failure ? Task.FromException<byte[]>(failure) : Task.FromResult(key.Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA1));
}
