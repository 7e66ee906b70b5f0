using System.Security.Cryptography;
using ChainPay.Util;
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
    private const string EmptyPlaintext = "The decrypted resource is empty or JSON null, not a JSON object.";

    private readonly string? apiV3Key;

    internal Notification(JObject body, string? apiV3Key)
    {
        Body = body;
        this.apiV3Key = apiV3Key;
    }

    /// <summary>The whole verified body.</summary>
    public JObject Body { get; }

    /// <summary>The notification id.</summary>
    /// <exception cref="NotificationVerificationException"><c>id</c> is there but not a JSON string (a number, an object, …).</exception>
    public string? Id => Text(Body, "id", string.Empty);

    /// <summary>The event type, e.g. <c>TRANSACTION.SUCCESS</c> or <c>REFUND.SUCCESS</c>.</summary>
    /// <exception cref="NotificationVerificationException"><c>event_type</c> is there but not a JSON string.</exception>
    public string? EventType => Text(Body, "event_type", string.Empty);

    /// <summary>The resource type, usually <c>encrypt-resource</c>.</summary>
    /// <exception cref="NotificationVerificationException"><c>resource_type</c> is there but not a JSON string.</exception>
    public string? ResourceType => Text(Body, "resource_type", string.Empty);

    /// <summary>WeChat's summary, e.g. <c>支付成功</c>.</summary>
    /// <exception cref="NotificationVerificationException"><c>summary</c> is there but not a JSON string.</exception>
    public string? Summary => Text(Body, "summary", string.Empty);

    /// <summary>The creation time, the RFC 3339 text as sent (never parsed).</summary>
    /// <exception cref="NotificationVerificationException"><c>create_time</c> is there but not a JSON string.</exception>
    public string? CreateTime => Text(Body, "create_time", string.Empty);

    /// <summary>Decrypts <c>resource</c> with the APIv3 key (<c>AEAD_AES_256_GCM</c>, or <c>AEAD_SM4_GCM</c> for 国密 merchants) to its plaintext.</summary>
    /// <exception cref="NotificationVerificationException">No resource, a resource (or one of its fields) of the
    /// wrong JSON type, no APIv3 key, an unknown algorithm, or it does not decrypt.</exception>
    public string DecryptResourceText()
    {
        var resource = Body["resource"];
        if (resource is null || resource.Type == JTokenType.Null)
        {
            throw new NotificationVerificationException("The notification has no `resource` to decrypt.");
        }

        if (resource is not JObject fields)
        {
            throw new NotificationVerificationException($"The notification's `resource` is {Describe(resource)}, not an object.");
        }

        if (string.IsNullOrEmpty(apiV3Key))
        {
            throw new NotificationVerificationException("Decrypting `resource` needs NotificationOptions.ApiV3Key.");
        }

        var algorithm = Text(fields, "algorithm", "resource.");
        var ciphertext = Text(fields, "ciphertext", "resource.") ?? string.Empty;
        var nonce = Text(fields, "nonce", "resource.") ?? string.Empty;
        var aad = Text(fields, "associated_data", "resource.") ?? string.Empty;

        try
        {
            return algorithm switch
            {
                "AEAD_AES_256_GCM" => AesGcm.Decrypt(ciphertext, apiV3Key!, nonce, aad),
                "AEAD_SM4_GCM" => Crypto.Sm4Gcm.Decrypt(ciphertext, apiV3Key!, nonce, aad),
                _ => throw new NotificationVerificationException($"The resource algorithm `{algorithm}` is not supported."),
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException or NotSupportedException or Org.BouncyCastle.Crypto.InvalidCipherTextException)
        {
            throw new NotificationVerificationException("The notification's resource does not decrypt with this APIv3 key (or was tampered with).", e);
        }
    }

    /// <summary>Decrypts <c>resource</c> into a <see cref="JObject"/>, every value as sent: dates stay text.</summary>
    /// <exception cref="NotificationVerificationException">As <see cref="DecryptResourceText"/>, or the plaintext is not one JSON object.</exception>
    public JObject DecryptResource()
    {
        var text = DecryptResourceText();
        JObject? json;
        try
        {
            json = JsonText.ParseObject(text);
        }
        catch (JsonException e)
        {
            throw new NotificationVerificationException("The decrypted resource is not a JSON object.", e);
        }

        return json ?? throw new NotificationVerificationException(EmptyPlaintext);
    }

    /// <summary>Decrypts <c>resource</c> into the caller's type (Newtonsoft.Json; use <c>[JsonProperty("out_trade_no")]</c> etc.).</summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <exception cref="NotificationVerificationException">As <see cref="DecryptResourceText"/>, or the plaintext does not read as <typeparamref name="T"/>.</exception>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode("Reads the resource into T with Newtonsoft.Json, by reflection: a trimmed or NativeAOT application must keep T's properties (DecryptResourceText and JObject need nothing kept).")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Newtonsoft.Json reads by reflection where no code can be generated; what it needs kept is what [RequiresUnreferencedCode] says.")]
    public T DecryptResource<T>()
    {
        var text = DecryptResourceText();
        T? value;
        try
        {
            value = JsonConvert.DeserializeObject<T>(text, JsonText.Settings);
        }
        catch (JsonException e)
        {
            throw new NotificationVerificationException($"The decrypted resource is not JSON that reads as {typeof(T).Name}.", e);
        }

        return value ?? throw new NotificationVerificationException(EmptyPlaintext);
    }

    /// <summary>The string value of <paramref name="name"/>: <c>null</c> when absent or JSON null, else it must be a JSON string.</summary>
    private static string? Text(JObject json, string name, string path) => json[name] switch
    {
        null => null,
        { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.String, Value: string text } => text,
        var other => throw new NotificationVerificationException($"The notification's `{path}{name}` is {Describe(other)}, not a string."),
    };

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        JTokenType.String => "a string",
        var type => "a " + type.ToString().ToLowerInvariant() + " value",
    };
}
