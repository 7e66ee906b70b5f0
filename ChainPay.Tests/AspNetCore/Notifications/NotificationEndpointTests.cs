using System.Net;
using System.Text;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using static ChainPay.Tests.AspNetCore.NotificationApp;

namespace ChainPay.Tests.AspNetCore.Notifications;

/// <summary>The notification endpoint on a real Kestrel: what WeChat Pay's genuine, tampered, replayed and failing notifications get back.</summary>
public class NotificationEndpointTests
{
    internal static readonly object Paid = new { mchid = "1230000109", out_trade_no = "1217752501201407033233368018", trade_state = "SUCCESS", amount = new { total = 100 } };

    [Test]
    public async Task AGenuineNotification_Gets204WithNoBody_AndTheHandlerTheDecryptedResource()
    {
        var sandbox = new WeChatPaySandbox();
        var handled = new List<JObject>();
        await using var app = await StartAsync(sandbox, handled);

        var answer = await PostAsync(app, "/notify", sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid, "EV-1"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(answer.Body, Is.Empty);
        Assert.That(handled, Has.Count.EqualTo(1));
        Assert.That((string?)handled[0]["out_trade_no"], Is.EqualTo("1217752501201407033233368018"));
        Assert.That((int?)handled[0]["amount"]!["total"], Is.EqualTo(100));
        var accepted = app.Logs.Entries.Single(e => e.Event == "NotificationAccepted");
        Assert.That(accepted.Category, Is.EqualTo("ChainPay.AspNetCore.Notifications"));
        Assert.That(accepted.Message, Does.Contain("EV-1").And.Contain("TRANSACTION.SUCCESS"));
    }

    [Test]
    public async Task ATamperedBody_AWrongSignature_AWrongSerial_AStaleTimestamp_Get401Fail_AndNeverReachTheHandler()
    {
        var sandbox = new WeChatPaySandbox();
        var stale = new WeChatPaySandbox(new SandboxOptions { ApiV3Key = sandbox.ApiV3Key, Clock = () => DateTimeOffset.UtcNow.AddMinutes(-6) });
        var handled = new List<JObject>();
        await using var app = await StartAsync(sandbox, handled);
        var genuine = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);
        var other = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);
        var old = stale.CreateNotification("TRANSACTION.SUCCESS", Paid);
        Dictionary<string, string> With(string name, string value) => new(genuine.Headers, StringComparer.OrdinalIgnoreCase) { [name] = value };

        var cases = new (string Case, IReadOnlyDictionary<string, string> Headers, string Body)[]
        {
            ("tampered body", genuine.Headers, genuine.Body.Replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESX", StringComparison.Ordinal)),
            ("another body's signature", With("Wechatpay-Signature", other.Headers["Wechatpay-Signature"]), genuine.Body),
            ("unknown serial", With("Wechatpay-Serial", "PUB_KEY_ID_0000000000000000000000000000000000"), genuine.Body),
            ("no signature", With("Wechatpay-Signature", string.Empty), genuine.Body),
            ("stale timestamp", old.Headers, old.Body),
        };
        foreach (var c in cases)
        {
            AssertFail(await PostAsync(app, "/notify", c.Headers, c.Body), HttpStatusCode.Unauthorized);
        }

        Assert.That(handled, Is.Empty);
        Assert.That(app.Logs.Entries.Count(e => e.Event == "NotificationRefused" && e.Level == LogLevel.Warning), Is.EqualTo(cases.Length));
    }

    [Test]
    public async Task TheSameNotificationReplayed_IsRefusedTheSecondTime()
    {
        var sandbox = new WeChatPaySandbox();
        var handled = new List<JObject>();
        await using var app = await StartAsync(sandbox, handled);
        var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);

