using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ChainPay.Extensions.DependencyInjection;

/// <summary>Reads one merchant's configuration section into <see cref="ChainPayOptions"/>; keys are PEM text or file paths.</summary>
internal static class ChainPayConfiguration
{
    public static void Bind(IConfiguration section, ChainPayOptions options)
    {
        var o = options.Builder;
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "MCHID": o.Mchid = child.Value; break;
                case "SERIAL": o.Serial = child.Value; break;
                case "PRIVATEKEY": o.PrivateKey = Key(child.Value); break;
                case "CERTS":
                    o.Certs = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var cert in child.GetChildren())
                    {
                        o.Certs[cert.Key] = Key(cert.Value);
                    }

                    break;
                case "HEADERS":
                    o.Headers = child.GetChildren().ToDictionary(h => h.Key, h => h.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase);
                    break;
                case "SIGNINGSCHEME": o.SigningScheme = child.Value ?? string.Empty; break;
                case "SECRET": o.Secret = child.Value; break;
                case "BASEURI": o.BaseUri = child.Value ?? string.Empty; break;
                case "TIMEOUT": o.Timeout = Parse(child, s => TimeSpan.Parse(s, CultureInfo.InvariantCulture)); break;
                case "RESPONSEREPLAYPROTECTION": o.ResponseReplayProtection = Parse(child, bool.Parse); break;
                case "SENDPLATFORMSERIAL": o.SendPlatformSerial = Parse(child, bool.Parse); break;
                case "MAXRESPONSESIZE": o.MaxResponseSize = Parse(child, s => long.Parse(s, CultureInfo.InvariantCulture)); break;
                case "APIV3KEY": options.ApiV3Key = child.Value; break;
                case "RATELIMITING": o.RateLimiting = RateLimiting(child, o.RateLimiting); break;
                default:
                    throw new InvalidArgumentException(
                        $"Unknown ChainPay configuration key `{child.Path}`: use the BuilderOptions property names (Mchid, Serial, PrivateKey, Certs, …) or ApiV3Key.", child.Key);
            }
        }
    }

    /// <summary>
    /// <c>RateLimiting</c> turns rate limiting on (the documented limits) even when empty; <c>MaxWait</c> and
    /// <c>Limits:{n}:Method|Template|PermitLimit|Window</c> (window default one second) add to it.
    /// </summary>
    private static RateLimiting.RateLimitOptions RateLimiting(IConfigurationSection section, RateLimiting.RateLimitOptions? existing)
    {
        var result = existing ?? new RateLimiting.RateLimitOptions();
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "MAXWAIT": result.MaxWait = Parse(child, s => TimeSpan.Parse(s, CultureInfo.InvariantCulture)); break;
                case "LIMITS":
                    foreach (var limit in child.GetChildren())
                    {
                        result.Limits.Add(Limit(limit));
                    }

                    break;
                default:
                    throw new InvalidArgumentException($"Unknown ChainPay configuration key `{child.Path}`: RateLimiting takes MaxWait and Limits.", child.Key);
            }
        }

        return result;
    }

    private static RateLimiting.ApiRateLimit Limit(IConfigurationSection limit)
    {
        var known = new[] { "METHOD", "TEMPLATE", "PERMITLIMIT", "WINDOW" };
        if (limit.GetChildren().FirstOrDefault(c => !known.Contains(c.Key.ToUpperInvariant())) is { } unknown)
        {
            throw new InvalidArgumentException($"Unknown ChainPay configuration key `{unknown.Path}`: a limit takes Method, Template, PermitLimit and Window.", unknown.Key);
        }

        var permits = limit.GetSection("PermitLimit");
        var window = limit.GetSection("Window");
        try
        {
            return new RateLimiting.ApiRateLimit(
                limit["Method"]!,
                limit["Template"]!,
                permits.Value is null ? 0 : Parse(permits, s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)),
                window.Value is null ? TimeSpan.FromSeconds(1) : Parse(window, s => TimeSpan.Parse(s, CultureInfo.InvariantCulture)));
        }
        catch (InvalidArgumentException e) when (e.ParamName is "method" or "template" or "permitLimit" or "window")
        {
            var key = char.ToUpperInvariant(e.ParamName[0]) + e.ParamName.Substring(1);
            var message = e.Message.EndsWith($" (Parameter '{e.ParamName}')", StringComparison.Ordinal) ? e.Message.Substring(0, e.Message.Length - $" (Parameter '{e.ParamName}')".Length) : e.Message;
            throw new InvalidArgumentException($"The ChainPay configuration `{limit.Path}:{key}`: {message}", key, e);
        }
    }

    /// <summary>PEM text as it is, a <c>scheme://</c> value as it is, anything else a file path.</summary>
    internal static string? Key(string? value)
    {
        if (value is null || value.Length == 0 || value.TrimStart().StartsWith("-----", StringComparison.Ordinal) || value.Contains("://"))
        {
            return value;
        }

        return "file://" + Path.GetFullPath(value);
    }

    private static T Parse<T>(IConfigurationSection child, Func<string, T> parse)
    {
        try
        {
            return parse(child.Value ?? string.Empty);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new InvalidArgumentException($"The ChainPay configuration `{child.Path}` must be a {typeof(T).Name}.", child.Key);
        }
    }
}
