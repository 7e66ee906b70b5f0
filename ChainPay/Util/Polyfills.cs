#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>Polyfill of the .NET attribute for netstandard2.0 flow analysis.</summary>
    [AttributeUsage(AttributeTargets.Parameter)]
    internal sealed class NotNullWhenAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

        /// <summary>The return value for which the parameter is not null.</summary>
        public bool ReturnValue { get; }
    }

    /// <summary>Polyfill of the .NET attribute for netstandard2.0 flow analysis.</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor)]
    internal sealed class DoesNotReturnAttribute : Attribute
    {
    }
}

namespace System.Runtime.CompilerServices
{
    /// <summary>Polyfill that lets netstandard2.0 compile init-only setters.</summary>
    internal static class IsExternalInit
    {
    }
}
#endif
