using Flurl.Http;
using ChainPay.Util;
using Newtonsoft.Json;
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

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ChainPay.Util.Trimming.JsonTreeJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = ChainPay.Util.Trimming.JsonTreeJustification)]
    private static string Describe(IFlurlResponse response, string body, out string? code, out string? message, out JToken? detail, out string? requestId)
    {
        code = message = null;
        detail = null;
        requestId = response.Headers.TryGetFirst("Request-ID", out var id) ? id : null;
        var what = "a non-JSON error body";
        try
        {
            var json = JsonConvert.DeserializeObject<JToken>(body, JsonText.Settings); // dates stay text
            if (json is JObject map)
            {
                // A code or message that is an object or an array is not WeChat's: left null, the raw body stays in Body.
                code = Text(map["code"]);
                message = Text(map["message"]);
                detail = map["detail"];
                what = code is null ? "an error body without WeChat's string `code`" : $"{code}: {message}";
            }
            else if (json is not null)
            {
                what = $"a JSON {json.Type.ToString().ToLowerInvariant()} error body, not WeChat's object";
            }
        }
        catch (JsonException)
        {
            // Not WeChat's JSON (a gateway page, an empty body, invalid or too deeply nested JSON): the raw body is kept in Body.
        }

        return $"WeChat Pay answered HTTP {response.StatusCode} with {what} (Request-ID {requestId ?? "none"}).";
    }

    /// <summary>The text of a JSON scalar (a number or a bool as Newtonsoft writes it); <c>null</c> for an object, an array or null.</summary>
    private static string? Text(JToken? token) => token is JValue { Value: not null } value ? (string?)value : null;
}
