using System.Text;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.AspNetCore.Notifications;

/// <summary>
/// One notification endpoint of one merchant: reads the raw body (bounded), verifies it with the merchant's platform
/// keys (±300 s, serial, signature), refuses a nonce seen before (by any instance when the merchant's
/// <see cref="BuilderOptions.NonceStore"/> is shared; 503 when that store is unreachable), decrypts <c>resource</c> with its <c>ApiV3Key</c>,
/// calls the handler and answers as WeChat Pay expects (204; 4xx or 5xx with <c>{"code":"FAIL","message":…}</c>).
/// </summary>
internal sealed class NotificationEndpoint
{
    /// <summary>The largest body read (WeChat Pay's notifications are a few KiB); a larger one is answered 413.</summary>
    public const int MaxBodySize = 64 * 1024;

    private readonly string merchant;
    private readonly IChainPayFactory factory;
    private readonly Func<Notification, HttpContext, Task> handler;
    private readonly ILogger logger;
    private readonly object gate = new();
    private ChainPayOptions? builtFrom;
    private NotificationVerifier? verifier;

    public NotificationEndpoint(string merchant, IChainPayFactory factory, Func<Notification, HttpContext, Task> handler, ILogger logger)
    {
        this.merchant = merchant;
        this.factory = factory;
        this.handler = handler;
        this.logger = logger;
    }

    /// <summary>Who the merchant is in messages: the default one, or by its name.</summary>
    public static string Who(string merchant) => merchant.Length == 0 ? "The default ChainPay merchant" : $"ChainPay merchant `{merchant}`";

    /// <summary>Checks at mapping time that the merchant can verify and decrypt: an <c>ApiV3Key</c> and keys that load.</summary>
    /// <exception cref="InvalidArgumentException">An unknown merchant, no <c>ApiV3Key</c>, or one or a platform key that does not load.</exception>
    public void CheckConfiguration()
    {
        try
        {
            Verifier();
        }
        catch (OptionsValidationException)
        {
            // Invalid BuilderOptions: ValidateOnStart fails the host's start with the full message.
        }
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            NotificationLog.Refused(logger, merchant, null, null, $"the body is larger than {MaxBodySize} bytes");
            await FailAsync(context, StatusCodes.Status413PayloadTooLarge, $"The notification body is larger than {MaxBodySize} bytes.").ConfigureAwait(false);
            return;
        }

        if (!IsJsonObject(body))
        {
            NotificationLog.Refused(logger, merchant, null, null, "the body is not a JSON object");
            await FailAsync(context, StatusCodes.Status400BadRequest, "The notification body is not a JSON object.").ConfigureAwait(false);
            return;
        }

        NotificationVerifier current;
        try
        {
            current = Verifier();
        }
        catch (Exception e) when (e is InvalidArgumentException or OptionsValidationException)
        {
            NotificationLog.ConfigurationFailed(logger, merchant, e.Message);
            await FailAsync(context, StatusCodes.Status500InternalServerError, "The notification could not be handled.").ConfigureAwait(false);
            return;
        }

        Notification notification;
        try
        {
            notification = await current.VerifyAsync(name => Header(context.Request, name), body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SharedStoreUnavailableException e)
        {
            // Fail closed: unknown whether another instance took it; WeChat Pay delivers it again later.
            NotificationLog.Refused(logger, merchant, null, null, "the shared nonce store is unreachable: " + e.Message);
            await FailAsync(context, StatusCodes.Status503ServiceUnavailable, "The notification could not be checked for replay; WeChat Pay will send it again.").ConfigureAwait(false);
            return;
        }
        catch (NotificationVerificationException e)
        {
            NotificationLog.Refused(logger, merchant, null, null, e.Message); // never quotes the signature
            await FailAsync(context, StatusCodes.Status401Unauthorized, "The notification did not verify.").ConfigureAwait(false);
            return;
        }

        string? id = null, eventType = null;
        try
        {
            (id, eventType) = (notification.Id, notification.EventType);
            notification.DecryptResource();
        }
        catch (NotificationVerificationException e)
        {
            NotificationLog.Refused(logger, merchant, id, eventType, e.Message);
            await FailAsync(context, StatusCodes.Status400BadRequest, "The notification's resource could not be read.").ConfigureAwait(false);
            return;
        }

        try
        {
            await handler(notification, context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            NotificationLog.HandlerFailed(logger, merchant, id, eventType, e);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await FailAsync(context, StatusCodes.Status500InternalServerError, "The notification could not be handled; WeChat Pay will send it again.").ConfigureAwait(false);
            }

            return;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }

        NotificationLog.Accepted(logger, merchant, id, eventType);
    }

    /// <summary>The verifier of the merchant's current options, built again when they change (key rotation).</summary>
    private NotificationVerifier Verifier()
    {
        var options = factory.GetOptions(merchant);
        lock (gate)
        {
            if (!ReferenceEquals(options, builtFrom) || verifier is null)
            {
                verifier = Build(options);
                builtFrom = options;
            }

            return verifier;
        }
    }

    private NotificationVerifier Build(ChainPayOptions options)
    {
        if (string.IsNullOrEmpty(options.ApiV3Key))
        {
            throw new InvalidArgumentException(
                $"{Who(merchant)} has no `ApiV3Key`: MapWeChatPayNotifications decrypts notifications with it (the configuration key `ApiV3Key`, or ChainPayOptions.ApiV3Key).",
                nameof(ChainPayOptions.ApiV3Key));
        }

        var o = options.Builder;
        try
        {
            return new NotificationVerifier(new NotificationOptions
            {
                Certs = new Dictionary<string, object?>(o.Certs, StringComparer.Ordinal),
                SigningScheme = o.SigningScheme,
                ApiV3Key = options.ApiV3Key,
                Clock = o.Clock,
                ReplayProtection = true,
                NonceStore = o.NonceStore,
                Mchid = o.Mchid,
            });
        }
        catch (InvalidArgumentException e)
        {
            throw new InvalidArgumentException($"{Who(merchant)}: {Bare(e)}", e.ParamName, e);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodySize)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodySize)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJsonObject(byte[] body)
    {
        try
        {
            return JToken.Parse(Encoding.UTF8.GetString(body)) is JObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static string Bare(ArgumentException e) =>
        e.ParamName is { } p && e.Message.EndsWith($" (Parameter '{p}')", StringComparison.Ordinal) ? e.Message[..^$" (Parameter '{p}')".Length] : e.Message;

    private static Task FailAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(new JObject { ["code"] = "FAIL", ["message"] = message }.ToString(Formatting.None), context.RequestAborted);
    }
}
