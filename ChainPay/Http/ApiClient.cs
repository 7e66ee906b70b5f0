using System.Security.Cryptography;
using System.Text;
using ChainPay.Certificates;
using ChainPay.Chaining;
using ChainPay.Resilience;
using ChainPay.Telemetry;
using ChainPay.Util;
using Flurl.Http;
using ChainPay.V2;
using Newtonsoft.Json;

namespace ChainPay.Http;

/// <summary>
/// The one client all chain nodes of a <see cref="Builder.Factory(BuilderOptions)"/> instance share: turns a
/// template and an options bag into a Flurl request, which the <see cref="RequestSigner"/> signs in
/// <c>BeforeCall</c> and the <see cref="ResponseVerifier"/> checks in <c>AfterCall</c>.
/// </summary>
internal sealed partial class ApiClient
{
    private static readonly JsonSerializerSettings JsonSettings = new() { DateParseHandling = DateParseHandling.None, Converters = { SensitiveConverter.Instance } };
    private static readonly HttpMethod Patch = new("PATCH");

    private readonly IFlurlClient flurl;
    private readonly string baseUri;
    private readonly V2Client? v2;
    private readonly KeyRing certs;
    private readonly RetryPolicy? retry;
    private readonly CallTelemetry? telemetry;

    /// <summary>Creates the client; <paramref name="flurl"/> is configured here (events, serializer, redirects).</summary>
    /// <param name="flurl">The APIv3 Flurl client, configured by <see cref="Configure"/>.</param>
    /// <param name="baseUri">The default base URI, ending with <c>/</c>.</param>
    /// <param name="signer">Signs APIv3 requests.</param>
    /// <param name="verifier">Verifies APIv3 answers.</param>
    /// <param name="v2">The APIv2 client, or <c>null</c> when no APIv2 key is configured.</param>
    /// <param name="certs">The platform keys, to encrypt <see cref="SensitiveField"/> values with.</param>
    /// <param name="clock">The instance's clock.</param>
    /// <param name="retry">Retries, or <c>null</c> for none.</param>
    /// <param name="telemetry">Logs, spans and metrics of each call, or <c>null</c> for none.</param>
    public ApiClient(IFlurlClient flurl, string baseUri, RequestSigner signer, ResponseVerifier verifier, V2Client? v2, KeyRing certs, Func<DateTimeOffset> clock, RetryPolicy? retry = null, CallTelemetry? telemetry = null)
    {
        this.retry = retry;
        this.telemetry = telemetry;
        Verifier = verifier;
        Clock = clock;
        this.flurl = flurl;
        this.baseUri = baseUri;
        this.v2 = v2;
        this.certs = certs;
        flurl.BeforeCall(call =>
        {
            // The signed target is the verbatim one; WireTargetHandler (in every ChainPay HttpClient) sends it so.
            WireTargetHandler.Pin(call.HttpRequestMessage);
            SigningState.Attach(call.HttpRequestMessage, signer); // a SigningHandler below signs any further attempt again
            return signer.SignAsync(call.HttpRequestMessage);
        });
        flurl.AfterCall(verifier.VerifyAsync);
    }

    /// <summary>The APIv3 answer verifier.</summary>
    internal ResponseVerifier Verifier { get; }

    /// <summary>The platform keys answers are verified with (live: the certificate manager adds to them).</summary>
    internal KeyRing Keys => certs;

    /// <summary>The instance's clock.</summary>
    internal Func<DateTimeOffset> Clock { get; }

    /// <summary>The default base URI, ending with <c>/</c>.</summary>
    internal string BaseUri => baseUri;

    /// <summary>Rate limiting per API (<see cref="BuilderOptions.RateLimiting"/>), or <c>null</c>.</summary>
    internal RateLimiting.ApiRateLimiter? RateLimiter { get; set; }

    /// <summary>The merchant id.</summary>
    internal string Mchid { get; set; } = string.Empty;

    /// <summary>The <c>ChainPay</c> logger.</summary>
    internal Microsoft.Extensions.Logging.ILogger Logger => telemetry?.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>The headers every APIv3 request starts with (<c>Accept</c>, <c>User-Agent</c>, <see cref="BuilderOptions.Headers"/>), in order.</summary>
    internal IReadOnlyList<(string Name, string Value)> DefaultHeaders { get; set; } = Array.Empty<(string Name, string Value)>();

    /// <summary>Whether every APIv3 request carries <c>Wechatpay-Serial</c> (<see cref="BuilderOptions.SendPlatformSerial"/>).</summary>
    internal bool SendsPlatformSerial { get; set; }

