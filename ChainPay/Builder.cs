using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ChainPay.Certificates;
using ChainPay.Chaining;
using ChainPay.Crypto;
using ChainPay.Http;
using ChainPay.Resilience;
using ChainPay.Util;
using ChainPay.V2;
using Flurl.Http;

namespace ChainPay;

/// <summary>The entry point: <see cref="Factory(BuilderOptions)"/> validates the configuration and returns the chain root.</summary>
/// <example>
/// <code>
/// var instance = Builder.Factory(options);
/// dynamic wxpay = instance;
/// var res = await wxpay.v3.certificates.GetAsync();
/// </code>
/// </example>
public static class Builder
{
    /// <summary>The <c>Accept</c> header sent by default (wechatpay-php's).</summary>
    public const string DefaultAccept = "application/json, text/plain, application/x-gzip, application/pdf, image/png, image/*;q=0.5";

    private static readonly Lazy<string> UserAgentValue = new(() =>
        $"ChainPay/{typeof(Builder).Assembly.GetName().Version?.ToString(3)} Flurl.Http/{typeof(IFlurlClient).Assembly.GetName().Version?.ToString(3)} "
        + $"({RuntimeInformation.FrameworkDescription.Trim()}; {RuntimeInformation.OSDescription.Trim()})");

    /// <summary>The <c>User-Agent</c> sent by default, e.g. <c>ChainPay/0.1.0 Flurl.Http/4.0.2 (.NET 10.0.0; Linux …)</c>.</summary>
    public static string UserAgent => UserAgentValue.Value;

    /// <summary>
    /// Validates <paramref name="options"/> (in wechatpay-php's order, with its messages), parses the keys once,
    /// and returns the root of the chain, usable statically and as <c>dynamic</c>.
    /// </summary>
    /// <param name="options">The configuration.</param>
    /// <exception cref="InvalidArgumentException">An option is missing or wrong; <see cref="ArgumentException.ParamName"/> names it.</exception>
    [RequiresUnreferencedCode(Trimming.Unreferenced)]
    public static BuilderChain Factory(BuilderOptions options)
    {
        if (options is null)
        {
            throw new InvalidArgumentException("The options are required.", nameof(options));
        }

        var mchid = RequireToken(options.Mchid, nameof(BuilderOptions.Mchid), "The merchant' ID aka `mchid` is required, usually numerical.");
        var serial = RequireToken(options.Serial, nameof(BuilderOptions.Serial), "The serial number of the merchant's certificate aka `serial` is required, usually hexadecial.");
        var noKey = options.PrivateKey is null || (options.PrivateKey is string s && s.Length == 0);
        if (noKey && options.Signer is null)
        {
            throw new InvalidArgumentException("The merchant's private key aka `privateKey` is required, usual as pem format.", nameof(BuilderOptions.PrivateKey));
        }

        if (!noKey && options.Signer is not null)
        {
            throw new InvalidArgumentException("Set either `PrivateKey` or `Signer`, not both: the signer holds the merchant key elsewhere.", nameof(BuilderOptions.Signer));
        }

        if (options.Certs is null || options.Certs.Count == 0)
        {
            throw new InvalidArgumentException("The platform certificate(s) aka `certs` is required, paired as of `[$serial => $certificate]`.", nameof(BuilderOptions.Certs));
        }

        if (options.Certs.ContainsKey(serial))
        {
            throw new InvalidArgumentException(
                $"The `certs({string.Join(",", options.Certs.Keys)})` contains the merchant's certificate serial number({serial}) which is not allowed here.",
                nameof(BuilderOptions.Certs));
        }

        var scheme = options.SigningScheme;
        if (scheme != BuilderOptions.SchemeRsa && scheme != BuilderOptions.SchemeSm2)
        {
            throw new InvalidArgumentException(
                $"The `SigningScheme` must be {BuilderOptions.SchemeRsa} or {BuilderOptions.SchemeSm2}, not `{scheme}`.", nameof(BuilderOptions.SigningScheme));
        }

        if (options.Signer is { } external && external.SigningScheme != scheme)
        {
            throw new InvalidArgumentException(
                $"The `Signer` signs in {external.SigningScheme ?? "null"}, but the `SigningScheme` is {scheme}.", nameof(BuilderOptions.Signer));
        }

        var privateKey = options.Signer ?? LoadKey(scheme, options.PrivateKey!, Rsa.KeyTypePrivate, nameof(BuilderOptions.PrivateKey));
        var loaded = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in options.Certs)
        {
            if (pair.Value is not null)
            {
                loaded[pair.Key] = LoadKey(scheme, pair.Value, Rsa.KeyTypePublic, $"{nameof(BuilderOptions.Certs)}[{pair.Key}]");
            }
        }

