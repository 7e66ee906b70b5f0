namespace ChainPay.Extensions.DependencyInjection;

/// <summary>What <c>AddChainPay</c> returns, to chain further configuration of that merchant.</summary>
/// <example>
/// <code>
/// services.AddChainPay(configuration.GetSection("ChainPay")).HttpClient.AddStandardResilienceHandler();
/// </code>
/// </example>
public interface IChainPayBuilder
{
    /// <summary>The merchant's name (<see cref="ChainPayOptions.DefaultName"/> for the default one).</summary>
    string Name { get; }

    /// <summary>The services.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }

    /// <summary>The merchant's named <c>IHttpClientFactory</c> client, to add handlers to (a <see cref="Http.SigningHandler"/> is always added last).</summary>
    Microsoft.Extensions.DependencyInjection.IHttpClientBuilder HttpClient { get; }
}