    /// <summary>The settings every ChainPay Flurl client shares: no status or redirect handling by Flurl, Newtonsoft JSON.</summary>
    public static IFlurlClient Configure(IFlurlClient flurl, TimeSpan? timeout)
    {
        flurl.Settings.AllowedHttpStatusRange = "*";
        flurl.Settings.Redirects.Enabled = false;
        flurl.Settings.JsonSerializer = new NewtonsoftJsonSerializer(JsonSettings);
        if (timeout is { } t)
        {
            flurl.Settings.Timeout = t;
        }

        return flurl;
    }

    /// <summary>The HTTP method of a verb name (<c>Get</c>, <c>post</c>, …), or <c>null</c>.</summary>
    public static HttpMethod? MethodOf(string verb) => verb.ToUpperInvariant() switch
    {
        "GET" => HttpMethod.Get,
        "PUT" => HttpMethod.Put,
        "POST" => HttpMethod.Post,
        "PATCH" => Patch,
        "DELETE" => HttpMethod.Delete,
        _ => null,
    };

    /// <summary>Expands, builds, signs, sends and verifies one request.</summary>
    public Task<IFlurlResponse> SendAsync(HttpMethod method, UriTemplate template, object? options, CancellationToken cancellationToken) =>
        SendAsync(method, template, options, cancellationToken, HttpCompletionOption.ResponseContentRead);

    /// <summary>As <see cref="SendAsync(HttpMethod, UriTemplate, object?, CancellationToken)"/>; <see cref="HttpCompletionOption.ResponseHeadersRead"/> streams unsigned bodies (bills).</summary>
    /// <remarks>
    /// When nothing observes the call (no listener, no logger at Warning), it is the one async method below, not a
    /// state machine awaiting another: one allocation and a few JIT-compiled methods fewer per call and per process.
    /// </remarks>
    public Task<IFlurlResponse> SendAsync(HttpMethod method, UriTemplate template, object? options, CancellationToken cancellationToken, HttpCompletionOption completion)
    {
        var observed = telemetry?.Start(method, template);
        return observed is null
            ? SendObservedAsync(method, template, options, cancellationToken, completion, null)
            : ObserveAsync(method, template, options, cancellationToken, completion, observed);
    }

    private async Task<IFlurlResponse> ObserveAsync(HttpMethod method, UriTemplate template, object? options, CancellationToken cancellationToken, HttpCompletionOption completion, CallObservation observation)
    {
        try
        {
            var response = await SendObservedAsync(method, template, options, cancellationToken, completion, observation).ConfigureAwait(false);
            observation.Succeeded(response);
            return response;
        }
        catch (Exception e) when (observation.Failed(e))
        {
            throw; // never reached: Failed records the call and lets the exception fly on untouched
        }
    }

