using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>An authenticated request as the sandbox's routes see it.</summary>
internal sealed class SandboxRequest
{
    public SandboxRequest(string method, string path, IReadOnlyDictionary<string, string> query, JObject? json, string mchid, string? wechatpaySerial = null)
    {
        WechatpaySerial = wechatpaySerial;
        Method = method;
        Path = path;
        Query = query;
        Json = json;
        Mchid = mchid;
    }

    public string Method { get; }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Query { get; }

    public JObject? Json { get; }

    /// <summary>The request's <c>Wechatpay-Serial</c> header: the platform key its sensitive fields are encrypted with.</summary>
    public string? WechatpaySerial { get; }

    /// <summary>The merchant the Authorization header proved.</summary>
    public string Mchid { get; }

    /// <summary>A required string field of the JSON body.</summary>
    public string Field(string name) =>
        (string?)Json?[name] is { Length: > 0 } value ? value : throw SandboxError.Param($"输入源“/body/{name}”映射到值字段“{name}”字符串规则校验失败，字段必填");

    /// <summary>An optional string field of the JSON body.</summary>
    public string? Optional(string name) => (string?)Json?.SelectToken(name);

    /// <summary>A required positive integer field of the JSON body, at <paramref name="path"/> (e.g. <c>amount.total</c>).</summary>
    public long Amount(string path)
    {
        var token = Json?.SelectToken(path);
        return token is { Type: JTokenType.Integer } && (long)token > 0 ? (long)token : throw SandboxError.Param($"输入源“/body/{path.Replace('.', '/')}”映射到值字段“{path}”必须是正整数");
    }

    /// <summary>A required query parameter.</summary>
    public string QueryField(string name) =>
        Query.TryGetValue(name, out var value) && value.Length > 0 ? value : throw SandboxError.Param($"输入源“/query/{name}”映射到值字段“{name}”字符串规则校验失败，字段必填");

    /// <summary>Requires that a merchant field equals the authenticated merchant.</summary>
    public void RequireOwnMchid(string? value, string field)
    {
        if (value != Mchid)
        {
            throw SandboxError.Param($"{field}({value})与请求的商户号({Mchid})不一致");
        }
    }
}
