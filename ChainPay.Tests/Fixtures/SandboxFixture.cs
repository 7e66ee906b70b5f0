using ChainPay.Testing;
using Flurl.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Fixtures;

/// <summary>A <see cref="WeChatPaySandbox"/> with a client of its built-in merchant, a fixed clock value and JSON answers.</summary>
internal static class SandboxFixture
{
    public static readonly DateTimeOffset Fixed = DateTimeOffset.FromUnixTimeSeconds(1795455453);

    public static async Task<JObject> Json(IFlurlResponse response) => JObject.Parse(await response.GetStringAsync());

    public static (WeChatPaySandbox Sandbox, BuilderChain Instance) Create(SandboxOptions? options = null)
    {
        var sandbox = new WeChatPaySandbox(options);
        return (sandbox, Builder.Factory(sandbox.CreateOptions()));
    }
}
