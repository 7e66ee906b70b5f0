namespace ChainPay.Notifications;

/// <summary>The settings of a <see cref="NotificationVerifier"/>.</summary>
/// <example>
/// <code>
/// var verifier = new NotificationVerifier(new NotificationOptions
/// {
///     Certs = { ["PUB_KEY_ID_0114232134912410000000000000"] = Rsa.From("file:///path/to/pub_key.pem", Rsa.KeyTypePublic) },
///     ApiV3Key = apiV3Key,
/// });
/// </code>
/// </example>
public sealed class NotificationOptions
{
    /// <summary>The platform keys by serial or <c>PUB_KEY_ID_…</c>, in any form <see cref="BuilderOptions.Certs"/> takes. At least one.</summary>
    public IDictionary<string, object?> Certs { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The scheme notifications are signed in: <see cref="BuilderOptions.SchemeRsa"/> (default) or <see cref="BuilderOptions.SchemeSm2"/> (then <see cref="Certs"/> hold SM2 keys).</summary>
    public string SigningScheme { get; set; } = BuilderOptions.SchemeRsa;

    /// <summary>The APIv3 key (32 characters) that decrypts <c>resource</c>; needed only to decrypt.</summary>
    public string? ApiV3Key { get; set; }

    /// <summary>The clock the ±300 s window is judged by; the system clock by default.</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    /// <summary>
    /// Refuse a notification whose <c>Wechatpay-Nonce</c> was seen in the last 10 minutes (in this process). Off by
    /// default: WeChat Pay re-sends a notification until it is acknowledged, and a shared store is better for farms.
    /// </summary>
    public bool ReplayProtection { get; set; }

    /// <summary>
    /// Where notification nonces are remembered, shared by every instance (<c>ChainPay.Redis</c>); setting it turns the
    /// replay guard on. When it cannot be reached the notification is refused with <see cref="SharedStoreUnavailableException"/>
    /// (fail closed: WeChat Pay delivers it again later). <c>null</c> (default): <see cref="ReplayProtection"/> decides, in this process.
    /// </summary>
    public Replay.INonceStore? NonceStore { get; set; }

    /// <summary>The merchant id the nonces are kept under in <see cref="NonceStore"/>; <c>default</c> when not set.</summary>
    public string? Mchid { get; set; }

    /// <summary>The serials and whether a key is set; never the key itself.</summary>
    public override string ToString() =>
        $"NotificationOptions {{ Certs = [{string.Join(",", Certs.Keys)}], ApiV3Key = {(string.IsNullOrEmpty(ApiV3Key) ? "null" : "(set)")}, ReplayProtection = {ReplayProtection}, NonceStore = {(NonceStore is null ? "null" : NonceStore.GetType().Name)} }}";
}
