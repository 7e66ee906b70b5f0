#if !NET7_0_OR_GREATER
namespace System.Diagnostics.CodeAnalysis;

/// <summary>netstandard2.0 stand-in of the BCL attribute: marks what needs code the trimmer may remove.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Class, Inherited = false)]
internal sealed class RequiresUnreferencedCodeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="message">Why trimming breaks the member.</param>
    public RequiresUnreferencedCodeAttribute(string message) => Message = message;

    /// <summary>Why trimming breaks the member.</summary>
    public string Message { get; }
}
#endif
