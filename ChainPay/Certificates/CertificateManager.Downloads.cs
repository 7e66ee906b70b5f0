using System.Security.Cryptography;
using ChainPay.Util;
using Newtonsoft.Json;

namespace ChainPay.Certificates;

// The download itself, alone or shared through an IPlatformKeyStore with the managers of other instances.
public sealed partial class CertificateManager
{
    /// <summary>How long a manager waits for another instance's download before it downloads itself.</summary>
    internal TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting manager looks for the other instance's download.</summary>
    internal TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How many downloads this manager made itself (tests count them).</summary>
    internal int Downloads => downloads;

    private async Task<IReadOnlyList<PlatformCertificate>> RunAsync()
    {
        if (store is null)
        {
            return Install(await DownloadAsync().ConfigureAwait(false));
        }

        var merchant = instance.Client.Mchid;
        try
        {
            if (Usable(await store.GetAsync(merchant).ConfigureAwait(false)) is { } stored)
            {
                return stored;
            }

            var token = await store.TryLockAsync(merchant, Lease).ConfigureAwait(false);
            if (token is null)
            {
                // Another instance is downloading: read what it stores, or download after its lease ran out (it died).
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (waited.Elapsed < Lease)
                {
                    await Task.Delay(PollInterval).ConfigureAwait(false);
                    if (Usable(await store.GetAsync(merchant).ConfigureAwait(false)) is { } shared)
                    {
                        return shared;
                    }
                }

                token = await store.TryLockAsync(merchant, Lease).ConfigureAwait(false);
            }

            try
            {
                if (token is not null && Usable(await store.GetAsync(merchant).ConfigureAwait(false)) is { } justStored)
                {
                    return justStored; // stored between our look and our lock
                }

                var snapshot = await DownloadAsync().ConfigureAwait(false);
                var installed = Install(snapshot);
                await store.SetAsync(merchant, snapshot, TimeToLive()).ConfigureAwait(false);
                return installed;
            }
            finally
            {
                if (token is not null)
                {
                    await store.ReleaseAsync(merchant, token).ConfigureAwait(false);
                }
            }
        }
        catch (SharedStoreUnavailableException e)
        {
            Telemetry.TelemetryLog.KeyStoreUnavailable(instance.Client.Logger, merchant, e.Message);
            return Install(await DownloadAsync().ConfigureAwait(false));
        }
    }

    /// <summary>A stored snapshot younger than the interval, installed; <c>null</c> when there is none, it is old, or it does not decrypt with this instance's APIv3 key.</summary>
    private IReadOnlyList<PlatformCertificate>? Usable(PlatformKeySnapshot? snapshot)
    {
        if (snapshot is null || clock() - snapshot.FetchedAt >= freshness)
        {
            return null;
        }

        try
        {
            return Install(snapshot);
        }
        catch (Exception e) when (e is InvalidArgumentException or InvalidOperationException or JsonException or CryptographicException or FormatException or NullReferenceException or InvalidCastException)
        {
            return null; // not decryptable with our key, or damaged: download, and store over it
        }
    }

    /// <summary>How long a store keeps a download: twice the freshness, at least a day.</summary>
    private TimeSpan TimeToLive() => freshness.Ticks * 2 > TimeSpan.TicksPerDay ? TimeSpan.FromTicks(freshness.Ticks * 2) : TimeSpan.FromDays(1);

    /// <summary>Downloads <c>/v3/certificates</c>; its answer is verified on the way (with the certificate it carries).</summary>
    private async Task<PlatformKeySnapshot> DownloadAsync()
    {
        Interlocked.Increment(ref downloads);
        Flurl.Http.IFlurlResponse response;
        try
        {
            // Shared by every caller, so no caller's token cancels it.
            response = await instance.Chain("v3/certificates").GetAsync(null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.StatusCode == 404 && e.Code == "RESOURCE_NOT_EXISTS")
        {
            return new PlatformKeySnapshot(string.Empty, publicKeyMode: true, clock());
        }

        return new PlatformKeySnapshot(await response.GetStringAsync().ConfigureAwait(false), publicKeyMode: false, clock());
    }

    /// <summary>Installs the certificates of <paramref name="snapshot"/> that have not expired.</summary>
    private IReadOnlyList<PlatformCertificate> Install(PlatformKeySnapshot snapshot)
    {
        if (snapshot.PublicKeyMode)
        {
            PublicKeyMode = true;
            return Certificates = Array.Empty<PlatformCertificate>();
        }

        var body = JsonText.ParseObject(snapshot.Body) ?? throw new InvalidOperationException("The stored certificates are not a JSON object.");
        var now = clock();
        var certificates = Decrypt(body, apiV3Key).Where(c => c.ExpireTime > now).ToList();
        keys.Merge(certificates.Select(c => new KeyValuePair<string, object>(c.SerialNo, c.PublicKey)));
        PublicKeyMode = false;
        return Certificates = certificates;
    }
}
