using System.Net;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.Notifications;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.AspNetCore;

/// <summary>The test setup of the notification endpoint: merchants from sandboxes, a Kestrel app, what the handlers saw.</summary>
internal static class NotificationApp
{
    /// <summary>Registers merchant <paramref name="name"/> as the sandbox's merchant, with the sandbox's APIv3 key (or <paramref name="apiV3Key"/>).</summary>
    public static IChainPayBuilder Register(IServiceCollection services, WeChatPaySandbox sandbox, string name = ChainPayOptions.DefaultName, string? apiV3Key = null, bool withApiV3Key = true)
    {
        var builder = services.AddChainPay(name, o =>
        {
            var s = sandbox.CreateOptions();
            (o.Mchid, o.Serial, o.PrivateKey, o.Certs) = (s.Mchid, s.Serial, s.PrivateKey, s.Certs);
        });
        builder.HttpClient.ConfigurePrimaryHttpMessageHandler(() => sandbox.CreateHandler());
        if (withApiV3Key)
        {
            services.Configure<ChainPayOptions>(name, o => o.ApiV3Key = apiV3Key ?? sandbox.ApiV3Key);
        }

        return builder;
    }

    /// <summary>An app with the default merchant's endpoint at <c>/notify</c>, its handler recording each notification's decrypted resource.</summary>
    public static Task<KestrelApp> StartAsync(WeChatPaySandbox sandbox, List<JObject> handled, Func<Notification, Task>? handler = null) =>
        KestrelApp.StartAsync(b => Register(b.Services, sandbox), app => app.MapWeChatPayNotifications("/notify", handler ?? (n =>
        {
            lock (handled)
            {
                handled.Add(n.DecryptResource());
            }

            return Task.CompletedTask;
        })));

    /// <summary>POSTs <paramref name="body"/> with <paramref name="headers"/> to <paramref name="path"/>.</summary>
    public static async Task<(HttpStatusCode Status, string Body, string? ContentType)> PostAsync(KestrelApp app, string path, IReadOnlyDictionary<string, string> headers, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var response = await app.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public static Task<(HttpStatusCode Status, string Body, string? ContentType)> PostAsync(KestrelApp app, string path, SandboxNotification notice) =>
        PostAsync(app, path, notice.Headers, notice.Body);

    /// <summary>Asserts WeChat Pay's failure answer: JSON <c>{"code":"FAIL","message":…}</c>.</summary>
    public static void AssertFail((HttpStatusCode Status, string Body, string? ContentType) answer, HttpStatusCode status)
    {
        Assert.That(answer.Status, Is.EqualTo(status), answer.Body);
        Assert.That(answer.ContentType, Is.EqualTo("application/json"));
        var json = JObject.Parse(answer.Body);
        Assert.That((string?)json["code"], Is.EqualTo("FAIL"));
        Assert.That((string?)json["message"], Is.Not.Empty);
    }
}
