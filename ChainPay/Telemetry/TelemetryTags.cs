namespace ChainPay.Telemetry;

/// <summary>The attribute names of ChainPay's spans and measurements: OpenTelemetry's HTTP client ones, and <c>chainpay.</c> ones.</summary>
internal static class TelemetryTags
{
    public const string Method = "http.request.method";
    public const string UrlTemplate = "url.template";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string StatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";
    public const string ResendCount = "http.request.resend_count";
    public const string MerchantId = "chainpay.merchant.id";
    public const string WeChatCode = "chainpay.wechat.code";
    public const string RequestId = "chainpay.wechat.request_id";
    public const string VerificationReason = "chainpay.verification.reason";
    public const string RetryDelay = "chainpay.retry.delay";
}
