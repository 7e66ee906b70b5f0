#if NET
using System.Runtime.CompilerServices;
#endif

namespace ChainPay.Util;

/// <summary>What ChainPay says where a trimmed or NativeAOT application calls into it, and how it tells.</summary>
internal static class Trimming
{
    /// <summary>The message of <c>[RequiresUnreferencedCode]</c> on the entry points.</summary>
    public const string Unreferenced =
        "ChainPay reads option bags (anonymous objects) by reflection and serialises `json` with Newtonsoft.Json, so a trimmed or NativeAOT "
        + "application must keep the properties of those types: by default such a publish stops with CHAINPAY001; with ChainPayAllowTrimming=true "
        + "the application's own assembly is kept whole (docs/getting-started.md#trimming-and-nativeaot).";

    /// <summary>Why reading an options bag by reflection is left to <c>Builder.Factory</c>'s warning.</summary>
    public const string OptionsJustification =
        "Option objects are read only through an instance of Builder.Factory, which carries [RequiresUnreferencedCode]; "
        + "an anonymous type the trimmer took properties from is refused (PropertyBag.IsTrimmed), not read as empty.";

    /// <summary>Why parsing into <c>JToken</c> is safe after trimming.</summary>
    public const string JsonTreeJustification = "Parses into JToken/JObject only: no reflection over application types.";

    /// <summary>Why serialising the application's own values is left to <c>Builder.Factory</c>'s warning.</summary>
    public const string ApplicationTypesJustification =
        "Serialises or reads the application's own types, reached only through an instance of Builder.Factory, which carries [RequiresUnreferencedCode]; "
        + "ChainPayAllowTrimming=true keeps the application's assembly whole, and trimmed anonymous types are refused (PropertyBag.IsTrimmed).";

    /// <summary>Whether this process can generate code at run time: <c>false</c> under NativeAOT, where <c>dynamic</c> cannot bind.</summary>
    public static bool IsDynamicCodeSupported =>
#if NET
        RuntimeFeature.IsDynamicCodeSupported;
#else
        true;
#endif

    /// <summary>
    /// The exception for a member chain through <c>dynamic</c> where there is no dynamic code (NativeAOT), or
    /// <c>null</c> where there is: the C# runtime binder cannot bind there, so the call would fail deep inside it.
    /// </summary>
    /// <param name="dynamicCodeSupported">Whether the process can generate code (<see cref="IsDynamicCodeSupported"/>).</param>
    /// <param name="member">The member the chain asked for.</param>
    public static NotSupportedException? RefuseMemberChain(bool dynamicCodeSupported, string member) =>
        dynamicCodeSupported
            ? null
            : new NotSupportedException(
                $"The member chain (`.{member}` through `dynamic`) needs dynamic code, which a NativeAOT application does not have: "
                + "write the template instead, `instance.Chain(\"v3/…/{placeholder}\")` or `instance[\"v3/…\"]` (docs/getting-started.md#trimming-and-nativeaot).");
}
