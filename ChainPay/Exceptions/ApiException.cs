using Flurl.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay;

/// <summary>
/// Raised when WeChat Pay answers with a status outside 2xx. Carries WeChat's JSON error fields
/// (<c>code</c>, <c>message</c>, <c>detail</c>), the <c>Request-ID</c> header and the raw body.
/// </summary>
/// <example>
/// <code>
/// try { await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.GetAsync(new { out_trade_no = "x", query = new { mchid } }); }
/// catch (ApiException e) when (e.Code == "ORDER_NOT_EXIST") { /* … */ }
/// </code>
/// </example>
public sealed class ApiException : WeChatPayException
{
    /// <summary>Creates the exception from the parts of an error answer.</summary>
    /// <param name="response">The response.</param>
    /// <param name="body">The raw body text.</param>
    /// <param name="verified">Whether the error answer itself carried a valid WeChat Pay signature.</param>
    public ApiException(IFlurlResponse response, string body, bool verified)
        : base(Describe(response, body, out var code, out var message, out var detail, out var requestId), response)
    {
        Body = body;
        Code = code;
        ErrorMessage = message;
        Detail = detail;
        RequestId = requestId;
        Verified = verified;
    }

    /// <summary>WeChat's error <c>code</c>, e.g. <c>PARAM_ERROR</c>; <c>null</c> when the body is not WeChat's JSON.</summary>
    public string? Code { get; }

    /// <summary>WeChat's error <c>message</c>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>WeChat's error <c>detail</c>, when present.</summary>
    public JToken? Detail { get; }

    /// <summary>The <c>Request-ID</c> header, to quote to WeChat Pay support.</summary>
    public string? RequestId { get; }

    /// <summary>The raw body text (e.g. an HTML page of a proxy).</summary>
    public string Body { get; }

    /// <summary>Whether the error answer carried a WeChat Pay signature that verified.</summary>
    public bool Verified { get; }

    private static string Describe(IFlurlResponse response, string body, out string? code, out string? message, out JToken? detail, out string? requestId)
    {
        code = message = null;
        detail = null;
        requestId = response.Headers.TryGetFirst("Request-ID", out var id) ? id : null;
        try
        {
            if (JToken.Parse(body) is JObject json)
            {
                code = (string?)json["code"];
                message = (string?)json["message"];
                detail = json["detail"];
            }
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Not WeChat's JSON (a gateway page, an empty body): the raw body is kept in Body.
        }

        var what = code is null ? "a non-JSON error body" : $"{code}: {message}";
        return $"WeChat Pay answered HTTP {response.StatusCode} with {what} (Request-ID {requestId ?? "none"}).";
    }
}
