using System.Net;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.AspNetCore.NotificationApp;

namespace ChainPay.Tests.AspNetCore;

/// <summary>MapWeChatPayNotifications: what mapping checks, named merchants side by side, the convention builder it returns.</summary>
public class ChainPayEndpointRouteBuilderExtensionsTests
{
    private static readonly object Paid = new { out_trade_no = "1217752501201407033233368018", trade_state = "SUCCESS" };

    private static WebApplication Build(Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        services(builder.Services);
        return builder.Build();
    }

    [Test]
    public async Task AnUnknownMerchant_FailsAtMapping_NamingIt()
    {
        await using var app = Build(s => Register(s, new WeChatPaySandbox(), "main"));
        var e = Assert.Throws<InvalidArgumentException>(() => app.MapWeChatPayNotifications("sub-9", "/notify", _ => Task.CompletedTask));
        Assert.That(e!.Message, Does.Contain("`sub-9`").And.Contain("`main`"));
    }

    [Test]
    public async Task NoApiV3Key_OrOneOfTheWrongLength_FailsAtMapping_NamingApiV3Key_NeverTheKey()
    {
        await using var none = Build(s => Register(s, new WeChatPaySandbox(), withApiV3Key: false));
        var missing = Assert.Throws<InvalidArgumentException>(() => none.MapWeChatPayNotifications("/notify", _ => Task.CompletedTask));
        Assert.That(missing!.ParamName, Is.EqualTo("ApiV3Key"));
        Assert.That(missing.Message, Does.Contain("`ApiV3Key`").And.Contain("default ChainPay merchant"));

        const string shortKey = "0123456789abcdef0123456789abcde";
        await using var wrong = Build(s => Register(s, new WeChatPaySandbox(), "sub", apiV3Key: shortKey));
        var bad = Assert.Throws<InvalidArgumentException>(() => wrong.MapWeChatPayNotifications("sub", "/notify", _ => Task.CompletedTask));
        Assert.That(bad!.ParamName, Is.EqualTo("ApiV3Key"));
        Assert.That(bad.Message, Does.Contain("`sub`").And.Not.Contain(shortKey));
    }

    [Test]
    public async Task NamedMerchants_SideBySide_EachVerifiesAndDecryptsWithItsOwnKeys()
    {
        var a = new WeChatPaySandbox();
        var b = new WeChatPaySandbox(new SandboxOptions { KeyMode = SandboxKeyMode.CertificateSerial, Mchid = "1900000109" });
        var seen = new List<string>();
        Func<ChainPay.Notifications.Notification, Task> Record(string who) => n =>
        {
            lock (seen)
            {
                seen.Add(who + ":" + (string?)n.DecryptResource()["out_trade_no"]);
            }

            return Task.CompletedTask;
        };
        await using var app = await KestrelApp.StartAsync(
            w =>
            {
                Register(w.Services, a, "a");
                Register(w.Services, b, "b");
            },
            w =>
            {
                w.MapWeChatPayNotifications("a", "/notify/a", Record("a"));
                w.MapWeChatPayNotifications("b", "/notify/b", Record("b"));
            });

        Assert.That((await PostAsync(app, "/notify/a", a.CreateNotification("TRANSACTION.SUCCESS", Paid))).Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await PostAsync(app, "/notify/b", b.CreateNotification("TRANSACTION.SUCCESS", Paid))).Status, Is.EqualTo(HttpStatusCode.NoContent));
        AssertFail(await PostAsync(app, "/notify/a", b.CreateNotification("TRANSACTION.SUCCESS", Paid)), HttpStatusCode.Unauthorized); // b's platform serial
        AssertFail(await PostAsync(app, "/notify/b", a.CreateNotification("TRANSACTION.SUCCESS", Paid)), HttpStatusCode.Unauthorized);

        Assert.That(seen, Is.EqualTo(new[] { "a:1217752501201407033233368018", "b:1217752501201407033233368018" }));
    }

    [Test]
    public async Task TheConventionBuilder_TakesWithNameAndRequireHost()
    {
        var sandbox = new WeChatPaySandbox();
        var handled = new List<JObject>();
        await using var app = await KestrelApp.StartAsync(
            w => Register(w.Services, sandbox),
            w => w.MapWeChatPayNotifications("/notify", _ => Task.CompletedTask).WithName("wechatpay-notify").RequireHost("pay.example.com"));

        var endpoint = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null);
        Assert.That(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, Is.EqualTo("wechatpay-notify"));

        var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);
        Assert.That((await PostAsync(app, "/notify", notice)).Status, Is.EqualTo(HttpStatusCode.NotFound), "another host");
        var onHost = new Dictionary<string, string>(notice.Headers, StringComparer.OrdinalIgnoreCase) { ["Host"] = "pay.example.com" };
        Assert.That((await PostAsync(app, "/notify", onHost, notice.Body)).Status, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
