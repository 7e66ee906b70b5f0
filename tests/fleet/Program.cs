// One fleet instance as a process. Commands (each prints one line, then exits 0):
//   nonce <redis> <merchant> <nonce>                 -> "recorded" or "replay"
//   rate <redis> <merchant> <startUnixMs> <runMs>     -> "permits <n>": permits taken from the shared 50/s bucket
//                                                       between startUnixMs and startUnixMs + runMs
using ChainPay.RateLimiting;
using ChainPay.Redis;
using ChainPay.Replay;
using StackExchange.Redis;

var options = new RedisChainPayOptions();
using var redis = await ConnectionMultiplexer.ConnectAsync(options.CreateConfiguration(args[1]));
switch (args[0])
{
    case "nonce":
        var fresh = await new RedisNonceStore(redis, options).TryAddAsync(args[2], NoncePurpose.Notification, args[3], TimeSpan.FromMinutes(10));
        Console.WriteLine(fresh ? "recorded" : "replay");
        break;
    case "rate":
        var limit = new ApiRateLimit("POST", "v3/fund-app/mch-transfer/partner/transfer-bills/out-bill-no/{out_bill_no}/cancel", 50, TimeSpan.FromSeconds(1));
        using (var limiter = new RedisTokenBucketRateLimiter(redis, args[2], limit, options))
        {
            var start = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
            var end = start.AddMilliseconds(long.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
            if (start > DateTimeOffset.UtcNow)
            {
                await Task.Delay(start - DateTimeOffset.UtcNow); // every process starts together
            }

            var permits = 0;
            var workers = Enumerable.Range(0, 4).Select(async _ =>
            {
                while (DateTimeOffset.UtcNow < end)
                {
                    using var stop = new CancellationTokenSource(end - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
                    try
                    {
                        using var lease = await limiter.AcquireAsync(1, stop.Token);
                        if (lease.IsAcquired && DateTimeOffset.UtcNow <= end)
                        {
                            Interlocked.Increment(ref permits);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        // the run is over
                    }
                }
            });
            await Task.WhenAll(workers);
            Console.WriteLine("permits " + permits);
        }

        break;
    default:
        Console.Error.WriteLine("usage: nonce <redis> <merchant> <nonce> | rate <redis> <merchant> <startUnixMs> <runMs>");
        return 2;
}

return 0;
