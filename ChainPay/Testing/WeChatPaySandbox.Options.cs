namespace ChainPay.Testing;

// What a client needs to talk to the sandbox: BuilderOptions, in memory or over loopback HTTP.
public sealed partial class WeChatPaySandbox
{
    /// <summary>Options for <see cref="Builder.Factory(BuilderOptions)"/> that talk to this sandbox in memory as <paramref name="merchant"/>; <c>Certs</c> holds the platform key of the current <see cref="KeyMode"/> (both in <see cref="SandboxKeyMode.Gray"/>).</summary>
    /// <param name="merchant">The merchant; <c>null</c> is <see cref="Merchant"/>.</param>
    public BuilderOptions CreateOptions(SandboxMerchant? merchant = null) => Options(merchant ?? Merchant, new HttpClient(CreateHandler()), BuilderOptions.DefaultBaseUri);

    /// <summary>Options for <see cref="Builder.Factory(BuilderOptions)"/> that talk to <paramref name="server"/> over loopback HTTP.</summary>
    /// <param name="server">A running server of this sandbox.</param>
    /// <param name="merchant">The merchant; <c>null</c> is <see cref="Merchant"/>.</param>
    public BuilderOptions CreateOptions(SandboxServer server, SandboxMerchant? merchant = null) =>
        Options(merchant ?? Merchant, null, (server ?? throw new InvalidArgumentException("A server is required.", nameof(server))).BaseUri.AbsoluteUri);

    /// <summary>An in-memory <see cref="HttpMessageHandler"/> that answers as this sandbox.</summary>
    public HttpMessageHandler CreateHandler() => new SandboxHandler(this);

    private BuilderOptions Options(SandboxMerchant merchant, HttpClient? http, string baseUri)
    {
        var options = new BuilderOptions
        {
            Mchid = merchant.Mchid,
            Serial = merchant.Serial,
            PrivateKey = merchant.PrivateKey,
            Secret = ApiV2Key,
            HttpClient = http,
            BaseUri = baseUri,
            Clock = clock,
        };
        lock (keyLock)
        {
            // Both keys during the gray switch, the certificate first (a sensitive field then takes the PUB_KEY_ID_…).
            foreach (var key in InUseKeys())
            {
                options.Certs[key.Id] = key.PublicKey;
            }
        }

        return options;
    }
}
