using Microsoft.Extensions.Options;

namespace ChainPay.Redis;

/// <summary>Checks <see cref="RedisChainPayOptions"/>, each message naming the option at fault.</summary>
internal sealed class RedisChainPayOptionsValidator : IValidateOptions<RedisChainPayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisChainPayOptions options)
    {
        var errors = Errors(options).Select(e => e.Message).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The options, copied and checked; throws the first problem as <see cref="InvalidArgumentException"/>.</summary>
    internal static RedisChainPayOptions Checked(RedisChainPayOptions? options)
    {
        var copy = (options ?? new RedisChainPayOptions()).Clone();
        foreach (var (message, option) in Errors(copy))
        {
            throw new InvalidArgumentException(message, option);
        }

        return copy;
    }

    /// <summary>What is wrong with <paramref name="options"/>: the message and the option's name.</summary>
    internal static IEnumerable<(string Message, string Option)> Errors(RedisChainPayOptions options)
    {
        if (options is null)
        {
            yield return ("The Redis options are required.", "RedisChainPayOptions");
            yield break;
        }

        var prefix = options.KeyPrefix;
        if (string.IsNullOrEmpty(prefix) || prefix.Length > 64 || !prefix.All(c => c < 128 && (char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
        {
            yield return ($"The `RedisChainPayOptions.KeyPrefix` must be 1 to 64 letters, digits, `-`, `_`, `.` or `:`, not `{Shown(prefix)}`.", nameof(RedisChainPayOptions.KeyPrefix));
        }

        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout > TimeSpan.FromMinutes(1))
        {
            yield return ($"The `RedisChainPayOptions.CommandTimeout` must be more than zero and at most one minute, not {options.CommandTimeout}.", nameof(RedisChainPayOptions.CommandTimeout));
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > TimeSpan.FromMinutes(1))
        {
            yield return ($"The `RedisChainPayOptions.ConnectTimeout` must be more than zero and at most one minute, not {options.ConnectTimeout}.", nameof(RedisChainPayOptions.ConnectTimeout));
        }

        if (!(options.FallbackShare > 0 && options.FallbackShare <= 1))
        {
            yield return ($"The `RedisChainPayOptions.FallbackShare` must be more than 0 and at most 1 (e.g. 0.25 for four instances), not {options.FallbackShare}.", nameof(RedisChainPayOptions.FallbackShare));
        }
    }

    private static string Shown(string? value) => value is null ? "null" : value.Length > 70 ? value.Substring(0, 70) + "…" : value;
}
