using ChainPay.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers ChainPay merchants: options validated at host start, a named <c>IHttpClientFactory</c> client per
/// merchant (<c>ChainPay:{name}</c>) with a <see cref="ChainPay.Http.SigningHandler"/> last, an <see cref="IChainPayFactory"/>,
/// and <see cref="ChainPay.BuilderChain"/> for the default merchant.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddChainPay(builder.Configuration.GetSection("ChainPay"));
/// builder.Services.AddChainPay("sub-1900000109", builder.Configuration.GetSection("Merchants:Sub"));
/// </code>
/// </example>
public static class ChainPayServiceCollectionExtensions
{
    /// <summary>Registers the default merchant, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the merchant's <see cref="ChainPay.BuilderOptions"/>.</param>
    public static IChainPayBuilder AddChainPay(this IServiceCollection services, Action<ChainPay.BuilderOptions> configure) =>
        AddChainPay(services, ChainPayOptions.DefaultName, configure);

    /// <summary>Registers merchant <paramref name="name"/>, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The merchant's name, for <see cref="IChainPayFactory.Get(string)"/>.</param>
    /// <param name="configure">Sets the merchant's <see cref="ChainPay.BuilderOptions"/>.</param>
    public static IChainPayBuilder AddChainPay(this IServiceCollection services, string name, Action<ChainPay.BuilderOptions> configure)
    {
        if (configure is null)
        {
            throw new ChainPay.InvalidArgumentException("A configure action is required.", nameof(configure));
        }

        var builder = AddCore(services, name);
        services.AddOptions<ChainPayOptions>(name).Configure(o => configure(o.Builder));
        return builder;
    }

    /// <summary>Registers the default merchant from a configuration section (BuilderOptions property names plus <c>ApiV3Key</c>; keys as PEM text or file paths), reloaded on change.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The merchant's section, e.g. <c>Configuration.GetSection("ChainPay")</c>.</param>
    public static IChainPayBuilder AddChainPay(this IServiceCollection services, IConfiguration section) =>
        AddChainPay(services, ChainPayOptions.DefaultName, section);

    /// <summary>Registers merchant <paramref name="name"/> from a configuration section, reloaded on change.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The merchant's name, for <see cref="IChainPayFactory.Get(string)"/>.</param>
    /// <param name="section">The merchant's section.</param>
    public static IChainPayBuilder AddChainPay(this IServiceCollection services, string name, IConfiguration section)
    {
        if (section is null)
        {
            throw new ChainPay.InvalidArgumentException("A configuration section is required.", nameof(section));
        }

        var builder = AddCore(services, name);
        services.AddOptions<ChainPayOptions>(name).Configure(o => ChainPayConfiguration.Bind(section, o));
        services.AddSingleton<IOptionsChangeTokenSource<ChainPayOptions>>(new ConfigurationChangeTokenSource<ChainPayOptions>(name, section));
        return builder;
    }

    private static IChainPayBuilder AddCore(IServiceCollection services, string name)
    {
        if (services is null)
        {
            throw new ChainPay.InvalidArgumentException("The services are required.", nameof(services));
        }

        if (name is null)
        {
            throw new ChainPay.InvalidArgumentException("A merchant name is required (ChainPayOptions.DefaultName for the default one).", nameof(name));
        }

        var registry = (ChainPayRegistry?)services.FirstOrDefault(d => d.ServiceType == typeof(ChainPayRegistry))?.ImplementationInstance;
        if (registry is null)
        {
            registry = new ChainPayRegistry();
            services.AddSingleton(registry);
        }

        registry.Add(name);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChainPayOptions>, ChainPayOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, SigningHandlerFilter>());
        services.TryAddSingleton<IChainPayFactory, ChainPayFactory>();
        services.TryAddTransient(sp => sp.GetRequiredService<IChainPayFactory>().Get(ChainPayOptions.DefaultName));
        services.AddOptions<ChainPayOptions>(name).ValidateOnStart();
        var http = services.AddHttpClient(ChainPayRegistry.ClientName(name))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .ConfigurePrimaryHttpMessageHandler((handler, sp) => PresentMerchantCertificate(handler, sp.GetRequiredService<IOptionsMonitor<ChainPayOptions>>().Get(name).Builder.Merchant));
        return new ChainPayBuilder(name, services, http);
    }

    /// <summary>The APIv2 merchant certificate (<c>BuilderOptions.Merchant</c>), when set, presented in TLS by the merchant's client (read each time its primary handler is built).</summary>
    private static void PresentMerchantCertificate(HttpMessageHandler handler, ChainPay.V2.MerchantCertificate? merchant)
    {
        if (merchant is null)
        {
            return;
        }

        switch (handler)
        {
#if !NETSTANDARD2_0
            case SocketsHttpHandler sockets:
                (sockets.SslOptions.ClientCertificates ??= new System.Security.Cryptography.X509Certificates.X509CertificateCollection()).Add(merchant.Certificate);
                break;
#endif
            case HttpClientHandler client:
                client.ClientCertificateOptions = ClientCertificateOption.Manual;
                client.ClientCertificates.Add(merchant.Certificate);
                break;
        }
    }

    private static HttpMessageHandler CreatePrimaryHandler()
    {
#if NETSTANDARD2_0
        return new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
#else
        return new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#endif
    }

    private sealed class ChainPayBuilder : IChainPayBuilder
    {
        public ChainPayBuilder(string name, IServiceCollection services, IHttpClientBuilder http)
        {
            Name = name;
            Services = services;
            HttpClient = http;
        }

        public string Name { get; }

        public IServiceCollection Services { get; }

        public IHttpClientBuilder HttpClient { get; }
    }
}
