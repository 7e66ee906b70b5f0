using System.Globalization;
using ChainPay.RateLimiting;
using StackExchange.Redis;

namespace ChainPay.Redis;

/// <summary>
/// The one Lua script a Redis bucket runs per acquire, atomically: refill by the time elapsed on Redis's own clock
/// (<c>TIME</c>, so the instances' clocks do not matter), take the permits if there are enough, store the bucket
/// (a hash of <c>tokens</c> and <c>ts</c>, the time of the last refill in microseconds) and its expiry, and answer
/// whether they were taken, what is left, and how long until enough would be there.
/// </summary>
internal static class RedisTokenBucketScript
{
    // ARGV: capacity, microseconds per permit, permits wanted (0: only look), expiry in ms.
    // Numbers are written with %.0f: Lua's default formatting of 1.7e15 loses digits.
    internal const string Source = @"
if redis.replicate_commands then pcall(redis.replicate_commands) end
local capacity = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
if now < ts then
  ts = now
end
local gained = math.floor((now - ts) / interval)
if gained > 0 then
  tokens = tokens + gained
  ts = ts + gained * interval
end
if tokens >= capacity then
  tokens = capacity
  ts = now
end
local acquired = 0
if wanted == 0 then
  if tokens > 0 then acquired = 1 end
elseif tokens >= wanted then
  tokens = tokens - wanted
  acquired = 1
end
local wait = 0
if acquired == 0 then
  wait = (math.max(wanted, 1) - tokens) * interval - (now - ts)
  if wait < 1 then wait = 1 end
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.0f', tokens), 'ts', string.format('%.0f', ts))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return { acquired, tokens, wait }";

    /// <summary>The arguments of <paramref name="limit"/>'s bucket: its capacity, the interval rounded up to whole microseconds (never faster than the in-process bucket), and an expiry after which a missing bucket equals a full one.</summary>
    public static RedisValue[] Arguments(ApiRateLimit limit, int wanted)
    {
        var interval = IntervalMicroseconds(limit);
        var expiry = (limit.Burst * interval / 1000) + 1000;
        return new RedisValue[] { limit.Burst, interval, wanted, expiry };
    }

    /// <summary><see cref="ApiRateLimit.TokenInterval"/> in microseconds, rounded up.</summary>
    public static long IntervalMicroseconds(ApiRateLimit limit) => Math.Max(1, (limit.TokenInterval.Ticks + 9) / 10);

    /// <summary>The script's answer: taken or not, the permits left, the wait until enough would be there.</summary>
    public static (bool Acquired, long Available, TimeSpan Wait) Parse(RedisResult result)
    {
        var values = (RedisResult[])result!;
        var acquired = (long)values[0] == 1;
        var available = (long)values[1];
        var wait = (long)values[2];
        return (acquired, available, TimeSpan.FromTicks(Math.Max(0, wait) * 10));
    }

    /// <summary>For messages: the bucket's shape.</summary>
    public static string Describe(ApiRateLimit limit) =>
        string.Format(CultureInfo.InvariantCulture, "{0} permits, one back every {1} µs", limit.Burst, IntervalMicroseconds(limit));
}
