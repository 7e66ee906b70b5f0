using System.Globalization;
using System.Text;
using ChainPay.Crypto;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Testing;

/// <summary>The notifications (回调通知) the sandbox sends, as WeChat Pay would send them to a merchant's endpoint.</summary>
public sealed partial class WeChatPaySandbox
{
    /// <summary>
    /// A notification as WeChat Pay sends it: <paramref name="resource"/> encrypted with <see cref="ApiV3Key"/>
    /// (<c>AEAD_AES_256_GCM</c>), the body signed with the platform key (in <see cref="SandboxKeyMode.Gray"/> mode the one the next answer would take) and carried with the four
    /// <c>Wechatpay-*</c> headers, timestamped by the sandbox's clock with a fresh nonce.
    /// </summary>
    /// <param name="eventType">The event type, e.g. <c>TRANSACTION.SUCCESS</c> or <c>REFUND.SUCCESS</c>.</param>
    /// <param name="resource">The plaintext resource: a <see cref="JObject"/>, a JSON string, or an object serialised with Newtonsoft.Json.</param>
    /// <param name="id">The notification id; a new one by default.</param>
    /// <example>
    /// <code>
    /// var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", new { out_trade_no = "1217752501201407033233368018", trade_state = "SUCCESS" });
    /// using var request = notice.CreateRequest(new Uri("http://127.0.0.1:5000/wechatpay/notify"));
    /// var response = await http.SendAsync(request);   // the endpoint verifies, decrypts and answers 204
    /// </code>
    /// </example>
    /// <exception cref="InvalidArgumentException">No event type, or no resource.</exception>
    public SandboxNotification CreateNotification(string eventType, object resource, string? id = null)
    {
        if (string.IsNullOrEmpty(eventType))
        {
            throw new InvalidArgumentException("An event type (e.g. TRANSACTION.SUCCESS) is required.", nameof(eventType));
        }

        var plaintext = NotificationPlaintext(resource);
        return SignNotification(eventType, NotificationBody(eventType, plaintext, id ?? Guid.NewGuid().ToString()));
    }

    /// <summary>The resource as JSON text: a string as it is, a <see cref="JToken"/> or an object serialised.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ChainPay.Util.Trimming.ApplicationTypesJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = ChainPay.Util.Trimming.ApplicationTypesJustification)]
    private static string NotificationPlaintext(object resource) => resource switch
    {
        null => throw new InvalidArgumentException("A resource is required.", nameof(resource)),
        string text => text,
        JToken token => token.ToString(Formatting.None),
        _ => JsonConvert.SerializeObject(resource, Formatting.None),
    };

    /// <summary>The notification's JSON body: <paramref name="plaintext"/> encrypted with the APIv3 key, created now.</summary>
    private string NotificationBody(string eventType, string plaintext, string id)
    {
        var originalType = eventType.Split('.')[0].ToLowerInvariant();
        var iv = Formatter.Nonce(12);
        return new JObject
        {
            ["id"] = id,
            ["create_time"] = Now(),
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = eventType,
            ["summary"] = eventType.EndsWith(".SUCCESS", StringComparison.Ordinal) ? "支付成功" : eventType,
            ["resource"] = new JObject
            {
                ["original_type"] = originalType,
                ["algorithm"] = "AEAD_AES_256_GCM",
                ["ciphertext"] = AesGcm.Encrypt(plaintext, ApiV3Key, iv, originalType),
                ["associated_data"] = originalType,
                ["nonce"] = iv,
            },
        }.ToString(Formatting.None);
    }

    /// <summary><paramref name="body"/> signed with the platform key now, with a fresh nonce: the four <c>Wechatpay-*</c> headers.</summary>
    private SandboxNotification SignNotification(string eventType, string body)
    {
        var signer = NextSigner();
        var timestamp = clock().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Formatter.Nonce();
        var signature = Convert.ToBase64String(Rsa.Sign(Encoding.UTF8.GetBytes(Formatter.Response(timestamp, nonce, body)), signer.PrivateKey));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Wechatpay-Timestamp"] = timestamp,
            ["Wechatpay-Nonce"] = nonce,
            ["Wechatpay-Serial"] = signer.Id,
            ["Wechatpay-Signature"] = signature,
        };
        return new SandboxNotification(eventType, body, headers);
    }
}
