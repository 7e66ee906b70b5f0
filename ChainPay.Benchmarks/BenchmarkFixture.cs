using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay;
using Newtonsoft.Json;

namespace Benchmarks;

/// <summary>
/// What the in-memory benchmarks share: two RSA-2048 key pairs (merchant and platform), a fixed clock and nonce,
/// the ~1 KB JSON body and the exact messages the round trip signs and verifies.
/// </summary>
internal static class BenchmarkFixture
{
    public const string Mchid = "1900009191";
    public const string MerchantSerial = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C";
    public const string PlatformKeyId = "PUB_KEY_ID_0114232134912410000000000000";
    public const string OutTradeNo = "1217752501201407033233368018";
    public const string Template = "v3/pay/transactions/out-trade-no/{out_trade_no}/reverse";
    public const string Nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
    public const string ResponseNonce = "4A5C6E7F8091A2B3C4D5E6F708192A3B";
    public const string ResponseBody = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_trade_no\":\"1217752501201407033233368018\",\"recall\":false}";

    /// <summary>The fixed clock of every instance: requests are stamped with it and answers judged by it.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1554208460);

    public static readonly string Timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static readonly Lazy<(RSA Merchant, RSA MerchantPublic, RSA Platform, RSA PlatformPublic)> KeyPairs = new(() =>
    {
        var merchant = RSA.Create(2048);
        var platform = RSA.Create(2048);
        return (merchant, PublicOf(merchant), platform, PublicOf(platform));
    });

    /// <summary>The merchant's private key (signs requests).</summary>
    public static RSA MerchantKey => KeyPairs.Value.Merchant;

    /// <summary>The merchant's public key alone.</summary>
    public static RSA MerchantPublicKey => KeyPairs.Value.MerchantPublic;

    /// <summary>The platform's private key (signs the canned answer, once).</summary>
    public static RSA PlatformKey => KeyPairs.Value.Platform;

    /// <summary>The platform's public key alone, as configured in <c>Certs</c>.</summary>
    public static RSA PlatformPublicKey => KeyPairs.Value.PlatformPublic;

    /// <summary>
    /// A JSAPI-order-like object whose JSON (Newtonsoft, as ChainPay sends it) is about 1 KB: see <see cref="JsonBytes"/>.
    /// </summary>
    public static readonly object Payload = new
    {
        appid = "wxd678efh567hg6787",
        mchid = "1230000109",
        description = "Image形象店-深圳腾大-QQ公仔",
        out_trade_no = OutTradeNo,
        time_expire = "2018-06-08T10:34:56+08:00",
        attach = "自定义数据说明",
        notify_url = "https://www.weixin.qq.com/wxpay/pay.php",
        goods_tag = "WXG",
        support_fapiao = false,
        amount = new { total = 100, currency = "CNY" },
        payer = new { openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        detail = new
        {
            cost_price = 608800,
            invoice_id = "微信123",
            goods_detail = Enumerable.Range(1, 2).Select(i => new
            {
                merchant_goods_id = "1246464644" + i.ToString(CultureInfo.InvariantCulture),
                wechatpay_goods_id = "100100" + i.ToString(CultureInfo.InvariantCulture),
                goods_name = "iPhoneX 256G",
                quantity = i,
                unit_price = 528800,
            }).ToArray(),
        },
        scene_info = new
        {
            payer_client_ip = "14.23.150.211",
            device_id = "013467007045764",
            store_info = new { id = "0001", name = "腾讯大厦分店", area_code = "440305", address = "广东省深圳市南山区科技中一道10000号" },
        },
        settle_info = new { profit_sharing = false },
    };

    /// <summary>The body bytes as ChainPay serialises <see cref="Payload"/> (UTF-8 JSON).</summary>
    public static byte[] JsonBytes => Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(Payload));

    /// <summary>The wire target of the round trip's request.</summary>
    public static string Target => "/" + Template.Replace("{out_trade_no}", OutTradeNo, StringComparison.Ordinal);

    /// <summary>The exact message the round trip signs: <c>POST\nTARGET\nTIMESTAMP\nNONCE\nBODY\n</c>.</summary>
    public static byte[] RequestMessage =>
        Encoding.UTF8.GetBytes("POST\n" + Target + "\n" + Timestamp + "\n" + Nonce + "\n").Concat(JsonBytes).Concat(new[] { (byte)'\n' }).ToArray();

