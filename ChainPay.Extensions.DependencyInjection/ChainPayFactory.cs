using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChainPay.Extensions.DependencyInjection;

/// <summary>Builds each merchant's instance once, over its named HttpClient, and again after its options change.</summary>
internal sealed class ChainPayFactory : IChainPayFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<BuilderChain>> instances = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<ChainPayOptions> monitor;
    private readonly IHttpClientFactory clients;
    private readonly ChainPayRegistry registry;
    private readonly IDisposable? subscription;

    private readonly Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory;

    public ChainPayFactory(IOptionsMonitor<ChainPayOptions> monitor, IHttpClientFactory clients, ChainPayRegistry registry, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        this.loggerFactory = loggerFactory;
        this.monitor = monitor;
        this.clients = clients;
        this.registry = registry;
        subscription = monitor.OnChange((changed, name) => instances.TryRemove(name ?? ChainPayOptions.DefaultName, out var stale));
    }

    public BuilderChain Get(string name)
    {
        Require(name);
        return instances.GetOrAdd(name, n => new Lazy<BuilderChain>(() => Build(n))).Value;
    }

    public ChainPayOptions GetOptions(string name)
    {
        Require(name);
        return monitor.Get(name);
    }

    public void Dispose() => subscription?.Dispose();

    /// <summary>A copy of <paramref name="o"/> that sends through <paramref name="http"/>, leaving the monitored options untouched.</summary>
    internal static BuilderOptions Copy(BuilderOptions o, HttpClient http) => new()
    {
        Mchid = o.Mchid,
        Serial = o.Serial,
        PrivateKey = o.PrivateKey,
        Signer = o.Signer,
        NonceStore = o.NonceStore,
        RateLimiting = o.RateLimiting,
        LoggerFactory = o.LoggerFactory,
        Certs = new Dictionary<string, object?>(o.Certs, StringComparer.Ordinal),
        SigningScheme = o.SigningScheme,
        Secret = o.Secret,
        Merchant = o.Merchant,
        BaseUri = o.BaseUri,
        Headers = new Dictionary<string, string>(o.Headers, StringComparer.OrdinalIgnoreCase),
        Timeout = o.Timeout,
        HttpClient = http,
        ResponseReplayProtection = o.ResponseReplayProtection,
        MaxResponseSize = o.MaxResponseSize,
        SendPlatformSerial = o.SendPlatformSerial,
        Retry = o.Retry,
        Clock = o.Clock,
        Nonce = o.Nonce,
    };

    private void Require(string name)
    {
        if (name is null || !registry.Contains(name))
        {
            throw new InvalidArgumentException(
                $"No ChainPay merchant named `{name}` is registered (registered: {string.Join(", ", registry.Names.Select(n => "`" + n + "`"))}); call services.AddChainPay(\"{name}\", …).",
                nameof(name));
        }
    }

    private BuilderChain Build(string name)
    {
        var options = monitor.Get(name).Builder;
        var copy = Copy(options, options.HttpClient ?? clients.CreateClient(ChainPayRegistry.ClientName(name)));
        copy.LoggerFactory ??= loggerFactory; // the container's, unless the options name their own
        return Builder.Factory(copy);
    }
}
