using ChainPay.Extensions.DependencyInjection;
using ChainPay.Notifications;
using ChainPay.Testing;
using ChainPay.Tests.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// A merchant's notify_url for the sandbox's deliveries: a real Kestrel app with <c>MapWeChatPayNotifications</c> at
/// <c>/notify</c>, judging timestamps by the same clock as the sandbox, or a plain route answering what a test says.
/// </summary>
internal static class NotifyEndpoint
{
    /// <summary>ChainPay.AspNetCore's endpoint for the sandbox's merchant, its ±300 s window on <paramref name="clock"/>.</summary>
    public static Task<KestrelApp> StartAsync(WeChatPaySandbox sandbox, Func<DateTimeOffset> clock, Func<Notification, HttpContext, Task> handler) =>
        KestrelApp.StartAsync(
            b =>
            {
                NotificationApp.Register(b.Services, sandbox);
                b.Services.Configure<ChainPayOptions>(ChainPayOptions.DefaultName, o => o.Builder.Clock = clock);
            },
            app => app.MapWeChatPayNotifications(ChainPayOptions.DefaultName, "/notify", handler));

    /// <summary>A plain endpoint at <c>/notify</c> whose answer is <paramref name="answer"/>'s.</summary>
    public static Task<KestrelApp> StartPlainAsync(Func<HttpContext, Task<IResult>> answer) =>
        KestrelApp.StartAsync(_ => { }, app => app.MapPost("/notify", answer));

    /// <summary>The endpoint's notify_url.</summary>
    public static string Url(KestrelApp app) => new Uri(app.BaseUri, "notify").AbsoluteUri;
}