        var first = await PostAsync(app, "/notify", notice);
        var second = await PostAsync(app, "/notify", notice);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.NoContent));
        AssertFail(second, HttpStatusCode.Unauthorized);
        Assert.That(handled, Has.Count.EqualTo(1));
        Assert.That(app.Logs.Entries.Single(e => e.Event == "NotificationRefused").Message, Does.Contain("replay"));
    }

    [Test]
    public async Task AHandlerThatThrows_Gets500Fail_WithoutTheExceptionText_SoWeChatPayRetries()
    {
        var sandbox = new WeChatPaySandbox();
        await using var app = await StartAsync(sandbox, new List<JObject>(), _ => throw new InvalidOperationException("db at 10.0.0.7 refused user payments"));

        var answer = await PostAsync(app, "/notify", sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid, "EV-500"));

        AssertFail(answer, HttpStatusCode.InternalServerError);
        Assert.That(answer.Body, Does.Not.Contain("10.0.0.7").And.Not.Contain("InvalidOperationException"));
        var failed = app.Logs.Entries.Single(e => e.Event == "NotificationHandlerFailed");
        Assert.That(failed.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(failed.Message, Does.Contain("EV-500"));
        Assert.That(failed.Exception, Does.Contain("refused user payments"), "the exception is logged for the operator");
    }

    [Test]
    public async Task AMalformedBody_Gets400_ABodyOverTheLimit413_BothFail_AndAGetIsNotRouted()
    {
        var sandbox = new WeChatPaySandbox();
        var handled = new List<JObject>();
        await using var app = await StartAsync(sandbox, handled);
        var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid);

        AssertFail(await PostAsync(app, "/notify", notice.Headers, "not json"), HttpStatusCode.BadRequest);
        AssertFail(await PostAsync(app, "/notify", notice.Headers, "[1,2]"), HttpStatusCode.BadRequest);
        AssertFail(await PostAsync(app, "/notify", notice.Headers, "{\"id\":\"" + new string('x', 70 * 1024) + "\"}"), HttpStatusCode.RequestEntityTooLarge);
        using var get = await app.Client.GetAsync("/notify");

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(handled, Is.Empty);
    }

    [Test]
    public async Task AResourceThatDoesNotDecrypt_Gets400Fail_AndNeverReachesTheHandler()
    {
        var sandbox = new WeChatPaySandbox();
        var otherKey = new WeChatPaySandbox(new SandboxOptions { ApiV3Key = "abcdefghijklmnopqrstuvwxyz012345" }); // same platform key, another APIv3 key
        var handled = new List<JObject>();
        await using var app = await StartAsync(sandbox, handled);

        AssertFail(await PostAsync(app, "/notify", otherKey.CreateNotification("TRANSACTION.SUCCESS", Paid)), HttpStatusCode.BadRequest);
        Assert.That(handled, Is.Empty);
    }

    [Test]
    public async Task TheLogs_NameIdsAndEventTypes_NeverTheBodyCiphertextKeyOrSignature()
    {
        var sandbox = new WeChatPaySandbox();
        await using var app = await StartAsync(sandbox, new List<JObject>());
        var genuine = sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid, "EV-LOG");
        var forged = new Dictionary<string, string>(genuine.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["Wechatpay-Signature"] = sandbox.CreateNotification("REFUND.SUCCESS", Paid).Headers["Wechatpay-Signature"],
        };

        await PostAsync(app, "/notify", forged, genuine.Body);
        await PostAsync(app, "/notify", genuine);

        var text = app.Logs.AllText;
        var ciphertext = (string)JObject.Parse(genuine.Body)["resource"]!["ciphertext"]!;
        Assert.That(text, Does.Contain("EV-LOG").And.Contain("TRANSACTION.SUCCESS"));
        Assert.That(text, Does.Contain("Verify the notification's data with: timestamp="), "the verifier's message is kept; it does not quote the signature");
        foreach (var secret in new[] { sandbox.ApiV3Key, ciphertext, genuine.Headers["Wechatpay-Signature"], forged["Wechatpay-Signature"], genuine.Body, "1217752501201407033233368018" })
        {
            Assert.That(text, Does.Not.Contain(secret));
        }
    }

    [Test]
    public async Task TheHttpContextHandler_GetsTheRequest_AndMayAnswerItself()
    {
        var sandbox = new WeChatPaySandbox();
        await using var app = await KestrelApp.StartAsync(
            b => Register(b.Services, sandbox),
            a => a.MapWeChatPayNotifications(string.Empty, "/notify", async (n, context) =>
            {
                context.Response.StatusCode = 200;
                await context.Response.WriteAsync($"{context.Request.Path} {n.Id}", context.RequestAborted);
            }));

        var answer = await PostAsync(app, "/notify", sandbox.CreateNotification("TRANSACTION.SUCCESS", Paid, "EV-CTX"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Body, Is.EqualTo("/notify EV-CTX"));
    }
}
