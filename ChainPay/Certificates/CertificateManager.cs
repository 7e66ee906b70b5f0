using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Util;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Certificates;

/// <summary>
/// Keeps an instance's platform certificates current: downloads <c>/v3/certificates</c>, decrypts them with the
/// APIv3 key, checks each certificate's serial, and adds them to the keys answers are verified with. An answer
/// signed by a serial it does not know triggers one refresh (single-flight, at most once a minute); a periodic
/// refresh is optional. In public-key mode (<c>/v3/certificates</c> answers 404 <c>RESOURCE_NOT_EXISTS</c>) it
/// simply finds no certificates and keeps the configured <c>PUB_KEY_ID_…</c> key.
/// </summary>
/// <remarks>
/// Bootstrapping with no certificate yet: configure <c>Certs = { ["bootstrap"] = null }</c>. The first download's
/// answer is verified with the certificate it carries, trusted because it decrypts with the APIv3 key (as
/// wechatpay-php's CertificateDownloader does).
/// </remarks>
/// <example>
/// <code>
/// var instance = Builder.Factory(options);
/// using var manager = new CertificateManager(instance, apiV3Key, refreshInterval: TimeSpan.FromHours(12));
/// await manager.RefreshAsync();
/// </code>
/// </example>
public sealed partial class CertificateManager : IKeyResolver, IDisposable
{
    /// <summary>The shortest time between two refreshes forced by unknown serials.</summary>
    public static readonly TimeSpan MinForcedInterval = TimeSpan.FromMinutes(1);

    private readonly BuilderChain instance;
    private readonly string apiV3Key;
    private readonly KeyRing keys;
    private readonly Func<DateTimeOffset> clock;
    private readonly object gate = new();
    private readonly Timer? timer;
    private readonly IPlatformKeyStore? store;
    private readonly TimeSpan freshness;
    private Task<IReadOnlyList<PlatformCertificate>>? inflight;
    private DateTimeOffset lastForced = DateTimeOffset.MinValue;
    private int downloads;

    /// <summary>Attaches a manager to <paramref name="instance"/>.</summary>
    /// <param name="instance">The instance from <see cref="Builder.Factory(BuilderOptions)"/>.</param>
    /// <param name="apiV3Key">The APIv3 key (32 characters).</param>
    /// <param name="refreshInterval">Refresh periodically at this interval; <c>null</c> for on-demand only.</param>
    public CertificateManager(BuilderChain instance, string apiV3Key, TimeSpan? refreshInterval = null)
        : this(instance, apiV3Key, refreshInterval, null)
    {
    }

    /// <summary>
    /// Attaches a manager to <paramref name="instance"/> that shares its downloads through <paramref name="store"/>: of
    /// the managers refreshing together, one downloads (holding the store's lock) and the others read what it stored; a
    /// download younger than the refresh interval (one minute when there is none) is read, not repeated.
    /// </summary>
    /// <param name="instance">The instance from <see cref="Builder.Factory(BuilderOptions)"/>.</param>
    /// <param name="apiV3Key">The APIv3 key (32 characters); stored downloads are decrypted and checked with it.</param>
    /// <param name="refreshInterval">Refresh periodically at this interval; <c>null</c> for on-demand only.</param>
    /// <param name="store">Shared with the other instances; <c>null</c> for none. When it cannot be reached, this instance downloads itself and logs a warning.</param>
    public CertificateManager(BuilderChain instance, string apiV3Key, TimeSpan? refreshInterval, IPlatformKeyStore? store)
    {
        this.instance = instance ?? throw new InvalidArgumentException("The instance is required.", nameof(instance));
        if (apiV3Key is null || System.Text.Encoding.UTF8.GetByteCount(apiV3Key) != 32)
        {
            throw new InvalidArgumentException("The APIv3 key must be 32 bytes.", nameof(apiV3Key));
        }

        if (refreshInterval is { } r && r < MinForcedInterval)
        {
            throw new InvalidArgumentException("The refresh interval must be at least one minute.", nameof(refreshInterval));
        }

        this.apiV3Key = apiV3Key;
        this.store = store;
        freshness = refreshInterval ?? MinForcedInterval;
        keys = instance.Client.Keys;
        clock = instance.Client.Clock;
        instance.Client.Verifier.Resolver = this;
        if (refreshInterval is { } interval)
        {
            timer = new Timer(_ => _ = TickAsync(), null, interval, interval);
        }
    }

    /// <summary>The certificates of the last successful refresh (empty before it, and in public-key mode).</summary>
    public IReadOnlyList<PlatformCertificate> Certificates { get; private set; } = Array.Empty<PlatformCertificate>();

    /// <summary>Whether the last refresh found that this merchant uses a WeChat Pay public key instead of certificates.</summary>
    public bool PublicKeyMode { get; private set; }