    /// <summary>The exact message the round trip verifies: <c>TIMESTAMP\nNONCE\nBODY\n</c> of the canned answer.</summary>
    public static byte[] ResponseMessage => Encoding.UTF8.GetBytes(Formatter.Response(Timestamp, ResponseNonce, ResponseBody));

    /// <summary>
    /// The options of an instance over <paramref name="handler"/> with the fixed clock and nonce. Replay protection is
    /// off: the canned answer is signed once and carries the same <c>Wechatpay-Nonce</c> every time, which the default
    /// (<see cref="BuilderOptions.ResponseReplayProtection"/>) refuses from the second call on as a replay.
    /// </summary>
    public static BuilderOptions Options(HttpMessageHandler handler) => new()
    {
        Mchid = Mchid,
        Serial = MerchantSerial,
        PrivateKey = MerchantKey,
        Certs = { [PlatformKeyId] = PlatformPublicKey },
        HttpClient = new HttpClient(handler),
        Clock = () => Now,
        Nonce = () => Nonce,
        ResponseReplayProtection = false,
    };

    private static RSA PublicOf(RSA key)
    {
        var pub = RSA.Create();
        pub.ImportParameters(key.ExportParameters(false));
        return pub;
    }
}

/// <summary>
/// An in-memory WeChat Pay that answers every request with the same answer, signed once by the platform key when
/// it is created, so that a call costs the handler only a new <see cref="HttpResponseMessage"/>.
/// </summary>
internal sealed class CannedAnswerHandler : HttpMessageHandler
{
    private readonly byte[] body = Encoding.UTF8.GetBytes(BenchmarkFixture.ResponseBody);
    private readonly string signature = Convert.ToBase64String(
        BenchmarkFixture.PlatformKey.SignData(BenchmarkFixture.ResponseMessage, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    private long count;

    /// <summary>How many requests it answered.</summary>
    public long Count => Interlocked.Read(ref count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        response.Headers.TryAddWithoutValidation("Request-ID", "08F0E5A5C60610A2041818A7AB2620A4B2D401-0");
        response.Headers.TryAddWithoutValidation("Wechatpay-Timestamp", BenchmarkFixture.Timestamp);
        response.Headers.TryAddWithoutValidation("Wechatpay-Nonce", BenchmarkFixture.ResponseNonce);
        response.Headers.TryAddWithoutValidation("Wechatpay-Serial", BenchmarkFixture.PlatformKeyId);
        response.Headers.TryAddWithoutValidation("Wechatpay-Signature", signature);
        return Task.FromResult(response);
    }
}

/// <summary>
/// The merchant key with its one signature computed up front: the round trip's clock and nonce are fixed, so every
/// request signs the same digest, and this key answers it from memory. A round trip over it costs everything but
/// the RSA private-key operation, which isolates what ChainPay, Flurl and <see cref="HttpClient"/> add to the crypto.
/// </summary>
internal sealed class PresignedRsa : RSA
{
    private readonly RSA inner;
    private readonly byte[] digest;
    private readonly byte[] signature;

    public PresignedRsa(RSA inner, byte[] message)
    {
        this.inner = inner;
        KeySizeValue = inner.KeySize;
        digest = SHA256.HashData(message);
        signature = inner.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>How many digests were not the expected one and were really signed (should stay 0).</summary>
    public int Misses { get; private set; }

    public override RSAParameters ExportParameters(bool includePrivateParameters) => inner.ExportParameters(includePrivateParameters);

    public override void ImportParameters(RSAParameters parameters) => throw new NotSupportedException();

    public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        if (hashAlgorithm == HashAlgorithmName.SHA256 && padding == RSASignaturePadding.Pkcs1 && hash.AsSpan().SequenceEqual(digest))
        {
            return (byte[])signature.Clone();
        }

        Misses++;
        return inner.SignHash(hash, hashAlgorithm, padding);
    }

    public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) =>
        inner.VerifyHash(hash, signature, hashAlgorithm, padding);
}
