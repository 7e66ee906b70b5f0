using System.Globalization;
using System.Text;

namespace ChainPay.Pkcs11.Internal;

/// <summary>Checked <see cref="Pkcs11SignerOptions"/>: what to load, which token, which key, the PIN as bytes.</summary>
internal sealed class Pkcs11Target
{
    private Pkcs11Target(string libraryPath, string? tokenLabel, ulong? slotId, byte[] pin, string? keyLabel, byte[]? keyId, int maxSessions)
    {
        LibraryPath = libraryPath;
        TokenLabel = tokenLabel;
        SlotId = slotId;
        Pin = pin;
        KeyLabel = keyLabel;
        KeyId = keyId;
        MaxSessions = maxSessions;
    }

    public string LibraryPath { get; }

    public string? TokenLabel { get; }

    public ulong? SlotId { get; }

    public byte[] Pin { get; }

    public string? KeyLabel { get; }

    public byte[]? KeyId { get; }

    public int MaxSessions { get; }

    /// <summary>The token as the messages name it: <c>token `label`</c> or <c>slot 3</c>.</summary>
    public string Token => TokenLabel is null ? $"slot {SlotId!.Value.ToString(CultureInfo.InvariantCulture)}" : $"token `{TokenLabel}`";

    /// <summary>The key as the messages name it: its label and/or <c>CKA_ID</c>.</summary>
    public string Key => (KeyLabel, KeyId) switch
    {
        (not null, null) => $"label `{KeyLabel}`",
        (null, not null) => $"CKA_ID {Hex(KeyId)}",
        _ => $"label `{KeyLabel}` and CKA_ID {Hex(KeyId!)}",
    };

    /// <summary>The option a key not found is blamed on.</summary>
    public string KeyOption => KeyLabel is null ? nameof(Pkcs11SignerOptions.KeyId) : nameof(Pkcs11SignerOptions.KeyLabel);

    /// <summary>Checks <paramref name="options"/> before anything is loaded.</summary>
    /// <exception cref="InvalidArgumentException">An option is missing or malformed; the message names it.</exception>
    public static Pkcs11Target From(Pkcs11SignerOptions? options)
    {
        if (options is null)
        {
            throw new InvalidArgumentException("The Pkcs11SignerOptions are required.", nameof(options));
        }

        var scheme = options.SigningScheme;
        if (string.Equals(scheme, BuilderOptions.SchemeSm2, StringComparison.Ordinal))
        {
            throw new InvalidArgumentException(
                $"The `SigningScheme` {scheme} is not supported by this token/library: ChainPay.Pkcs11 signs with RSA keys only (CKM_SHA256_RSA_PKCS); PKCS#11 has no standard SM2-with-SM3 mechanism and SoftHSM2 none at all. Keep an SM2 key in `BuilderOptions.PrivateKey`, or implement ISigner over your HSM vendor's SM2 API.",
                nameof(Pkcs11SignerOptions.SigningScheme));
        }

        if (!string.Equals(scheme, BuilderOptions.SchemeRsa, StringComparison.Ordinal))
        {
            throw new InvalidArgumentException($"The `SigningScheme` must be {BuilderOptions.SchemeRsa}, not {scheme ?? "null"}.", nameof(Pkcs11SignerOptions.SigningScheme));
        }

        var library = options.LibraryPath;
        if (string.IsNullOrWhiteSpace(library))
        {
            throw new InvalidArgumentException(
                "The `LibraryPath` is required: the PKCS#11 module of your HSM, e.g. /usr/lib/softhsm/libsofthsm2.so for SoftHSM2.", nameof(Pkcs11SignerOptions.LibraryPath));
        }

        if (Path.IsPathRooted(library) && !File.Exists(library))
        {
            throw new InvalidArgumentException(
                $"The `LibraryPath` {library} does not exist: install your HSM's PKCS#11 module (SoftHSM2: apt-get install softhsm2) and set its full path.", nameof(Pkcs11SignerOptions.LibraryPath));
        }

        var hasLabel = !string.IsNullOrEmpty(options.TokenLabel);
        if (hasLabel == options.SlotId.HasValue)
        {
            throw new InvalidArgumentException(
                "Set one of `TokenLabel` (the token's label, as `softhsm2-util --show-slots` lists it) or `SlotId`.", nameof(Pkcs11SignerOptions.TokenLabel));
        }

        if (string.IsNullOrEmpty(options.Pin))
        {
            throw new InvalidArgumentException("The `Pin` (the token's user PIN) is required.", nameof(Pkcs11SignerOptions.Pin));
        }

        var keyId = ParseKeyId(options.KeyId);
        var keyLabel = string.IsNullOrEmpty(options.KeyLabel) ? null : options.KeyLabel;
        if (keyLabel is null && keyId is null)
        {
            throw new InvalidArgumentException("Set the `KeyLabel` (CKA_LABEL) and/or `KeyId` (CKA_ID, hex) of the merchant private key.", nameof(Pkcs11SignerOptions.KeyLabel));
        }

        if (options.MaxSessions < 1)
        {
            throw new InvalidArgumentException($"The `MaxSessions` must be at least 1, not {options.MaxSessions}.", nameof(Pkcs11SignerOptions.MaxSessions));
        }

        return new Pkcs11Target(library!, hasLabel ? options.TokenLabel!.TrimEnd(' ') : null, hasLabel ? null : options.SlotId,
            Encoding.UTF8.GetBytes(options.Pin), keyLabel, keyId, options.MaxSessions);
    }

    /// <summary>Lower-case hex of <paramref name="bytes"/>.</summary>
    public static string Hex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static byte[]? ParseKeyId(string? hex)
    {
        if (string.IsNullOrEmpty(hex))
        {
            return null;
        }

        if (hex!.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
        {
            throw new InvalidArgumentException("The `KeyId` must be the key's CKA_ID in hex, an even number of 0-9a-f digits (e.g. 01a2).", nameof(Pkcs11SignerOptions.KeyId));
        }

        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(hex.Substring(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return bytes;
    }
}
