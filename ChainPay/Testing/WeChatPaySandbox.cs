using System.Security.Cryptography;
using System.Text;
using ChainPay.Testing.Internal;

namespace ChainPay.Testing;

/// <summary>
/// A local WeChat Pay for tests and offline development. It verifies every request as WeChat Pay does
/// (Authorization format, the merchant's key, ±300 s, no nonce reuse), answers WeChat's JSON errors, signs every
/// answer with its own platform key, and keeps in-memory state for transfer bills, payment orders and
/// <c>/v3/certificates</c>. Use it in memory (<see cref="CreateHandler"/>, <see cref="CreateOptions(SandboxMerchant)"/>) or over
/// loopback HTTP (<see cref="SandboxServer"/>).
/// </summary>
/// <remarks>The seeds' sample entities exist from the start: QQ-wallet, merchant and partner transfer bills
/// <c>plfk2020042013</c>, and direct and partner orders <c>1217752501201407033233368018</c>.</remarks>
/// <example>
/// <code>
/// var sandbox = new WeChatPaySandbox();
/// var instance = Builder.Factory(sandbox.CreateOptions());
/// var res = await instance.Chain("v3/fund-app/mch-transfer/transfer-to-qq-wallet-bills/{out_bill_no}/cancel")
///     .PostAsync(new { out_bill_no = "plfk2020042013" });
/// </code>
/// </example>
public sealed partial class WeChatPaySandbox
{
    // The parts: WeChatPaySandbox.Routing.cs (answering a request), WeChatPaySandbox.State.cs (bills, orders, faults,
    // seeds), WeChatPaySandbox.Signing.cs (merchants' keys, signed answers, /v3/certificates), WeChatPaySandbox.Options.cs
    // (BuilderOptions and handlers for clients); this file holds the fields, the constructor and the properties.

    /// <summary>The sample out_bill_no of the seed pages.</summary>
    public const string SampleOutBillNo = "plfk2020042013";

    /// <summary>The sample out_trade_no of the seed pages.</summary>
    public const string SampleOutTradeNo = "1217752501201407033233368018";

    private readonly Func<DateTimeOffset> clock;
    private readonly Authenticator authenticator = new();
    private readonly RateLimiter limiter;
    private readonly SandboxRoutes routes;
    private readonly TransferBills bills;
    private readonly PaymentOrders orders;
    private readonly Queue<SandboxError> faults = new();
    private readonly ApiV2Routes apiV2;
    private readonly BillFiles billFiles = new();
    private readonly HashSet<string> merchantIds = new(StringComparer.Ordinal);
    private int merchants;
    private long requestIds;

    /// <summary>Creates a sandbox with its built-in merchant (<see cref="Merchant"/>) and platform key.</summary>
    /// <param name="options">Settings; <c>null</c> takes every default.</param>
    public WeChatPaySandbox(SandboxOptions? options = null)
    {
        options ??= new SandboxOptions();
        if (options.RateLimitPerSecond < 1)
        {
            throw new InvalidArgumentException("The `RateLimitPerSecond` must be at least 1.", nameof(SandboxOptions.RateLimitPerSecond));
        }

        ApiV3Key = options.ApiV3Key ?? Formatter.Nonce(32);
        if (Encoding.UTF8.GetByteCount(ApiV3Key) != 32)
        {
            throw new InvalidArgumentException("The `ApiV3Key` must be 32 ASCII characters.", nameof(SandboxOptions.ApiV3Key));
        }

        clock = options.Clock ?? (() => DateTimeOffset.UtcNow);
        ConfigureDelivery(options);
        limiter = new RateLimiter(options.RateLimitPerSecond, options.RateLimits);
        SetKeyMode(options.KeyMode, options.PlatformPrivateKey ?? TestKeyPool.Get(0));
        bills = new TransferBills(Now, Raise, DecryptSensitive);
        orders = new PaymentOrders(Now, Raise);
        routes = new SandboxRoutes(bills, orders, Certificates);
        ApiV2Key = Formatter.Nonce(32);
        apiV2 = new ApiV2Routes(orders, ApiV2Key);
        Merchant = AddMerchant(options.Mchid, options.MerchantPrivateKey);
        SeedSamples(Merchant.Mchid);
    }

    /// <summary>The built-in merchant (mchid <see cref="SandboxOptions.Mchid"/>), with its own test key pair.</summary>
    public SandboxMerchant Merchant { get; }

    /// <summary>The APIv3 key <c>/v3/certificates</c> encrypts with.</summary>
    public string ApiV3Key { get; }

    /// <summary>The APIv2 key (<c>Secret</c>) APIv2 requests are signed with; random per sandbox.</summary>
    public string ApiV2Key { get; }

    /// <summary>How many requests the sandbox has received.</summary>
    public long RequestCount => Interlocked.Read(ref requestIds);
}