    /// <summary>The error of the last periodic refresh, if it failed.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Downloads and installs the platform certificates; concurrent calls share one download.</summary>
    /// <param name="cancellationToken">Stops waiting: the shared download goes on for the callers that share it, and installs what it gets.</param>
    /// <exception cref="InvalidArgumentException">The APIv3 key does not decrypt the certificates.</exception>
    public Task<IReadOnlyList<PlatformCertificate>> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Task<IReadOnlyList<PlatformCertificate>> download;
        lock (gate)
        {
            download = JoinOrStart();
        }

        return WaitAsync(download, cancellationToken);
    }

    /// <summary>Stops the periodic refresh and detaches from the instance.</summary>
    public void Dispose()
    {
        timer?.Dispose();
        if (ReferenceEquals(instance.Client.Verifier.Resolver, this))
        {
            instance.Client.Verifier.Resolver = null;
        }
    }

    /// <summary>Decrypts the <c>data</c> of a <c>/v3/certificates</c> answer.</summary>
    internal static List<PlatformCertificate> Decrypt(JObject body, string apiV3Key)
    {
        var result = new List<PlatformCertificate>();
        foreach (var item in body["data"] as JArray ?? new JArray())
        {
            var encrypted = item["encrypt_certificate"]!;
            string pem;
            try
            {
                pem = AesGcm.Decrypt((string)encrypted["ciphertext"]!, apiV3Key, (string)encrypted["nonce"]!, (string?)encrypted["associated_data"] ?? string.Empty);
            }
            catch (CryptographicException e)
            {
                throw new InvalidArgumentException("The APIv3 key does not decrypt the platform certificates: is it the right key?", nameof(apiV3Key), e);
            }

            var serial = (string)item["serial_no"]!;
            using var certificate = PemUtil.LoadCertificateFromString(pem);
            if (PemUtil.ParseCertificateSerialNo(certificate) != serial)
            {
                throw new InvalidOperationException($"The certificate delivered as `{serial}` has another serial; it was not installed.");
            }

            result.Add(new PlatformCertificate(serial, Time(item["effective_time"]), Time(item["expire_time"]), pem, certificate.GetRSAPublicKey()!));
        }

        return result;
    }

    /// <inheritdoc />
    async Task<RSA?> IKeyResolver.ResolveAsync(string serial, string path, byte[] body)
    {
        if (path.EndsWith("/v3/certificates", StringComparison.OrdinalIgnoreCase))
        {
            // The download itself: trust the certificate it carries, authenticated by the APIv3 key.
            var delivered = Decrypt(JsonText.ParseObject(System.Text.Encoding.UTF8.GetString(body))!, apiV3Key);
            var now = clock();
            return delivered.FirstOrDefault(c => c.SerialNo == serial && c.ExpireTime > now)?.PublicKey;
        }

        Task<IReadOnlyList<PlatformCertificate>> download;
        lock (gate)
        {
            // In this order: a download still running is joined; one that has finished has installed its keys, which
            // the caller may have missed by a hair (it looked before they were installed); only then the throttle.
            if (inflight is not { IsCompleted: false })
            {
                if (keys.TryGetValue(serial, out var installed))
                {
                    return installed as RSA;
                }

                var now = clock();
                if (now - lastForced < MinForcedInterval)
                {
                    return null;
                }

                lastForced = now;
            }

            download = JoinOrStart();
        }

        try
        {
            await download.ConfigureAwait(false);
        }
        catch (Exception e) when (e is WeChatPayException or Flurl.Http.FlurlHttpException or InvalidArgumentException or InvalidOperationException)
        {
            LastError = e;
        }

        return keys.TryGetValue(serial, out var key) ? key as RSA : null;
    }

    private static DateTimeOffset Time(JToken? token) =>
        DateTimeOffset.Parse((string?)token ?? throw new InvalidOperationException("A certificate without its validity was delivered."), CultureInfo.InvariantCulture);

    /// <summary>Waits for <paramref name="task"/> until <paramref name="cancellationToken"/> is cancelled; the task itself goes on.</summary>
    private static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled && !task.IsCompleted)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    throw new OperationCanceledException("The wait for the certificate download was cancelled.", cancellationToken);
                }
            }
        }

        return await task.ConfigureAwait(false);
    }

    /// <summary>The download running, or a new one; call it holding <see cref="gate"/>.</summary>
    private Task<IReadOnlyList<PlatformCertificate>> JoinOrStart() =>
        inflight is { IsCompleted: false } running ? running : inflight = Task.Run(RunAsync); // not run under the lock

    /// <summary>The timer's callback: one refresh, its error kept in <see cref="LastError"/>, never thrown.</summary>
    internal async Task TickAsync()
    {
        try
        {
            await RefreshAsync().ConfigureAwait(false);
            LastError = null;
            if (PublicKeyMode)
            {
                timer?.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LastError = e;
        }
    }
}