        var baseUri = RequireBaseUri(options.BaseUri);
        if (options.Timeout is { } timeout && timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new InvalidArgumentException("The `Timeout` must be positive (or Timeout.InfiniteTimeSpan).", nameof(BuilderOptions.Timeout));
        }

        if (options.RateLimiting is { } limiting)
        {
            RateLimiting.ApiRateLimiter.Validate(limiting);
        }

        var clock = options.Clock ?? (() => DateTimeOffset.UtcNow);
        var nonce = options.Nonce ?? (() => Formatter.Nonce());
        var headers = RequireHeaders(options.Headers);
        if (options.MaxResponseSize < 1024 || options.MaxResponseSize > int.MaxValue)
        {
            throw new InvalidArgumentException("The `MaxResponseSize` must be between 1 KiB and 2 GiB.", nameof(BuilderOptions.MaxResponseSize));
        }

        var http = options.HttpClient is { } injected
            ? new HttpClient(new WireTargetHandler(new ForwardingHandler(injected))) { Timeout = System.Threading.Timeout.InfiniteTimeSpan }
            : CreateHttpClient();
        http.MaxResponseContentBufferSize = options.MaxResponseSize;
        IFlurlClient Configure(HttpClient client)
        {
            var flurl = ApiClient.Configure(new FlurlClient(client), options.Timeout);
            flurl.WithHeader("Accept", DefaultAccept).WithHeader("User-Agent", UserAgent);
            foreach (var header in headers)
            {
                flurl.WithHeader(header.Key, header.Value);
            }

            return flurl;
        }

        var v2 = string.IsNullOrEmpty(options.Secret) ? null : new V2Client(mchid, options.Secret!, options.Merchant, nonce, Configure, http);
        var certs = new KeyRing(loaded);
        var telemetry = new Telemetry.CallTelemetry(options.LoggerFactory, mchid, baseUri);
        var verifier = new ResponseVerifier(certs, clock, options.ResponseReplayProtection, options.NonceStore is null ? null : new Replay.SharedReplayGuard(options.NonceStore, mchid, telemetry.Logger));
        var defaults = new Flurl.Util.NameValueList<string>(caseSensitiveNames: false) { { "Accept", DefaultAccept }, { "User-Agent", UserAgent } };
        foreach (var header in headers)
        {
            defaults.AddOrReplace(header.Key, header.Value.Trim()); // as Flurl's WithHeader keeps it
        }

