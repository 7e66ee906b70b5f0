using System.Security.Cryptography;
using System.Text;
using ChainPay.Http;
using ChainPay.Util;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Notifications;

/// <summary>
/// Verifies WeChat Pay notifications (callbacks) in any web framework: give it the request headers and the RAW
/// body, exactly as received. A body parsed and serialised again (by model binding, say) no longer matches the
/// signature and is refused.
/// </summary>
/// <example>
/// <code>
/// // ASP.NET Core minimal API
/// app.MapPost("/notify", async (HttpRequest request) =>
/// {
///     using var reader = new StreamReader(request.Body);
///     var raw = await reader.ReadToEndAsync();
///     try { var n = verifier.Verify(name => request.Headers[name].FirstOrDefault(), raw); /* … */ return Results.NoContent(); }
///     catch (NotificationVerificationException) { return Results.Unauthorized(); }
/// });
/// </code>
/// </example>
public sealed class NotificationVerifier
{
    private const string SignTestPrefix = "WECHATPAY/SIGNTEST/";

    private readonly Dictionary<string, object> keys = new(StringComparer.Ordinal);
    private readonly string? apiV3Key;
    private readonly Func<DateTimeOffset> clock;
    private readonly NonceCache? nonces;
    private readonly Replay.INonceStore? store;
    private readonly string merchant;

    /// <summary>Creates the verifier; keys are parsed here, once.</summary>
    /// <param name="options">The platform keys, the APIv3 key, the clock and replay protection.</param>
    /// <exception cref="InvalidArgumentException">No keys, a key that does not load, or an APIv3 key that is not 32 bytes.</exception>
    public NotificationVerifier(NotificationOptions options)
    {
        if (options?.Certs is null || options.Certs.Count == 0)
        {
            throw new InvalidArgumentException("The platform certificate(s) aka `certs` is required, paired as of `[$serial => $certificate]`.", nameof(NotificationOptions.Certs));
        }

        if (options.SigningScheme != BuilderOptions.SchemeRsa && options.SigningScheme != BuilderOptions.SchemeSm2)
        {
            throw new InvalidArgumentException($"The `SigningScheme` must be {BuilderOptions.SchemeRsa} or {BuilderOptions.SchemeSm2}.", nameof(NotificationOptions.SigningScheme));
        }

        foreach (var pair in options.Certs.Where(p => p.Value is not null))
        {
            try
            {
                keys[pair.Key] = SigningScheme.LoadPublic(options.SigningScheme, pair.Value!);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new InvalidArgumentException($"The `Certs[{pair.Key}]` cannot be loaded as a public key: {Builder.BareMessage(e)}", $"Certs[{pair.Key}]", e);
            }
        }

        if (options.ApiV3Key is { } key && Encoding.UTF8.GetByteCount(key) != 32)
        {
            throw new InvalidArgumentException("The APIv3 key must be 32 bytes.", nameof(NotificationOptions.ApiV3Key));
        }

        apiV3Key = options.ApiV3Key;
        clock = options.Clock ?? (() => DateTimeOffset.UtcNow);
        store = options.NonceStore;
        merchant = string.IsNullOrEmpty(options.Mchid) ? "default" : options.Mchid!;
        nonces = options.ReplayProtection && store is null ? new NonceCache(2 * SignatureHeaders.MaxSkewSeconds) : null;
    }

    /// <summary>Verifies a notification given a header lookup (case-insensitive in most frameworks) and the raw body.</summary>
    /// <param name="header">Returns a request header's value, or <c>null</c> when absent.</param>
    /// <param name="body">The raw body as received (UTF-8).</param>
    /// <exception cref="NotificationVerificationException">The notification cannot be trusted, or its body is not one JSON object.</exception>
    /// <exception cref="InvalidArgumentException"><paramref name="header"/> or <paramref name="body"/> is <c>null</c>.</exception>
    public Notification Verify(Func<string, string?> header, string body) =>
        Verify(header, Encoding.UTF8.GetBytes(body ?? throw new InvalidArgumentException("The raw body is required.", nameof(body))));

    /// <summary>Verifies a notification given a header lookup and the raw body bytes.</summary>
    /// <param name="header">Returns a request header's value, or <c>null</c> when absent.</param>
    /// <param name="body">The raw body bytes as received.</param>
    /// <exception cref="NotificationVerificationException">The notification cannot be trusted, or its body is not one JSON object.</exception>
    /// <exception cref="InvalidArgumentException"><paramref name="header"/> or <paramref name="body"/> is <c>null</c>.</exception>
    /// <exception cref="SharedStoreUnavailableException">The shared <see cref="NotificationOptions.NonceStore"/> cannot be reached: the notification is refused (WeChat Pay sends it again).</exception>
    public Notification Verify(Func<string, string?> header, byte[] body)
    {
        var headers = Check(header, body);
        if (store is not null)
        {
            // The synchronous form waits for the shared store; VerifyAsync does not block a thread.
            Fresh(store.TryAddAsync(merchant, Replay.NoncePurpose.Notification, headers.Nonce, Lifetime).GetAwaiter().GetResult(), headers.Nonce);
        }

        return Parse(body);
    }

