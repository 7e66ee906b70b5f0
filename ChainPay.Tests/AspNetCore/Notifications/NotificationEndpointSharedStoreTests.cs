using System.Net;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.Replay;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.AspNetCore.NotificationApp;

namespace ChainPay.Tests.AspNetCore.Notifications;

/// <summary>Endpoints of several instances sharing the merchant's nonce store (BuilderOptions.NonceStore).</summary>
public class NotificationEndpointSharedStoreTests
{
    private static readonly object Paid = NotificationEndpointTests.Paid;

    private static Task<KestrelApp> StartAsync(WeChatPaySandbox sandbox, INonceStore store, List<JObject> handled) =>
        KestrelApp.StartAsync(
            b =>
            {
                Register(b.Services, sandbox);
                b.Services.Configure<ChainPayOptions>(ChainPayOptions.DefaultName, o => o.Builder.NonceStore = store);
            },
            app => app.MapWeChatPayNotifications("/notify", n =>
            {
                lock (handled)
                {
                    handled.Add(n.DecryptResource());
                }

                return Task.CompletedTask;
            }));

    [Test]
    public async Task ANotificationReplayedToAnotherInstance_Gets401_AndReachesOneHandler()
    {
        var sandbox = new WeChatPaySandbox();
        var store = new MemoryNonceStore();
        var handled = new List<JObject>();
        await using var first = await StartAsync(sandbox, store, handled);
        await using var second = await StartAsync(sandbox, store, handled);
        var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid, "EV-1");

        Assert.That((await PostAsync(first, "/notify", notice)).Status, Is.EqualTo(HttpStatusCode.NoContent));
        AssertFail(await PostAsync(second, "/notify", notice), HttpStatusCode.Unauthorized);
        Assert.That(handled, Has.Count.EqualTo(1));
        Assert.That(second.Logs.Entries.Single(e => e.Event == "NotificationRefused").Message, Does.Contain("replay"));
    }

    [Test]
    public async Task AnUnreachableStore_Gets503_SoWeChatPaySendsItAgain_AndTheHandlerIsNotCalled()
    {
        var sandbox = new WeChatPaySandbox();
        var handled = new List<JObject>();
        await using var app = await StartAsync(sandbox, new ChainPay.Tests.Notifications.NotificationVerifierSharedStoreTests.UnreachableStore(), handled);

        var answer = await PostAsync(app, "/notify", sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid, "EV-2"));

        AssertFail(answer, HttpStatusCode.ServiceUnavailable);
        Assert.That(JObject.Parse(answer.Body)["message"]!.ToString(), Is.EqualTo("The notification could not be checked for replay; WeChat Pay will send it again."));
        Assert.That(handled, Is.Empty);
        var refused = app.Logs.Entries.Single(e => e.Event == "NotificationRefused");
        Assert.That(refused.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(refused.Message, Does.Contain("the shared nonce store is unreachable: redis:6379 refused the connection"));
    }
}
