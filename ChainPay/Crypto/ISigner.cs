namespace ChainPay.Crypto;

/// <summary>
/// Signs with the merchant private key wherever it lives (an HSM, a KMS, another process), instead of
/// <see cref="BuilderOptions.PrivateKey"/> in this process's memory. Set it as <see cref="BuilderOptions.Signer"/>.
/// </summary>
/// <remarks>
/// For <see cref="BuilderOptions.SchemeRsa"/>: RSASSA-PKCS1-v1_5 with SHA-256 over the whole message (PKCS#11
/// <c>CKM_SHA256_RSA_PKCS</c>). For <see cref="BuilderOptions.SchemeSm2"/>: SM2 with SM3 and the default user id
/// <c>1234567812345678</c>, the signature DER-encoded. ChainPay calls it once per request attempt, at send time.
/// </remarks>
/// <example>
/// <code>
/// var options = new BuilderOptions { Mchid = "1900000001", Serial = "…", Signer = new Pkcs11Signer(pkcs11Options), Certs = { … } };
/// </code>
/// </example>
public interface ISigner
{
    /// <summary>The scheme the key signs in: <see cref="BuilderOptions.SchemeRsa"/> or <see cref="BuilderOptions.SchemeSm2"/>.</summary>
    string SigningScheme { get; }

    /// <summary>Signs <paramref name="message"/> (the bytes, not a digest).</summary>
    /// <param name="message">The message, e.g. <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n</c>.</param>
    /// <param name="cancellationToken">Stops waiting for the signature.</param>
    /// <returns>The signature bytes (ChainPay base64-encodes them).</returns>
    Task<byte[]> SignAsync(byte[] message, CancellationToken cancellationToken = default);
}