        var client = new ApiClient(ApiClient.Configure(new FlurlClient(http), options.Timeout), baseUri, new RequestSigner(mchid, serial, privateKey, clock, nonce, scheme), verifier, v2, certs, clock, options.Retry is null ? null : new RetryPolicy(options.Retry), telemetry)
        {
            DefaultHeaders = defaults.ToArray(),
            SendsPlatformSerial = options.SendPlatformSerial,
            RateLimiter = options.RateLimiting is null ? null : new RateLimiting.ApiRateLimiter(mchid, options.RateLimiting),
            Mchid = mchid,
        };
        return BuilderChain.Root(client);
    }

    /// <summary>
    /// The PHP-style overload: a dictionary with wechatpay-php's keys <c>mchid</c>, <c>serial</c>, <c>privateKey</c>,
    /// <c>certs</c>, <c>secret</c>, <c>merchant</c> (a <see cref="MerchantCertificate"/>), <c>base_uri</c>, <c>headers</c> (and ChainPay's <c>timeout</c>, <c>http_client</c>).
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <exception cref="InvalidArgumentException">A key is unknown or has a value of the wrong kind, or validation fails.</exception>
    [RequiresUnreferencedCode(Trimming.Unreferenced)]
    public static BuilderChain Factory(IDictionary<string, object?> config)
    {
        if (config is null)
        {
            throw new InvalidArgumentException("The config is required.", nameof(config));
        }

        var options = new BuilderOptions();
        foreach (var pair in config)
        {
            switch (pair.Key)
            {
                case "mchid": options.Mchid = pair.Value as string ?? Wrong<string>(pair); break;
                case "serial": options.Serial = pair.Value as string ?? Wrong<string>(pair); break;
                case "privateKey": options.PrivateKey = pair.Value; break;
                case "certs": options.Certs = ToMap(pair); break;
                case "secret": options.Secret = pair.Value as string; break;
                case "merchant": options.Merchant = pair.Value as MerchantCertificate ?? Wrong<MerchantCertificate>(pair); break;
                case "base_uri": options.BaseUri = pair.Value as string ?? Wrong<string>(pair); break;
                case "headers": options.Headers = ToMap(pair).ToDictionary(p => p.Key, p => ConfigHeaderValue(p.Key, p.Value), StringComparer.OrdinalIgnoreCase); break;
                case "timeout": options.Timeout = pair.Value is TimeSpan ts ? ts : TimeSpan.FromSeconds(Convert.ToDouble(pair.Value, System.Globalization.CultureInfo.InvariantCulture)); break;
                case "http_client": options.HttpClient = pair.Value as HttpClient ?? Wrong<HttpClient>(pair); break;
                default: throw new InvalidArgumentException($"Unknown config key `{pair.Key}`.", pair.Key);
            }
        }

        return Factory(options);
    }

    private static List<KeyValuePair<string, string>> RequireHeaders(IDictionary<string, string>? headers)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var header in headers ?? new Dictionary<string, string>())
        {
            if (header.Value is null)
            {
                throw new InvalidArgumentException($"The header `{header.Key}` in `Headers` has no value.", nameof(BuilderOptions.Headers));
            }

            // Checked here, not at the first call: a bad name or value would otherwise fail every call of the instance.
            HeaderRules.Text(header.Key, header.Value, nameof(BuilderOptions.Headers), "The header in `Headers`");
            if (!HeaderRules.IsComputed(header.Key))
            {
                result.Add(header);
            }
        }

        return result;
    }

    /// <summary>A <c>headers</c> config value as text: scalars as <see cref="Convert.ToString(object, IFormatProvider)"/> writes them, a list of scalars joined with <c>", "</c>, maps refused.</summary>
    private static string ConfigHeaderValue(string name, object? value) =>
        PropertyBag.IsList(value) || !HeaderRules.IsText(value)
            ? HeaderRules.Text(name, value, nameof(BuilderOptions.Headers), "The header in `headers`")
            : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static T Wrong<T>(KeyValuePair<string, object?> pair) =>
        throw new InvalidArgumentException($"The config `{pair.Key}` must be a {typeof(T).Name}.", pair.Key);

    private static IDictionary<string, object?> ToMap(KeyValuePair<string, object?> pair)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (pair.Value is not IDictionary dictionary)
        {
            return Wrong<IDictionary<string, object?>>(pair);
        }

        foreach (DictionaryEntry entry in dictionary)
        {
            map[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
        }

        return map;
    }

    private static string RequireToken(string? value, string name, string message)
    {
        if (value is null || value.Length == 0)
        {
            throw new InvalidArgumentException(message, name);
        }

        if (value.Any(c => c <= ' ' || c == '"' || c == ',' || c == 0x7F))
        {
            throw new InvalidArgumentException(
                $"The `{name}` has a space, a line break, a quote or a comma, which cannot go into the Authorization header (was it read from a file with a trailing newline?).",
                name);
        }

        return value;
    }

    private static object LoadKey(string scheme, object thing, string type, string name)
    {
        try
        {
            return type == Rsa.KeyTypePrivate ? SigningScheme.LoadPrivate(scheme, thing) : SigningScheme.LoadPublic(scheme, thing);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            var kind = scheme == BuilderOptions.SchemeSm2 ? "SM2" : "RSA";
            throw new InvalidArgumentException($"The `{name}` cannot be loaded as an {kind} {type} key: {BareMessage(e)}", name, e);
        }
    }

    /// <summary>An exception's message without .NET's " (Parameter 'x')" suffix.</summary>
    internal static string BareMessage(Exception e) =>
        e is ArgumentException { ParamName: { } param } && e.Message.EndsWith($" (Parameter '{param}')", StringComparison.Ordinal)
            ? e.Message.Substring(0, e.Message.Length - $" (Parameter '{param}')".Length)
            : e.Message;

    private static string RequireBaseUri(string? value)
    {
        if (value is null || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidArgumentException("The `BaseUri` must be an absolute http(s) URI without query, e.g. https://api.mch.weixin.qq.com/.", nameof(BuilderOptions.BaseUri));
        }

        return value.EndsWith("/", StringComparison.Ordinal) ? value : value + "/";
    }

    private static HttpClient CreateHttpClient()
    {
#if NETSTANDARD2_0
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
#else
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#endif
        return new HttpClient(new WireTargetHandler(handler)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
