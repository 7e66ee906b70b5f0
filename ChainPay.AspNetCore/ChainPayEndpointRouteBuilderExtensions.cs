using ChainPay;
using ChainPay.AspNetCore.Notifications;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps a WeChat Pay notification (回调通知) endpoint for a merchant registered with <c>AddChainPay</c>: <c>POST</c>
/// only; the raw body (at most 64 KiB, else 413) verified with the merchant's platform keys (signature, ±300 s,
/// serial) and its <c>Wechatpay-Nonce</c> refused when seen before; <c>resource</c> decrypted with its
/// <c>ApiV3Key</c>; the answer WeChat Pay expects: 204 with no body once the handler returns, 4xx with
/// <c>{"code":"FAIL","message":…}</c> when the notification does not verify or is malformed, 500 with the same shape
/// (a generic message, never the exception's) when the handler throws, so WeChat Pay sends it again.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddChainPay(builder.Configuration.GetSection("ChainPay"));   // with ApiV3Key
/// app.MapWeChatPayNotifications("/wechatpay/notify", async notification =>
/// {
///     var transaction = notification.DecryptResource();   // out_trade_no, trade_state, amount, …
///     await orders.MarkPaidAsync((string)transaction["out_trade_no"]!);
/// });
/// </code>
/// </example>
public static class ChainPayEndpointRouteBuilderExtensions
{
    /// <summary>Maps the notification endpoint of the default merchant.</summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="pattern">The route, e.g. <c>/wechatpay/notify</c>.</param>
    /// <param name="handler">Called with each verified notification; it throws to have WeChat Pay send it again.</param>
    /// <returns>The endpoint's convention builder (<c>RequireHost</c>, <c>WithName</c>, …).</returns>
    /// <exception cref="InvalidArgumentException">No default merchant is registered, or it has no <c>ApiV3Key</c> or keys that do not load.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications(this IEndpointRouteBuilder endpoints, string pattern, Func<Notification, Task> handler) =>
        MapWeChatPayNotifications(endpoints, ChainPayOptions.DefaultName, pattern, handler);

    /// <summary>Maps the notification endpoint of merchant <paramref name="merchant"/>.</summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="merchant">The name given to <c>AddChainPay</c> (<see cref="ChainPayOptions.DefaultName"/> for the default one).</param>
    /// <param name="pattern">The route, e.g. <c>/wechatpay/notify/sub-1900000109</c>.</param>
    /// <param name="handler">Called with each verified notification; it throws to have WeChat Pay send it again.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidArgumentException">No merchant of that name is registered, or it has no <c>ApiV3Key</c> or keys that do not load.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications(this IEndpointRouteBuilder endpoints, string merchant, string pattern, Func<Notification, Task> handler)
    {
        if (handler is null)
        {
            throw new InvalidArgumentException("A notification handler is required.", nameof(handler));
        }

        return MapWeChatPayNotifications(endpoints, merchant, pattern, (notification, _) => handler(notification));
    }

    /// <summary>Maps the notification endpoint of merchant <paramref name="merchant"/>, with a handler that also gets the request (its services, <c>RequestAborted</c>).</summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="merchant">The name given to <c>AddChainPay</c> (<see cref="ChainPayOptions.DefaultName"/> for the default one).</param>
    /// <param name="pattern">The route.</param>
    /// <param name="handler">Called with each verified notification and the request's <see cref="HttpContext"/>; 204 is answered unless it starts a response itself.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidArgumentException">No merchant of that name is registered, or it has no <c>ApiV3Key</c> or keys that do not load.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications(this IEndpointRouteBuilder endpoints, string merchant, string pattern, Func<Notification, HttpContext, Task> handler)
    {
        if (endpoints is null)
        {
            throw new InvalidArgumentException("The endpoint route builder is required.", nameof(endpoints));
        }

        if (string.IsNullOrEmpty(pattern))
        {
            throw new InvalidArgumentException("A route pattern (e.g. /wechatpay/notify) is required.", nameof(pattern));
        }

        if (handler is null)
        {
            throw new InvalidArgumentException("A notification handler is required.", nameof(handler));
        }

        var services = endpoints.ServiceProvider;
        var factory = services.GetService<IChainPayFactory>()
            ?? throw new InvalidArgumentException("MapWeChatPayNotifications needs a merchant registered with services.AddChainPay(…).", nameof(merchant));
        if (merchant is null)
        {
            throw new InvalidArgumentException("A merchant name is required (ChainPayOptions.DefaultName for the default one).", nameof(merchant));
        }

        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(NotificationLog.Category) ?? NullLogger.Instance;
        var endpoint = new NotificationEndpoint(merchant, factory, handler, logger);
        endpoint.CheckConfiguration();
        return endpoints.MapMethods(pattern, new[] { HttpMethods.Post }, endpoint.InvokeAsync)
            .WithDisplayName($"WeChat Pay notifications ({(merchant.Length == 0 ? "default merchant" : merchant)}) {pattern}");
    }
}
