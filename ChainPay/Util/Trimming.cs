namespace ChainPay.Util;

/// <summary>What ChainPay says where a trimmed or NativeAOT application calls into it.</summary>
internal static class Trimming
{
    /// <summary>The message of <c>[RequiresUnreferencedCode]</c> on the entry points.</summary>
    public const string Unreferenced =
        "ChainPay does not support trimming: option bags (anonymous objects) are read by reflection and JSON goes through Newtonsoft.Json, "
        + "so a trimmed application sends requests with missing values. Publish with PublishTrimmed=false and PublishAot=false.";

    /// <summary>The message of <c>[RequiresDynamicCode]</c> on the entry points.</summary>
    public const string Dynamic =
        "ChainPay does not support NativeAOT: the chain is a DynamicObject and JSON goes through Newtonsoft.Json. "
        + "Publish with PublishAot=false (a file-based app: #:property PublishAot=false).";
}
