using Flurl.Http;

namespace ChainPay.Telemetry;

/// <summary>What telemetry may tell of a call's end: status, WeChat code, Request-ID, error type, host — nothing else.</summary>
internal readonly struct CallOutcome
{
    private CallOutcome(int? status, string? code, string? requestId, string? errorType, Uri? uri, CallTelemetry owner)
    {
        Status = status;
        Code = code;
        RequestId = requestId;
        Error = errorType is not null || status >= 400;
        ErrorType = errorType is null && status >= 400 ? CallObservation.StatusText(status.Value) : errorType ?? string.Empty;
        ServerAddress = uri?.Host ?? owner.ServerAddress;
        ServerPort = uri?.Port ?? owner.ServerPort;
    }

    /// <summary>The HTTP status of the answer, or <c>null</c> when none came.</summary>
    public int? Status { get; }

    /// <summary>WeChat's error code (<c>code</c>, or APIv2's <c>err_code</c>).</summary>
    public string? Code { get; }

    /// <summary>The answer's <c>Request-ID</c>.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the call failed.</summary>
    public bool Error { get; }

    /// <summary>OpenTelemetry's <c>error.type</c>: the status code of an error answer, <c>timeout</c>, or the exception's type; empty on success.</summary>
    public string ErrorType { get; }

    /// <summary>The host the answer came from.</summary>
    public string ServerAddress { get; }

    /// <summary>The port the answer came from.</summary>
    public int ServerPort { get; }

    public static CallOutcome Of(IFlurlResponse response, CallTelemetry owner) =>
        new(response.StatusCode, null, RequestIdOf(response), null, response.ResponseMessage?.RequestMessage?.RequestUri, owner);

    public static CallOutcome Of(Exception e, CallTelemetry owner)
    {
        switch (e)
        {
            case ApiException api:
                return new(api.StatusCode, api.Code, api.RequestId, null, UriOf(api.Response), owner);
            case ApiV2Exception v2:
                return new(v2.StatusCode, v2.ErrCode, RequestIdOf(v2.Response), e.GetType().FullName, UriOf(v2.Response), owner);
            case WeChatPayException other:
                return new(other.StatusCode, null, RequestIdOf(other.Response), e.GetType().FullName, UriOf(other.Response), owner);
            case FlurlHttpTimeoutException timeout:
                return new(null, null, null, "timeout", Uri(timeout.Call?.Request?.Url?.ToString()), owner);
            case FlurlHttpException flurl:
                return new(flurl.StatusCode, null, flurl.Call?.Response is { } r ? RequestIdOf(r) : null, e.GetType().FullName, Uri(flurl.Call?.Request?.Url?.ToString()), owner);
            default:
                return new(null, null, null, e.GetType().FullName, null, owner);
        }
    }

    /// <summary>Which check a <see cref="ResponseVerificationException"/> failed, as a word (its message names values, e.g. the signature).</summary>
    public static string VerificationReason(string message) =>
        message.StartsWith("Verify the response's data", StringComparison.Ordinal) ? "signature"
        : message.StartsWith("It's allowed time offset", StringComparison.Ordinal) ? "timestamp"
        : message.StartsWith("Cannot found the serial", StringComparison.Ordinal) ? "serial"
        : message.StartsWith("The answer's Wechatpay-Nonce", StringComparison.Ordinal) ? "replay"
        : message.StartsWith("The statement's body", StringComparison.Ordinal) ? "statement"
        : "headers";

    private static string? RequestIdOf(IFlurlResponse response) =>
        response.Headers.TryGetFirst("Request-ID", out var id) ? id : null;

    private static Uri? UriOf(IFlurlResponse response) => response.ResponseMessage?.RequestMessage?.RequestUri;

    private static Uri? Uri(string? text) => text is not null && System.Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
}
