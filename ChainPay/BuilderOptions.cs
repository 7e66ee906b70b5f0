namespace ChainPay;

/// <summary>
/// The configuration of <see cref="Builder.Factory(BuilderOptions)"/>, wechatpay-php's config keys in PascalCase.
/// Keys are parsed once, when the factory runs.
/// </summary>
/// <example>
/// <code>
/// var options = new BuilderOptions
/// {
///     Mchid = "1900000001",
///     Serial = "5242C10888C8FD8EB068146BBA49DCD32EF6140F",
///     PrivateKey = Rsa.From("file:///path/to/apiclient_key.pem"),
///     Certs = { ["PUB_KEY_ID_0114232134912410000000000000"] = Rsa.From("file:///path/to/pub_key.pem", Rsa.KeyTypePublic) },
/// };
/// </code>
/// </example>
public sealed class BuilderOptions
{
    /// <summary>The RSA authorization scheme (the default): RSA-SHA256 signatures, RSA-OAEP sensitive fields.</summary>
    public const string SchemeRsa = "WECHATPAY2-SHA256-RSA2048";

    /// <summary>The 国密 authorization scheme: SM2 signatures with SM3, SM2 sensitive fields; keys are SM2 keys.</summary>
    public const string SchemeSm2 = "WECHATPAY2-SM2-WITH-SM3";

    /// <summary>The default <see cref="BaseUri"/>.</summary>
    public const string DefaultBaseUri = "https://api.mch.weixin.qq.com/";

    /// <summary>The merchant id (<c>mchid</c>), put in every <c>Authorization</c> header. Required.</summary>
    public string? Mchid { get; set; }

    /// <summary>The serial number of the merchant API certificate (<c>serial</c>). Required.</summary>
    public string? Serial { get; set; }

    /// <summary>
    /// The merchant API private key (<c>privateKey</c>): an <c>RSA</c>, a PEM string (PKCS#1 or PKCS#8), a
    /// <c>file://</c> path, <c>private.pkcs1://…</c> or <c>private.pkcs8://…</c>. Required.
    /// </summary>
    public object? PrivateKey { get; set; }

    /// <summary>
    /// Signs requests with a merchant key kept outside this process (an HSM through <c>ChainPay.Pkcs11</c>, a KMS), in
    /// place of <see cref="PrivateKey"/>: set one of the two. Its <see cref="Crypto.ISigner.SigningScheme"/> must be
    /// <see cref="SigningScheme"/>.
    /// </summary>
    public Crypto.ISigner? Signer { get; set; }

