using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Testing.Internal;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using AesGcm = ChainPay.Crypto.AesGcm;

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
    private readonly RSA platformKey;
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
        limiter = new RateLimiter(options.RateLimitPerSecond);
        KeyMode = options.KeyMode;
        platformKey = TestKeyPool.Get(0);
        PlatformPublicKey = TestKeyPool.PublicOf(platformKey);
        if (KeyMode == SandboxKeyMode.CertificateSerial)
        {
            var (pem, serial) = PlatformCertificate.Create(platformKey, clock());
            PlatformCertificatePem = pem;
            PlatformKeyId = serial;
        }
        else
        {
            PlatformKeyId = "PUB_KEY_ID_0112300001092025112300000000000001";
        }

        bills = new TransferBills(Now);
        orders = new PaymentOrders(Now);
        routes = new SandboxRoutes(bills, orders, Certificates);
        ApiV2Key = Formatter.Nonce(32);
        apiV2 = new ApiV2Routes(orders, ApiV2Key);
        Merchant = AddMerchant(options.Mchid);
        SeedSamples(Merchant.Mchid);
    }

    /// <summary>The built-in merchant (mchid <see cref="SandboxOptions.Mchid"/>), with its own test key pair.</summary>
    public SandboxMerchant Merchant { get; }

    /// <summary>How answers are signed.</summary>
    public SandboxKeyMode KeyMode { get; }

    /// <summary>The id answers carry in <c>Wechatpay-Serial</c>: a <c>PUB_KEY_ID_…</c> or a certificate serial.</summary>
    public string PlatformKeyId { get; }

    /// <summary>The platform public key to configure in <c>Certs[PlatformKeyId]</c>.</summary>
    public RSA PlatformPublicKey { get; }

    /// <summary>The platform certificate (PEM) in <see cref="SandboxKeyMode.CertificateSerial"/> mode; otherwise <c>null</c>.</summary>
    public string? PlatformCertificatePem { get; }

    /// <summary>The APIv3 key <c>/v3/certificates</c> encrypts with.</summary>
    public string ApiV3Key { get; }

    /// <summary>The APIv2 key (<c>Secret</c>) APIv2 requests are signed with; random per sandbox.</summary>
    public string ApiV2Key { get; }

    /// <summary>How many requests the sandbox has received.</summary>
    public long RequestCount => Interlocked.Read(ref requestIds);

    /// <summary>Registers another merchant, with a new id's key pair, so tests can act as several merchants.</summary>
    /// <param name="mchid">The merchant id.</param>
    public SandboxMerchant AddMerchant(string mchid)
    {
        if (string.IsNullOrEmpty(mchid))
        {
            throw new InvalidArgumentException("A merchant id is required.", nameof(mchid));
        }

        var index = Interlocked.Increment(ref merchants);
        var key = TestKeyPool.Get(index);
        var serial = (0x5157F09EFDC096DEL + index).ToString("X16", CultureInfo.InvariantCulture) + "15EBE81A47057A7232F4B0F9";
        authenticator.Add(mchid, serial, TestKeyPool.PublicOf(key));
        lock (merchantIds)
        {
            merchantIds.Add(mchid);
        }

        return new SandboxMerchant(mchid, serial, key);
    }

    /// <summary>Options for <see cref="Builder.Factory(BuilderOptions)"/> that talk to this sandbox in memory as <paramref name="merchant"/>.</summary>
    /// <param name="merchant">The merchant; <c>null</c> is <see cref="Merchant"/>.</param>
    public BuilderOptions CreateOptions(SandboxMerchant? merchant = null) => Options(merchant ?? Merchant, new HttpClient(CreateHandler()), BuilderOptions.DefaultBaseUri);

    /// <summary>Options for <see cref="Builder.Factory(BuilderOptions)"/> that talk to <paramref name="server"/> over loopback HTTP.</summary>
    /// <param name="server">A running server of this sandbox.</param>
    /// <param name="merchant">The merchant; <c>null</c> is <see cref="Merchant"/>.</param>
    public BuilderOptions CreateOptions(SandboxServer server, SandboxMerchant? merchant = null) =>
        Options(merchant ?? Merchant, null, (server ?? throw new InvalidArgumentException("A server is required.", nameof(server))).BaseUri.AbsoluteUri);

    /// <summary>An in-memory <see cref="HttpMessageHandler"/> that answers as this sandbox.</summary>
    public HttpMessageHandler CreateHandler() => new SandboxHandler(this);

    /// <summary>The user confirms (or the bank completes) every transfer bill with <paramref name="outBillNo"/>: its state becomes <c>SUCCESS</c>.</summary>
    /// <param name="outBillNo">The merchant's bill number.</param>
    /// <returns>Whether a bill was found.</returns>
    public bool ConfirmTransfer(string outBillNo) => bills.SetState(outBillNo, "SUCCESS");

    /// <summary>The payer pays every unpaid order with <paramref name="outTradeNo"/>: its state becomes <c>SUCCESS</c>.</summary>
    /// <param name="outTradeNo">The merchant's order number.</param>
    /// <returns>Whether an unpaid order was found.</returns>
    public bool PayOrder(string outTradeNo) => orders.Pay(outTradeNo);

    /// <summary>The next authenticated request fails with this error (e.g. 500 <c>SYSTEM_ERROR</c>), signed like any answer.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">WeChat's error code.</param>
    /// <param name="message">WeChat's error message.</param>
    public void FailNext(HttpStatusCode status, string code, string message)
    {
        lock (faults)
        {
            faults.Enqueue(new SandboxError(status, code, message));
        }
    }

    /// <summary>Answers one request as WeChat Pay would.</summary>
    internal async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        var requestId = Interlocked.Increment(ref requestIds);
        var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!request.RequestUri!.AbsolutePath.StartsWith("/v3/", StringComparison.Ordinal))
        {
            string xml;
            lock (merchantIds)
            {
                xml = apiV2.Handle(request.RequestUri.AbsolutePath, Encoding.UTF8.GetString(body), merchantIds);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
        }

        HttpStatusCode status;
        JObject? answer;
        try
        {
            var authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.FirstOrDefault() : null;
            var now = clock().ToUnixTimeSeconds();
            var meta = MultipartMeta.Find(request.Content?.Headers.ContentType?.ToString(), body);
            var mchid = authenticator.Authenticate(request.Method.Method, request.RequestUri!.PathAndQuery, authorization, meta ?? body, now);
            if (!limiter.TryAcquire(mchid, now))
            {
                throw new SandboxError((HttpStatusCode)429, "FREQUENCY_LIMITED", "请求频率超限，请降低频率后重试");
            }

            lock (faults)
            {
                if (faults.Count > 0)
                {
                    throw faults.Dequeue();
                }
            }

            var sandboxRequest = new SandboxRequest(request.Method.Method, request.RequestUri.AbsolutePath, ParseQuery(request.RequestUri.Query), ParseJson(meta ?? body), mchid);
            if (sandboxRequest.Method == "GET" && sandboxRequest.Path == "/v3/billdownload/file")
            {
                // WeChat Pay does not sign bill files.
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(billFiles.Get(sandboxRequest.QueryField("token"))) };
            }

            answer = sandboxRequest.Method == "GET" && sandboxRequest.Path == "/v3/bill/tradebill"
                ? billFiles.Issue(sandboxRequest, request.RequestUri.GetLeftPart(UriPartial.Authority) + "/")
                : routes.Dispatch(sandboxRequest);
            status = answer is null ? HttpStatusCode.NoContent : HttpStatusCode.OK;
        }
        catch (SandboxError e)
        {
            status = e.Status;
            answer = new JObject { ["code"] = e.Code, ["message"] = e.Message };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            status = HttpStatusCode.InternalServerError;
            answer = new JObject { ["code"] = "SYSTEM_ERROR", ["message"] = "系统异常，请稍后重试" };
        }

        var response = Answer(status, answer is null ? string.Empty : answer.ToString(Formatting.None), requestId);
        if ((int)status == 429)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", "1");
        }

        return response;
    }

    private static JObject? ParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonConvert.DeserializeObject<JToken>(Encoding.UTF8.GetString(body), Util.JsonText.Settings) as JObject
                ?? throw SandboxError.Param("请求体必须是JSON对象");
        }
        catch (JsonException)
        {
            throw SandboxError.Invalid("请求体不是合法的JSON");
        }
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair.Substring(0, eq));
            result[name] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1));
        }

        return result;
    }

    private HttpResponseMessage Answer(HttpStatusCode status, string text, long requestId)
    {
        var timestamp = clock().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Formatter.Nonce();
        var signature = Convert.ToBase64String(Rsa.Sign(Encoding.UTF8.GetBytes(Formatter.Response(timestamp, nonce, text)), platformKey));
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)) };
        if (text.Length > 0)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        }

        response.Headers.TryAddWithoutValidation("Request-ID", $"08{requestId:X10}C2B9AA0618CEC4A8{requestId:D6}-0");
        response.Headers.TryAddWithoutValidation("Wechatpay-Timestamp", timestamp);
        response.Headers.TryAddWithoutValidation("Wechatpay-Nonce", nonce);
        response.Headers.TryAddWithoutValidation("Wechatpay-Serial", PlatformKeyId);
        response.Headers.TryAddWithoutValidation("Wechatpay-Signature", signature);
        return response;
    }

    private JObject Certificates()
    {
        if (PlatformCertificatePem is null)
        {
            throw new SandboxError(HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。可查看指引https://pay.weixin.qq.com/doc/v3/merchant/4012153196");
        }

        var nonce = Formatter.Nonce(12);
        var now = clock();
        return new JObject
        {
            ["data"] = new JArray(new JObject
            {
                ["serial_no"] = PlatformKeyId,
                ["effective_time"] = Rfc3339(now.AddMinutes(-5)),
                ["expire_time"] = Rfc3339(now.AddYears(5)),
                ["encrypt_certificate"] = new JObject
                {
                    ["algorithm"] = "AEAD_AES_256_GCM",
                    ["nonce"] = nonce,
                    ["associated_data"] = "certificate",
                    ["ciphertext"] = AesGcm.Encrypt(PlatformCertificatePem, ApiV3Key, nonce, "certificate"),
                },
            }),
        };
    }

    private BuilderOptions Options(SandboxMerchant merchant, HttpClient? http, string baseUri) => new()
    {
        Mchid = merchant.Mchid,
        Serial = merchant.Serial,
        PrivateKey = merchant.PrivateKey,
        Certs = { [PlatformKeyId] = PlatformPublicKey },
        Secret = ApiV2Key,
        HttpClient = http,
        BaseUri = baseUri,
        Clock = clock,
    };

    private string Now() => Rfc3339(clock());

    private static string Rfc3339(DateTimeOffset time) => time.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture);

    private void SeedSamples(string mchid)
    {
        var bill = new JObject
        {
            ["out_bill_no"] = SampleOutBillNo, ["appid"] = "wxf636efh567hg4356", ["openid"] = "o-MYE42l80oelYMDE34nYD456Xoy",
            ["transfer_amount"] = 400000, ["transfer_remark"] = "2020年4月报销",
        };
        bills.Create("qq-wallet", mchid, null, bill);
        bills.Create("merchant", mchid, null, bill);
        bills.Create("partner", mchid, "1900001109", bill);
        orders.Create(SandboxRoutes.DirectKey(mchid, SampleOutTradeNo), new JObject
        {
            ["appid"] = "wxd678efh567hg6787", ["mchid"] = mchid, ["out_trade_no"] = SampleOutTradeNo, ["description"] = "Image形象店-深圳腾大-QQ公仔",
            ["amount"] = new JObject { ["total"] = 1, ["currency"] = "CNY" },
        });
        orders.Create(SandboxRoutes.PartnerKey(mchid, "1230000109", SampleOutTradeNo), new JObject
        {
            ["sp_appid"] = "wxd678efh567hg6787", ["sp_mchid"] = mchid, ["sub_appid"] = "wxd678efh567hg6787", ["sub_mchid"] = "1230000109",
            ["out_trade_no"] = SampleOutTradeNo, ["description"] = "Image形象店-深圳腾大-QQ公仔", ["amount"] = new JObject { ["total"] = 1, ["currency"] = "CNY" },
        });
    }
}