    /// <summary>
    /// Verifies a notification given a header lookup and the raw body bytes, checking its nonce in the shared
    /// <see cref="NotificationOptions.NonceStore"/> without blocking a thread.
    /// </summary>
    /// <param name="header">Returns a request header's value, or <c>null</c> when absent.</param>
    /// <param name="body">The raw body bytes as received.</param>
    /// <param name="cancellationToken">Stops waiting for the nonce store.</param>
    /// <exception cref="NotificationVerificationException">The notification cannot be trusted, or its body is not one JSON object.</exception>
    /// <exception cref="SharedStoreUnavailableException">The shared nonce store cannot be reached: the notification is refused (WeChat Pay sends it again).</exception>
    /// <exception cref="InvalidArgumentException"><paramref name="header"/> or <paramref name="body"/> is <c>null</c>.</exception>
    public async Task<Notification> VerifyAsync(Func<string, string?> header, byte[] body, CancellationToken cancellationToken = default)
    {
        var headers = Check(header, body);
        if (store is not null)
        {
            Fresh(await store.TryAddAsync(merchant, Replay.NoncePurpose.Notification, headers.Nonce, Lifetime, cancellationToken).ConfigureAwait(false), headers.Nonce);
        }

        return Parse(body);
    }

    private static TimeSpan Lifetime => TimeSpan.FromSeconds(2 * SignatureHeaders.MaxSkewSeconds);

    private static void Fresh(bool added, string nonce)
    {
        if (!added)
        {
            throw new NotificationVerificationException($"The notification's nonce `{nonce}` was already seen: a replay.");
        }
    }

    /// <summary>Everything but the shared nonce check: headers, time, signature, the in-process nonce.</summary>
    private SignatureHeaders Check(Func<string, string?> header, byte[] body)
    {
        if (header is null || body is null)
        {
            throw new InvalidArgumentException("The headers and the raw body are required.", header is null ? nameof(header) : nameof(body));
        }

        var headers = SignatureHeaders.Read(header) ?? throw new NotificationVerificationException(SignatureHeaders.Incomplete);
        if (headers.CheckFilled("notification") is { } blank)
        {
            throw new NotificationVerificationException(blank);
        }

        if (headers.Signature.StartsWith(SignTestPrefix, StringComparison.Ordinal))
        {
            throw new NotificationVerificationException("The notification is a WeChat Pay signature probe (WECHATPAY/SIGNTEST/…): it never verifies; answer it with an error status.");
        }

        var now = clock().ToUnixTimeSeconds();
        Exception? inner = null;
        var failure = headers.CheckTime(now) ?? headers.Verify(keys, body, out inner, notification: true);
        if (failure is not null)
        {
            throw new NotificationVerificationException(failure, inner);
        }

        if (nonces is not null && !nonces.TryAdd(headers.Nonce, now))
        {
            throw new NotificationVerificationException($"The notification's nonce `{headers.Nonce}` was already seen: a replay.");
        }

        return headers;
    }

    private Notification Parse(byte[] body)
    {
        JObject? json;
        try
        {
            json = JsonText.ParseObject(Encoding.UTF8.GetString(body));
        }
        catch (JsonException e)
        {
            throw new NotificationVerificationException("The notification body is not a JSON object.", e);
        }

        return new Notification(json ?? throw new NotificationVerificationException("The notification body is empty or JSON null, not a JSON object."), apiV3Key);
    }

    /// <summary>Verifies a notification given its headers as name/value pairs (looked up case-insensitively; the first of repeated names wins, null names are skipped).</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The raw body as received.</param>
    /// <exception cref="NotificationVerificationException">The notification cannot be trusted, or its body is not one JSON object.</exception>
    /// <exception cref="InvalidArgumentException"><paramref name="headers"/> or <paramref name="body"/> is <c>null</c>.</exception>
    public Notification Verify(IEnumerable<KeyValuePair<string, string>> headers, string body)
    {
        var map = (headers ?? throw new InvalidArgumentException("The headers are required.", nameof(headers)))
            .Where(h => h.Key is not null)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        return Verify(name => map.TryGetValue(name, out var value) ? value : null, body);
    }
}
