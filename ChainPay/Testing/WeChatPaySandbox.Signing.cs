using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Testing.Internal;
using Newtonsoft.Json.Linq;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Testing;

// Keys and signatures: merchants' key pairs, answers signed with the platform key (WeChatPaySandbox.Keys.cs), and /v3/certificates.
public sealed partial class WeChatPaySandbox
{
    /// <summary>Registers another merchant, with a new id's key pair, so tests can act as several merchants.</summary>
    /// <param name="mchid">The merchant id.</param>
    public SandboxMerchant AddMerchant(string mchid) => AddMerchant(mchid, null);

    private SandboxMerchant AddMerchant(string mchid, RSA? privateKey)
    {
        if (string.IsNullOrEmpty(mchid))
        {
            throw new InvalidArgumentException("A merchant id is required.", nameof(mchid));
        }

        var index = Interlocked.Increment(ref merchants);
        var key = privateKey ?? TestKeyPool.Get(index);
        var serial = (0x5157F09EFDC096DEL + index).ToString("X16", CultureInfo.InvariantCulture) + "15EBE81A47057A7232F4B0F9";
        authenticator.Add(mchid, serial, TestKeyPool.PublicOf(key));
        lock (merchantIds)
        {
            merchantIds.Add(mchid);
        }

        return new SandboxMerchant(mchid, serial, key);
    }

    private HttpResponseMessage Answer(HttpStatusCode status, string text, long requestId)
    {
        var signer = NextSigner();
        var timestamp = clock().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Formatter.Nonce();
        var signature = Convert.ToBase64String(Rsa.Sign(Encoding.UTF8.GetBytes(Formatter.Response(timestamp, nonce, text)), signer.PrivateKey));
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)) };
        if (text.Length > 0)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        }

        response.Headers.Date = clock(); // WeChat Pay's own time: what a client's clock skew is measured against
        response.Headers.TryAddWithoutValidation("Request-ID", $"08{requestId:X10}C2B9AA0618CEC4A8{requestId:D6}-0");
        response.Headers.TryAddWithoutValidation("Wechatpay-Timestamp", timestamp);
        response.Headers.TryAddWithoutValidation("Wechatpay-Nonce", nonce);
        response.Headers.TryAddWithoutValidation("Wechatpay-Serial", signer.Id);
        response.Headers.TryAddWithoutValidation("Wechatpay-Signature", signature);
        return response;
    }

    private JObject Certificates()
    {
        var pem = PlatformCertificatePem;
        var serial = PlatformKeyId;
        if (pem is null)
        {
            throw new SandboxError(HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。可查看指引https://pay.weixin.qq.com/doc/v3/merchant/4012153196");
        }

        var nonce = Formatter.Nonce(12);
        var now = clock();
        return new JObject
        {
            ["data"] = new JArray(new JObject
            {
                ["serial_no"] = serial,
                ["effective_time"] = Rfc3339(now.AddMinutes(-5)),
                ["expire_time"] = Rfc3339(now.AddYears(5)),
                ["encrypt_certificate"] = new JObject
                {
                    ["algorithm"] = "AEAD_AES_256_GCM",
                    ["nonce"] = nonce,
                    ["associated_data"] = "certificate",
                    ["ciphertext"] = AesGcm.Encrypt(pem, ApiV3Key, nonce, "certificate"),
                },
            }),
        };
    }
}