    /// <summary>
    /// The WeChat Pay platform keys by certificate serial or public key id (<c>PUB_KEY_ID_…</c>): each value an
    /// <c>RSA</c>, an <c>X509Certificate2</c>, a PEM string (public key, RSA PUBLIC KEY or certificate), a
    /// <c>file://</c> path, <c>public.spki://…</c> or <c>public.pkcs1://…</c>. Created empty; at least one is required,
    /// and the merchant's own <see cref="Serial"/> is not allowed here.
    /// </summary>
    public IDictionary<string, object?> Certs { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// The APIv3 authorization scheme: <see cref="SchemeRsa"/> (default) or <see cref="SchemeSm2"/>. With SM2,
    /// <see cref="PrivateKey"/> and <see cref="Certs"/> hold SM2 keys (PEM, <c>file://</c>, <c>Sm2PrivateKey</c>/<c>Sm2PublicKey</c>).
    /// </summary>
    public string SigningScheme { get; set; } = SchemeRsa;

    /// <summary>The APIv2 key (<c>secret</c>). Setting it enables the APIv2 (XML) client that <c>v2/…</c> calls route to.</summary>
    public string? Secret { get; set; }

    /// <summary>The merchant API client certificate (<c>merchant</c>) that APIv2 calls with <c>security = true</c> present in TLS.</summary>
    public V2.MerchantCertificate? Merchant { get; set; }

    /// <summary>
    /// The base URI requests are resolved against (<c>base_uri</c>); a missing trailing <c>/</c> is added.
    /// Others in use: <c>https://api2.mch.weixin.qq.com/</c>, <c>https://apihk.mch.weixin.qq.com/</c>.
    /// </summary>
    public string BaseUri { get; set; } = DefaultBaseUri;

    /// <summary>Headers sent with every request (<c>headers</c>), over the defaults (<c>Accept</c>, <c>User-Agent</c>).</summary>
    public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The timeout of one request; <c>null</c> keeps Flurl's default (100 seconds).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// An <see cref="System.Net.Http.HttpClient"/> to send with (e.g. from <c>IHttpClientFactory</c>, or one over a test
    /// handler). ChainPay never disposes it. When <c>null</c>, ChainPay creates its own.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Refuse an answer whose <c>Wechatpay-Nonce</c> this instance already accepted within 10 minutes (a replayed
    /// answer verifies otherwise: the signature covers the answer, not the request). On by default; it keeps one
    /// nonce per answer for 10 minutes.
    /// </summary>
    public bool ResponseReplayProtection { get; set; } = true;

    /// <summary>
    /// Where the answers' nonces are remembered for <see cref="ResponseReplayProtection"/>; <c>null</c> (default) is this
    /// instance's own memory. A shared store (<c>ChainPay.Redis</c>) refuses an answer replayed to any instance; when
    /// it cannot be reached, the instance's own memory guards the call and a warning is logged.
    /// </summary>
    public Replay.INonceStore? NonceStore { get; set; }

    /// <summary>Rate limiting per API of this merchant (<see cref="RateLimiting.RateLimitOptions"/>); <c>null</c> (default) does not limit.</summary>
    public RateLimiting.RateLimitOptions? RateLimiting { get; set; }

    /// <summary>
    /// Send <c>Wechatpay-Serial</c> with every APIv3 request, as WeChat Pay's Java and Go SDKs do: the last
    /// <c>PUB_KEY_ID_…</c> in <see cref="Certs"/> when there is one, else the newest platform certificate serial (the
    /// last configured or downloaded), the key sensitive fields are encrypted with. A request's own
    /// <c>Wechatpay-Serial</c> header (or one in <see cref="Headers"/>) wins. On by default; <c>false</c> sends it only
    /// with sensitive fields, as wechatpay-php does.
    /// </summary>
    public bool SendPlatformSerial { get; set; } = true;

    /// <summary>The largest answer ChainPay buffers, in bytes (bills stream and are not limited). Default 32 MiB.</summary>
    public long MaxResponseSize { get; set; } = 32L * 1024 * 1024;

    /// <summary>Retries with backoff and the backup domain (<see cref="Resilience.RetryOptions"/>); <c>null</c> (default) sends once.</summary>
    public Resilience.RetryOptions? Retry { get; set; }

    /// <summary>
    /// Where the <c>ChainPay</c> logger comes from (one event per call, warnings for retries and failed
    /// verifications; see <see cref="Telemetry.ChainPayTelemetry"/>); <c>null</c> (default) logs nothing.
    /// Dependency injection sets it from the container.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock that timestamps requests and judges response timestamps; <c>null</c> is the system clock. For tests.</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    /// <summary>The nonce source of request signatures; <c>null</c> is <see cref="Formatter.Nonce(int)"/>. For tests.</summary>
    public Func<string>? Nonce { get; set; }

    /// <summary>A description with the merchant id and serials; the private key and <see cref="Secret"/> are never shown.</summary>
    public override string ToString() =>
        $"BuilderOptions {{ Mchid = {Mchid}, Serial = {Serial}, PrivateKey = {(PrivateKey is null ? "null" : "(set)")}, Signer = {(Signer is null ? "null" : Signer.GetType().Name)}, "
        + $"Certs = [{string.Join(",", Certs.Keys)}], Secret = {(string.IsNullOrEmpty(Secret) ? "null" : "(set)")}, BaseUri = {BaseUri} }}";
}
