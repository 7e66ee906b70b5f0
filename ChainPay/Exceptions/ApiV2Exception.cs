using Flurl.Http;

namespace ChainPay;

/// <summary>
/// Raised when an APIv2 (XML) answer is not a verified success (spec §6.2): <c>return_code</c> or
/// <c>result_code</c> is not <c>SUCCESS</c>, the body is not XML, or its <c>sign</c> is missing or wrong.
/// Carries the parsed fields and the raw body (wechatpay-php rejects with the bare response).
/// </summary>
/// <example>
/// <code>
/// try { await wxpay.v2.pay.micropay.PostAsync(new { xml = order }); }
/// catch (ApiV2Exception e) when (e.ErrCode == "USERPAYING") { /* poll orderquery */ }
/// </code>
/// </example>
public sealed class ApiV2Exception : WeChatPayException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Which check failed.</param>
    /// <param name="response">The response.</param>
    /// <param name="fields">The parsed XML fields (empty when the body is not XML).</param>
    /// <param name="body">The raw body text.</param>
    public ApiV2Exception(string reason, IFlurlResponse response, IDictionary<string, object?> fields, string body)
        : base(Describe(reason, fields), response)
    {
        Fields = fields;
        Body = body;
    }

    /// <summary>All fields of the answer.</summary>
    public IDictionary<string, object?> Fields { get; }

    /// <summary>The raw body text.</summary>
    public string Body { get; }

    /// <summary><c>return_code</c>: <c>SUCCESS</c> or <c>FAIL</c> (communication level).</summary>
    public string? ReturnCode => Field(Fields, "return_code");

    /// <summary><c>return_msg</c>.</summary>
    public string? ReturnMsg => Field(Fields, "return_msg");

    /// <summary><c>result_code</c>: <c>SUCCESS</c> or <c>FAIL</c> (business level).</summary>
    public string? ResultCode => Field(Fields, "result_code");

    /// <summary><c>err_code</c>, e.g. <c>USERPAYING</c>.</summary>
    public string? ErrCode => Field(Fields, "err_code");

    /// <summary><c>err_code_des</c>.</summary>
    public string? ErrCodeDes => Field(Fields, "err_code_des");

    private static string? Field(IDictionary<string, object?> fields, string name) => fields.TryGetValue(name, out var v) ? v as string : null;

    private static string Describe(string reason, IDictionary<string, object?> fields)
    {
        var parts = new[] { "return_code", "return_msg", "result_code", "err_code", "err_code_des" }
            .Where(fields.ContainsKey)
            .Select(k => $"{k}={Field(fields, k)}");
        return $"{reason} ({string.Join(", ", parts)})";
    }
}
