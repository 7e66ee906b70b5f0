namespace ChainPay.Extensions.DependencyInjection;

/// <summary>
/// One merchant's registration: the <see cref="BuilderOptions"/> the instance is built from, and the APIv3 key
/// notifications are decrypted with. Bound from configuration with the <see cref="BuilderOptions"/> property names
/// (<c>Mchid</c>, <c>Serial</c>, <c>PrivateKey</c>, <c>Certs:{id}</c>, <c>BaseUri</c>, <c>Secret</c>, …) plus <c>ApiV3Key</c>.
/// </summary>
/// <example>
/// <code>
/// services.AddChainPay(o => { o.Mchid = "1900000001"; o.Serial = "…"; o.PrivateKey = "/run/secrets/apiclient_key.pem"; });
/// </code>
/// </example>
public sealed class ChainPayOptions
{
    /// <summary>The name of the merchant <c>AddChainPay</c> registers when no name is given, and that <see cref="BuilderChain"/> resolves to.</summary>
    public const string DefaultName = "";

    /// <summary>The configuration of the merchant's instance.</summary>
    public BuilderOptions Builder { get; set; } = new();

    /// <summary>The APIv3 key (32 characters) notifications and <c>/v3/certificates</c> are decrypted with; optional.</summary>
    public string? ApiV3Key { get; set; }

    /// <summary>The merchant id and serials; no key or secret.</summary>
    public override string ToString() => $"ChainPayOptions {{ {Builder}, ApiV3Key = {(string.IsNullOrEmpty(ApiV3Key) ? "null" : "(set)")} }}";
}
