using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChainPay.Tests.Fixtures;

/// <summary>A <see cref="WebApplication"/> on a real Kestrel at 127.0.0.1 (a free port), with its logs captured.</summary>
internal sealed class KestrelApp : IAsyncDisposable
{
    private KestrelApp(WebApplication app, LogCapture logs)
    {
        App = app;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        Client = new HttpClient { BaseAddress = BaseUri };
    }

    public WebApplication App { get; }

    public LogCapture Logs { get; }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    /// <summary>Builds the app (services, then endpoints) and starts it on http://127.0.0.1:0.</summary>
    public static async Task<KestrelApp> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogCapture();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new KestrelApp(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
