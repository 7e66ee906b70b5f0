namespace ChainPay.Crypto;

/// <summary>
/// Decrypts with the merchant private key wherever it lives: the fields WeChat Pay encrypts for the merchant (RSAES-OAEP
/// with SHA-1 and MGF1-SHA-1, no label; PKCS#11 <c>CKM_RSA_PKCS_OAEP</c>). Used by <see cref="Rsa.DecryptAsync(string, IDecryptor, CancellationToken)"/>.
/// </summary>
/// <example>
/// <code>
/// string name = await Rsa.DecryptAsync(encryptedName, hsmKey);
/// </code>
/// </example>
public interface IDecryptor
{
    /// <summary>Decrypts <paramref name="ciphertext"/> (raw bytes, not base64).</summary>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The plaintext bytes.</returns>
    Task<byte[]> DecryptAsync(byte[] ciphertext, CancellationToken cancellationToken = default);
}
