using System.Text;

namespace ChainPay.Testing;

/// <summary>A signed notification made by <see cref="WeChatPaySandbox.CreateNotification"/>: its raw body and its four <c>Wechatpay-*</c> headers.</summary>
/// <example>
/// <code>
/// var notice = sandbox.CreateNotification("TRANSACTION.SUCCESS", new { out_trade_no = "1217752501201407033233368018" });
/// var verified = verifier.Verify(notice.Headers, notice.Body);
/// </code>
/// </example>
public sealed class SandboxNotification
{
    internal SandboxNotification(string eventType, string body, IReadOnlyDictionary<string, string> headers)
    {
        EventType = eventType;
        Body = body;
        Headers = headers;
    }

    /// <summary>The event type, e.g. <c>TRANSACTION.SUCCESS</c>.</summary>
    public string EventType { get; }

    /// <summary>The raw JSON body, exactly the bytes signed (UTF-8).</summary>
    public string Body { get; }

    /// <summary><c>Wechatpay-Timestamp</c>, <c>Wechatpay-Nonce</c>, <c>Wechatpay-Serial</c> and <c>Wechatpay-Signature</c> (names case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>A <c>POST</c> of this notification to <paramref name="endpoint"/>, as WeChat Pay sends it (<c>application/json</c>).</summary>
    /// <param name="endpoint">The merchant's notification URL.</param>
    /// <exception cref="InvalidArgumentException"><paramref name="endpoint"/> is <c>null</c>.</exception>
    public HttpRequestMessage CreateRequest(Uri endpoint)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint ?? throw new InvalidArgumentException("The endpoint is required.", nameof(endpoint)))
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        foreach (var header in Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return request;
    }

    /// <summary>The event type and the serial; never the body or the signature.</summary>
    public override string ToString() => $"SandboxNotification {{ EventType = {EventType}, Serial = {Headers["Wechatpay-Serial"]} }}";
}
