using ChainPay.Telemetry;
using ChainPay.Util;
using Microsoft.Extensions.Logging;

namespace ChainPay.Replay;

/// <summary>
/// The answers' replay guard over a shared <see cref="INonceStore"/>: when the store cannot be reached, this
/// instance's own memory answers instead (the call goes on, guarded in-process) and a warning says so.
/// </summary>
internal sealed class SharedReplayGuard
{
    private readonly INonceStore store;
    private readonly string merchant;
    private readonly ILogger logger;
    private readonly NonceCache local;
    private readonly TimeSpan lifetime;

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
            return await store.TryAddAsync(merchant, NoncePurpose.Answer, nonce, lifetime).ConfigureAwait(false) && fresh;
        }
        catch (SharedStoreUnavailableException e)
        {
            TelemetryLog.NonceStoreUnavailable(logger, NoncePurpose.Answer, merchant, e.Message);
            return fresh;
        }
    }
}
