namespace ChainPay.Crypto.Internal;

/// <summary>
/// One AES-256-GCM implementation. <see cref="BouncyGcmCipher"/> handles any IV and tag length and is compiled
/// everywhere; <c>BclGcmCipher</c> (net8.0+) wraps <c>System.Security.Cryptography.AesGcm</c>, which only takes
/// 12-byte nonces. <see cref="AesGcm"/> prefers the latter when it supports the parameters.
/// </summary>
internal interface IGcmCipher
{
    /// <summary>A short name for diagnostics and tests ("bcl" or "bouncy").</summary>
    string Name { get; }

    /// <summary>Whether this implementation handles an IV and a tag of these lengths (bytes).</summary>
    bool Supports(int ivLength, int tagLength);

    /// <summary>Encrypts and returns <c>ciphertext || tag</c>.</summary>
    byte[] Encrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext, int tagLength);

    /// <summary>Decrypts and authenticates; throws <see cref="System.Security.Cryptography.CryptographicException"/> on failure.</summary>
    byte[] Decrypt(byte[] key, byte[] iv, byte[] aad, byte[] ciphertext, byte[] tag);
}
