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

/// <summary>netstandard2.0 stand-in of the BCL attribute: silences a trim or AOT warning, with the reason.</summary>
[AttributeUsage(AttributeTargets.All, Inherited = false, AllowMultiple = true)]
internal sealed class UnconditionalSuppressMessageAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="category">The warning's category (<c>Trimming</c>, <c>AOT</c>).</param>
    /// <param name="checkId">The warning's id (<c>IL2026</c>).</param>
    public UnconditionalSuppressMessageAttribute(string category, string checkId)
    {
        Category = category;
        CheckId = checkId;
    }

    /// <summary>The warning's category.</summary>
    public string Category { get; }

    /// <summary>The warning's id.</summary>
    public string CheckId { get; }

    /// <summary>Why the warning does not apply.</summary>
    public string? Justification { get; set; }
}
#endif
