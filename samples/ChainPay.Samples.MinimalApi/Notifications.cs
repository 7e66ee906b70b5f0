using System.Collections.Concurrent;

namespace ChainPay.Samples.MinimalApi;

/// <summary>What the notification endpoint received, by out_trade_no (a real service updates its database).</summary>
public sealed class Notifications
{
    private readonly ConcurrentDictionary<string, string> tradeStates = new(StringComparer.Ordinal);

    /// <summary>The last trade state notified for each order.</summary>
    public IReadOnlyDictionary<string, string> TradeStates => tradeStates;

    /// <summary>Records a notified trade state; a notification sent again (WeChat Pay retries) only overwrites it.</summary>
    public void Record(string outTradeNo, string tradeState) => tradeStates[outTradeNo] = tradeState;
}