    private async Task<IFlurlResponse> SendObservedAsync(HttpMethod method, UriTemplate template, object? options, CancellationToken cancellationToken, HttpCompletionOption completion, CallObservation? observed)
    {
        try
        {
            // Parsed once, and a Stream body read once: every attempt of a retried call sends the same bytes.
            var parsed = RequestOptions.From(options);
            if (parsed.Body is Stream stream)
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                parsed = parsed.WithBody(buffer.ToArray());
            }

            return retry is null
                ? await SendCoreAsync(method, template, parsed, cancellationToken, completion, null).ConfigureAwait(false)
                : await retry.RunAsync(backup => SendCoreAsync(method, template, parsed, cancellationToken, completion, backup ? retry.BackupBaseUri : null), cancellationToken, observed).ConfigureAwait(false);
        }
        catch (FlurlHttpException e) when (cancellationToken.IsCancellationRequested && e is not FlurlHttpTimeoutException)
        {
            // The caller cancelled: say so the .NET way, not as a transport failure.
            throw new OperationCanceledException("The request was cancelled.", e, cancellationToken);
        }
        catch (FlurlHttpException e) when (e.InnerException is StaleAttemptException stale)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(stale).Throw();
            throw;
        }
    }

    // Not async: the request's own task is returned as it is (its callers await it inside their try, so an
    // exception thrown here before anything is sent is handled exactly as a faulted task).
    private Task<IFlurlResponse> SendCoreAsync(HttpMethod method, UriTemplate template, RequestOptions parsed, CancellationToken cancellationToken, HttpCompletionOption completion, string? fallbackBaseUri)
    {
        var path = Expand(template, parsed);
        if (IsApiV2(path))
        {
            if (v2 is null)
            {
                throw new InvalidArgumentException(
                    $"`{path}` is an APIv2 (XML) call: set BuilderOptions.Secret (the APIv2 key) to enable the APIv2 client. Nothing was sent.", nameof(BuilderOptions.Secret));
            }

            return v2.SendAsync(method, path.Substring(3), parsed, fallbackBaseUri ?? baseUri, cancellationToken);
        }

        var prepared = Prepare(path, parsed, fallbackBaseUri);
        var content = BuildContent(prepared.Request, prepared.Options, prepared.ContentType);
        if (SendsPlatformSerial && HeaderOf(prepared.Request, "Wechatpay-Serial") is null)
        {
            prepared.Request.WithHeader("Wechatpay-Serial", PlatformSerial()); // as the official SDKs do; a caller's own header wins
        }

        var request = prepared.Request;
        return RateLimiter is { } limiter
            ? limiter.SendAsync(method.Method, path, () => request.SendAsync(method, content, completion, cancellationToken), cancellationToken)
            : request.SendAsync(method, content, completion, cancellationToken);
    }

    /// <summary>Whether an expanded path routes to APIv2: a case-insensitive <c>v2/</c> prefix.</summary>
    internal static bool IsApiV2(string path) => path.Length >= 3 && string.Compare(path, 0, "v2/", 0, 3, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Expands the template; unknown keys are refused.</summary>
    internal static string Expand(UriTemplate template, RequestOptions parsed)
    {
        var variables = parsed.Variables;
        var path = template.Expand(variables);
        List<string>? unknown = null;
        for (var i = 0; i < variables.Count; i++)
        {
            var key = variables.KeyAt(i);
            if (!template.HasVariable(key))
            {
                (unknown ??= new List<string>()).Add(key); // every placeholder was filled: a key that is none of them fills nothing
            }
        }

        if (unknown is not null)
        {
            throw new InvalidArgumentException(
                $"Unknown option key(s) {string.Join(", ", unknown.Select(k => "`" + k + "`"))}: not a placeholder of `{template.Text}` "
                + $"nor one of {string.Join(", ", RequestOptions.ReservedKeys)}.",
                unknown[0]);
        }

        return path;
    }

    /// <summary>Everything of an APIv3 request that can fail on bad input, done before anything is sent.</summary>
    internal (IFlurlRequest Request, RequestOptions Options, string? ContentType) Prepare(string path, RequestOptions parsed, string? fallbackBaseUri = null)
    {
        RefuseApiV2Option("xml", parsed.Xml, path);
        RefuseApiV2Option("security", parsed.Security, path);
        RefuseApiV2Option("nonceless", parsed.Nonceless, path);

        var request = NewRequest(Resolve(parsed.BaseUri ?? fallbackBaseUri ?? baseUri, path, parsed.Query));
        string? contentType = null;
        if (parsed.Headers.Count > 0)
        {
            foreach (var header in HeaderRules.ToSend(parsed.Headers, out contentType))
            {
                request.WithHeader(header.Key, header.Value);
            }
        }

        return (request, parsed, contentType);
    }

    /// <summary>
    /// A Flurl request for <paramref name="url"/> carrying <see cref="DefaultHeaders"/>. A URL that is already a valid
    /// request target as ChainPay encodes it (the usual case) is handed to Flurl as it is: <c>FlurlClient.Request(url)</c>
    /// would parse it and encode it again (<c>Url.Combine</c>, a regular expression over any URL with a <c>%XX</c>
    /// triplet) only to return the same text. The headers are the request's own rather than the Flurl client's, which
    /// Flurl would copy into each request three times per call.
    /// </summary>
    private IFlurlRequest NewRequest(string url)
    {
        var request = PercentEncoding.IsEncodedTarget(url, 0) ? new FlurlRequest(url) { Client = flurl } : flurl.Request(url);
        foreach (var header in DefaultHeaders)
        {
            request.Headers.Add(header.Name, header.Value);
        }

        return request;
    }

    private static void RefuseApiV2Option(string name, object? value, string path)
    {
        if (value is not null)
        {
            throw new InvalidArgumentException($"`{name}` is an APIv2 option; `{path}` is an APIv3 call. Use `json` or `body` for APIv3.", name);
        }
    }

    /// <summary>The URL sent for an expanded path (<see cref="RequestTarget.Resolve"/>; the APIv2 client resolves through here too).</summary>
    internal static string Resolve(string baseUri, string path, object? query) => RequestTarget.Resolve(baseUri, path, query);
}
