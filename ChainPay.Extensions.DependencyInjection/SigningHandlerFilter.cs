using ChainPay.Http;
using Microsoft.Extensions.Http;

namespace ChainPay.Extensions.DependencyInjection;

/// <summary>
/// Puts a <see cref="SigningHandler"/> last (innermost) in every ChainPay client's pipeline, after every handler any
/// registration added (<c>ConfigureHttpClientDefaults</c>, <c>AddStandardResilienceHandler</c>, …), whatever their order.
/// </summary>
internal sealed class SigningHandlerFilter : IHttpMessageHandlerBuilderFilter
{
    private readonly ChainPayRegistry registry;

    public SigningHandlerFilter(ChainPayRegistry registry) => this.registry = registry;

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (registry.IsClient(builder.Name))
        {
            builder.AdditionalHandlers.Add(new SigningHandler());
        }
    };
}
