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
                default:
                    throw new InvalidArgumentException(
                        $"Unknown ChainPay configuration key `{child.Path}`: use the BuilderOptions property names (Mchid, Serial, PrivateKey, Certs, …) or ApiV3Key.", child.Key);
            }
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
        catch (FormatException)
        {
            throw new InvalidArgumentException($"The ChainPay configuration `{child.Path}` must be a {typeof(T).Name}.", child.Key);
        }
    }
}
