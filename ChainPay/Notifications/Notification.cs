using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using AesGcm = ChainPay.Crypto.AesGcm;

namespace ChainPay.Notifications;

/// <summary>A verified WeChat Pay notification: its envelope fields and its encrypted <c>resource</c>.</summary>
/// <example>
/// <code>
/// var notification = verifier.Verify(name => request.Headers[name], rawBody);
/// if (notification.EventType == "TRANSACTION.SUCCESS")
/// {
///     var transaction = notification.DecryptResource();   // JObject: out_trade_no, transaction_id, amount, …
/// }
/// </code>
/// </example>
public sealed class Notification
{
    private readonly string? apiV3Key;

    internal Notification(JObject body, string? apiV3Key)
    {
        Body = body;
        this.apiV3Key = apiV3Key;
    }

    /// <summary>The whole verified body.</summary>
    public JObject Body { get; }

    /// <summary>The notification id.</summary>
    public string? Id => (string?)Body["id"];

    /// <summary>The event type, e.g. <c>TRANSACTION.SUCCESS</c> or <c>REFUND.SUCCESS</c>.</summary>
    public string? EventType => (string?)Body["event_type"];

    /// <summary>The resource type, usually <c>encrypt-resource</c>.</summary>
    public string? ResourceType => (string?)Body["resource_type"];

    /// <summary>WeChat's summary, e.g. <c>支付成功</c>.</summary>
    public string? Summary => (string?)Body["summary"];

    /// <summary>The creation time (RFC 3339 text).</summary>
    public string? CreateTime => (string?)Body["create_time"];

    /// <summary>Decrypts <c>resource</c> with the APIv3 key (<c>AEAD_AES_256_GCM</c>, or <c>AEAD_SM4_GCM</c> for 国密 merchants) to its plaintext.</summary>
    /// <exception cref="NotificationVerificationException">No resource, no APIv3 key, an unknown algorithm, or it does not decrypt.</exception>
    public string DecryptResourceText()
    {
        var resource = Body["resource"] as JObject ?? throw new NotificationVerificationException("The notification has no `resource` to decrypt.");
        if (string.IsNullOrEmpty(apiV3Key))
        {
            throw new NotificationVerificationException("Decrypting `resource` needs NotificationOptions.ApiV3Key.");
        }

        var algorithm = (string?)resource["algorithm"];
        var ciphertext = (string?)resource["ciphertext"] ?? string.Empty;
        var nonce = (string?)resource["nonce"] ?? string.Empty;
        var aad = (string?)resource["associated_data"] ?? string.Empty;
        try
        {
            return algorithm switch
            {
                "AEAD_AES_256_GCM" => AesGcm.Decrypt(ciphertext, apiV3Key!, nonce, aad),
                "AEAD_SM4_GCM" => Crypto.Sm4Gcm.Decrypt(ciphertext, apiV3Key!, nonce, aad),
                _ => throw new NotificationVerificationException($"The resource algorithm `{algorithm}` is not supported."),
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException or Org.BouncyCastle.Crypto.InvalidCipherTextException)
        {
            throw new NotificationVerificationException("The notification's resource does not decrypt with this APIv3 key (or was tampered with).", e);
        }
    }

    /// <summary>Decrypts <c>resource</c> into a <see cref="JObject"/>.</summary>
    public JObject DecryptResource() => JObject.Parse(DecryptResourceText());

    /// <summary>Decrypts <c>resource</c> into the caller's type (Newtonsoft.Json; use <c>[JsonProperty("out_trade_no")]</c> etc.).</summary>
    /// <typeparam name="T">The resource type.</typeparam>
    public T DecryptResource<T>() => JsonConvert.DeserializeObject<T>(DecryptResourceText())!;
}
