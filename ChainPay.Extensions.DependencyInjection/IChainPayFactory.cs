namespace ChainPay.Extensions.DependencyInjection;

/// <summary>The instances of the merchants registered with <c>AddChainPay</c>, by name.</summary>
/// <example>
/// <code>
/// var sub = factory.Get("sub-1900000109");
/// var res = await sub.Chain("v3/certificates").GetAsync();
/// </code>
/// </example>
public interface IChainPayFactory
{
    /// <summary>
    /// The instance of merchant <paramref name="name"/> (<see cref="ChainPayOptions.DefaultName"/> for the default one),
    /// built once and built again after its options change.
    /// </summary>
    /// <param name="name">The name given to <c>AddChainPay</c>.</param>
    /// <exception cref="InvalidArgumentException">No merchant of that name is registered, or its options are invalid.</exception>
    BuilderChain Get(string name);

    /// <summary>The options merchant <paramref name="name"/> is built from (its <see cref="ChainPayOptions.ApiV3Key"/> for notifications).</summary>
    /// <param name="name">The name given to <c>AddChainPay</c>.</param>
    /// <exception cref="InvalidArgumentException">No merchant of that name is registered.</exception>
    ChainPayOptions GetOptions(string name);
}
