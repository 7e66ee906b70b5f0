namespace ChainPay.Pkcs11;

/// <summary>
/// Where <see cref="Pkcs11Signer"/> finds the merchant private key: the PKCS#11 library, the token (by label or slot
/// id), the user PIN and the key (by label and/or <c>CKA_ID</c>).
/// </summary>
/// <remarks>The <see cref="Pin"/> is a secret: <see cref="ToString"/> and every exception message leave it out.</remarks>
/// <example>
/// <code>
/// var options = new Pkcs11SignerOptions
/// {
///     LibraryPath = "/usr/lib/softhsm/libsofthsm2.so",
///     TokenLabel = "chainpay",
///     Pin = Environment.GetEnvironmentVariable("HSM_PIN"),
///     KeyLabel = "merchant-1900000001",
/// };
/// </code>
/// </example>
public sealed class Pkcs11SignerOptions
{
    /// <summary>The default <see cref="MaxSessions"/>.</summary>
    public const int DefaultMaxSessions = 4;

    /// <summary>The PKCS#11 module (Cryptoki library) of the HSM, e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>; required.</summary>
    public string? LibraryPath { get; set; }

    /// <summary>The label of the token holding the key (<c>CK_TOKEN_INFO.label</c>, trailing spaces ignored); set it or <see cref="SlotId"/>.</summary>
    public string? TokenLabel { get; set; }

    /// <summary>The slot id of the token holding the key; set it or <see cref="TokenLabel"/>.</summary>
    public ulong? SlotId { get; set; }

    /// <summary>The user PIN of the token (a secret: never shown by <see cref="ToString"/> or in any message); required.</summary>
    public string? Pin { get; set; }

    /// <summary>The <c>CKA_LABEL</c> of the private key; set it, <see cref="KeyId"/> or both.</summary>
    public string? KeyLabel { get; set; }

    /// <summary>The <c>CKA_ID</c> of the private key in hex (e.g. <c>01a2</c>); set it, <see cref="KeyLabel"/> or both.</summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// The scheme the key signs in: <see cref="BuilderOptions.SchemeRsa"/> (the default and the only one supported;
    /// <see cref="BuilderOptions.SchemeSm2"/> is refused: no standard PKCS#11 mechanism signs SM2 with SM3).
    /// </summary>
    public string SigningScheme { get; set; } = BuilderOptions.SchemeRsa;

    /// <summary>
    /// How many PKCS#11 sessions the signer opens at most, i.e. how many signatures and decryptions run at once
    /// (a session is used by one thread at a time; further callers wait). At least 1; <see cref="DefaultMaxSessions"/> by default.
    /// </summary>
    public int MaxSessions { get; set; } = DefaultMaxSessions;

    /// <summary>The options without the PIN (shown as <c>(set)</c> or <c>null</c>).</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() =>
        $"Pkcs11SignerOptions {{ LibraryPath = {LibraryPath ?? "null"}, TokenLabel = {TokenLabel ?? "null"}, SlotId = {(SlotId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}, "
        + $"Pin = {(Pin is null ? "null" : "(set)")}, KeyLabel = {KeyLabel ?? "null"}, KeyId = {KeyId ?? "null"}, SigningScheme = {SigningScheme ?? "null"}, MaxSessions = {MaxSessions} }}";
}
