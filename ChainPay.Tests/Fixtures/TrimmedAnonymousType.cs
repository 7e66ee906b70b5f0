using System.Reflection;
using System.Reflection.Emit;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// What a trimmed or NativeAOT application leaves of an anonymous type whose properties nothing kept: a generic type
/// named as the C# compiler names anonymous types, one generic argument per member, and no properties. Built with
/// Reflection.Emit, since C# cannot name such a type and the test process is not trimmed.
/// </summary>
public static class TrimmedAnonymousType
{
    private static readonly Lazy<Type> Definition = new(Define);

    /// <summary>An instance of <c>&lt;&gt;f__AnonymousType90`2&lt;string, string&gt;</c> without its two properties.</summary>
    public static object Create() => Activator.CreateInstance(Definition.Value.MakeGenericType(typeof(string), typeof(string)))!;

    private static Type Define()
    {
        var module = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("TrimmedOptions"), AssemblyBuilderAccess.Run).DefineDynamicModule("TrimmedOptions");
        var type = module.DefineType("<>f__AnonymousType90`2", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class);
        type.DefineGenericParameters("TOutBillNo", "TJson");
        type.DefineDefaultConstructor(MethodAttributes.Public);
        return type.CreateType();
    }
}
