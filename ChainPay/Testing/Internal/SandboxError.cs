using System.Net;

namespace ChainPay.Testing.Internal;

/// <summary>An error answer of the sandbox, in WeChat Pay's JSON error shape.</summary>
internal sealed class SandboxError : Exception
{
    public SandboxError(HttpStatusCode status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode Status { get; }

    public string Code { get; }

    public static SandboxError Param(string message) => new(HttpStatusCode.BadRequest, "PARAM_ERROR", message);

    public static SandboxError Invalid(string message) => new(HttpStatusCode.BadRequest, "INVALID_REQUEST", message);

    public static SandboxError NotFound(string message) => new(HttpStatusCode.NotFound, "NOT_FOUND", message);

    public static SandboxError Sign(string message) => new(HttpStatusCode.Unauthorized, "SIGN_ERROR", message);
}
