using System.Security.Cryptography;
using ChainPay.Extensions.DependencyInjection;
using ChainPay.Testing;
using Flurl.Http;

namespace ChainPay.Samples.MinimalApi;

/// <summary>The sample service: built here so that tests can start it on a port of their choosing.</summary>
public static class SampleApp
{
    /// <summary>Builds the app from <paramref name="args"/> (e.g. <c>--urls http://127.0.0.1:0</c>) and its configuration.</summary>
    /// <param name="args">The command line.</param>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var section = builder.Configuration.GetSection("ChainPay");
        if (string.IsNullOrEmpty(section["Mchid"]))
        {
            // No credentials: the in-memory sandbox plays WeChat Pay, with its merchant's keys as configuration.
            var sandbox = new WeChatPaySandbox();
            builder.Services.AddSingleton(sandbox);
            builder.Configuration.AddInMemoryCollection(SandboxConfiguration(sandbox));
            builder.Services.AddChainPay(section).AddHealthCheck().HttpClient.ConfigurePrimaryHttpMessageHandler(sandbox.CreateHandler);
        }
        else
        {
            builder.Services.AddChainPay(section).AddHealthCheck();
        }

        builder.Services.AddSingleton<Notifications>();
        var app = builder.Build();
        var appId = app.Configuration["Sample:AppId"] ?? "wxd678efh567hg6787";
        var notifyUrl = app.Configuration["Sample:NotifyUrl"] ?? "https://example.com/wechatpay/notify";

        // Creates a Native payment order; answers its out_trade_no and the code_url to show as a QR code.
        app.MapPost("/orders", async (NewOrder order, BuilderChain wxpay, IChainPayFactory merchants) =>
        {
            var outTradeNo = "SAMPLE" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + RandomNumberGenerator.GetInt32(1000, 9999);
            using var response = await wxpay.Chain("v3/pay/transactions/native").PostAsync(new
            {
                json = new
                {
                    appid = appId,
                    mchid = merchants.GetOptions(ChainPayOptions.DefaultName).Builder.Mchid,
                    description = order.Description,
                    out_trade_no = outTradeNo,
                    notify_url = notifyUrl,
                    amount = new { total = order.Total, currency = "CNY" },
                },
            });
            var created = await response.GetJsonAsync<Dictionary<string, object>>();
            return Results.Created($"/orders/{outTradeNo}", new { out_trade_no = outTradeNo, code_url = created["code_url"] });
        });

        // Queries an order at WeChat Pay (trade_state: NOTPAY, SUCCESS, CLOSED, …); WeChat's answer as it is.
        app.MapGet("/orders/{outTradeNo}", async (string outTradeNo, BuilderChain wxpay, IChainPayFactory merchants) =>
        {
            using var response = await wxpay.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new
            {
                out_trade_no = outTradeNo,
                query = new { mchid = merchants.GetOptions(ChainPayOptions.DefaultName).Builder.Mchid },
            });
            return Results.Content(await response.GetStringAsync(), "application/json");
        });

        // WeChat Pay's notifications: verified, replays refused, resource decrypted; 204 once recorded.
        app.MapWeChatPayNotifications("/wechatpay/notify", notification =>
        {
            var transaction = notification.DecryptResource();
            app.Services.GetRequiredService<Notifications>().Record((string)transaction["out_trade_no"]!, (string?)transaction["trade_state"] ?? "UNKNOWN");
            return Task.CompletedTask;
        });
        app.MapGet("/notifications", (Notifications received) => received.TradeStates);

        app.MapHealthChecks("/healthz");
        return app;
    }

    /// <summary>The sandbox merchant as the ChainPay configuration section: PEM keys, its platform key, the APIv3 key.</summary>
    private static Dictionary<string, string?> SandboxConfiguration(WeChatPaySandbox sandbox) => new()
    {
        ["ChainPay:Mchid"] = sandbox.Merchant.Mchid,
        ["ChainPay:Serial"] = sandbox.Merchant.Serial,
        ["ChainPay:PrivateKey"] = sandbox.Merchant.PrivateKey.ExportPkcs8PrivateKeyPem(),
        [$"ChainPay:Certs:{sandbox.PlatformKeyId}"] = sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfoPem(),
        ["ChainPay:ApiV3Key"] = sandbox.ApiV3Key,
    };

    /// <summary>The body of <c>POST /orders</c>.</summary>
    /// <param name="Description">What is bought.</param>
    /// <param name="Total">The amount in fen (分).</param>
    public sealed record NewOrder(string Description, int Total);
}
