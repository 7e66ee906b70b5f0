using ChainPay.Telemetry;
using ChainPay.Util;
using Microsoft.Extensions.Logging;

namespace ChainPay.Replay;

/// <summary>
/// The answers' replay guard over a shared <see cref="INonceStore"/>: when the store cannot be reached, this
/// instance's own memory answers instead (the call goes on, guarded in-process): one warning when the store goes
/// away, one information when it answers again.
/// </summary>
internal sealed class SharedReplayGuard
{
    private readonly INonceStore store;
    private readonly string merchant;
    private readonly ILogger logger;
    private readonly NonceCache local;
    private readonly TimeSpan lifetime;
    private int away; // 1 while the store is unreachable: one warning per outage, not one per answer

    public SharedReplayGuard(INonceStore store, string merchant, ILogger logger, long windowSeconds = 600)
    {
        this.store = store;
        this.merchant = merchant;
        this.logger = logger;
        local = new NonceCache(windowSeconds);
        lifetime = TimeSpan.FromSeconds(windowSeconds);
    }

    /// <summary>Records an answer's nonce; false when it was seen (by any instance, or by this one while the store was away).</summary>
    public async Task<bool> TryAddAsync(string nonce, long now)
    {
        var fresh = local.TryAdd(nonce, now);
        try
        {
            var shared = await store.TryAddAsync(merchant, NoncePurpose.Answer, nonce, lifetime).ConfigureAwait(false);
            if (Interlocked.Exchange(ref away, 0) == 1)
            {
                TelemetryLog.NonceStoreRecovered(logger, NoncePurpose.Answer, merchant);
            }

            return shared && fresh;
        }
        catch (SharedStoreUnavailableException e)
        {
            if (Interlocked.Exchange(ref away, 1) == 0)
            {
                TelemetryLog.NonceStoreUnavailable(logger, NoncePurpose.Answer, merchant, e.Message);
            }

            return fresh;
        }
    }
}
