namespace ChainPay.Testing.Internal;

/// <summary>
/// WeChat Pay's re-send schedule for a notification its <c>notify_url</c> did not answer 2xx (支付结果通知:
/// 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, 24h4m in all): the first attempt at once, each failed
/// attempt followed by the next wait; after the 15th failed attempt and its 6 h wait the notification is given up.
/// </summary>
internal static class DeliverySchedule
{
    /// <summary>The wait that follows each failed attempt, in order.</summary>
    public static readonly IReadOnlyList<TimeSpan> Waits = new[]
    {
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30),
        TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromHours(3), TimeSpan.FromHours(3),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(6),
    };

    /// <summary>How many attempts a notification gets that is never answered 2xx.</summary>
    public static int MaxAttempts => Waits.Count;

    /// <summary>The wait before the attempt after failed attempt <paramref name="attempt"/> (from 1), scaled; <c>null</c> when it was the last.</summary>
    public static TimeSpan? After(int attempt, double scale) =>
        attempt < MaxAttempts ? TimeSpan.FromTicks((long)(Waits[attempt - 1].Ticks * scale)) : null;
}
