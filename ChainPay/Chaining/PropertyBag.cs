using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace ChainPay.Chaining;

/// <summary>
/// Reads the key/value pairs of an options bag or a nested map: an anonymous object (or any object with public
/// properties), a dictionary, an <c>ExpandoObject</c> or a <see cref="JObject"/>.
/// </summary>
internal static class PropertyBag
{
    /// <summary>How deep lists and maps may nest in an option value (the value itself is level 1).</summary>
    public const int MaxDepth = 64;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]?> Properties = new();
    private static readonly ConcurrentDictionary<Type, bool> Unsupported = new();
    private static readonly ConcurrentDictionary<Type, bool> Trimmed = new();
    private static readonly ConcurrentDictionary<Type, bool> RefusedInJson = new();

    // What ReadableProperties answers for an anonymous type the trimmer took properties from (not cached as an answer to use).
    private static readonly PropertyInfo[] TrimmedAway = new PropertyInfo[1];

    // Values that mean nothing on the wire; read as maps they expose reflection graphs, getters that throw or cycles.
    private static readonly Type[] UnsupportedTypes =
    {
        typeof(Delegate), typeof(MemberInfo), typeof(ParameterInfo), typeof(Assembly), typeof(Module), typeof(Stream),
        typeof(IntPtr), typeof(UIntPtr), typeof(Pointer), typeof(Task), typeof(WaitHandle), typeof(CancellationToken),
    };

    /// <summary>The pairs of a map-like <paramref name="value"/>, or <c>null</c> when it is a scalar or a list.</summary>
    /// <param name="value">The value.</param>
    /// <param name="option">The option (or placeholder) the value belongs to, named if a property getter throws.</param>
    /// <exception cref="InvalidArgumentException">A property getter threw (the getter's exception is the inner one).</exception>
    public static List<KeyValuePair<string, object?>>? Read(object? value, string option = "options")
    {
        switch (Unwrap(value))
        {
            case null:
                return null;
            case JObject jo:
                return jo.Properties().Select(p => new KeyValuePair<string, object?>(p.Name, Unwrap(p.Value))).ToList();
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return pairs.Select(p => new KeyValuePair<string, object?>(p.Key, Unwrap(p.Value))).ToList();
            case IDictionary dictionary:
                var list = new List<KeyValuePair<string, object?>>(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    list.Add(new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, Unwrap(entry.Value)));
                }

                return list;
            case var other:
                var props = Properties.GetOrAdd(other.GetType(), ReadableProperties);
                if (props is null)
                {
                    return null;
                }

                if (ReferenceEquals(props, TrimmedAway))
                {
                    throw TrimmedOption(other.GetType(), option);
                }

                var read = new List<KeyValuePair<string, object?>>(props.Length);
                foreach (var p in props)
                {
                    read.Add(new KeyValuePair<string, object?>(p.Name, Unwrap(GetValue(p, other, option))));
                }

                return read;
        }
    }

    /// <summary>Whether <paramref name="value"/> is a list (an enumerable that is neither text nor a map).</summary>
    public static bool IsList(object? value) =>
        Unwrap(value) is IEnumerable e && e is not string && e is not JObject && e is not IDictionary && e is not IEnumerable<KeyValuePair<string, object?>>;

    /// <summary>The items of a list, JSON values unwrapped.</summary>
    public static IEnumerable<object?> Items(object value)
    {
        foreach (var item in (IEnumerable)Unwrap(value)!)
        {
            yield return Unwrap(item);
        }
    }

    /// <summary>Unwraps JSON scalars to their CLR value; a JSON null becomes <c>null</c>.</summary>
    public static object? Unwrap(object? value) => value switch
    {
        JValue j => j.Value,
        JToken { Type: JTokenType.Null or JTokenType.Undefined } => null,
        _ => value,
    };

    /// <summary>
    /// Whether values of <paramref name="type"/> cannot be sent in any option: delegates, reflection objects
    /// (<see cref="Type"/>, <see cref="MethodInfo"/>…), streams, pointers, tasks, wait handles, cancellation tokens.
    /// </summary>
    public static bool IsUnsupported(Type type) => Unsupported.GetOrAdd(type, t => UnsupportedTypes.Any(u => u.IsAssignableFrom(t)));

    /// <summary>
    /// Whether <paramref name="type"/> is an anonymous type with fewer readable properties than it was compiled with
    /// (one per generic argument): the trimmer of a trimmed or NativeAOT application removed them, so reading or
    /// serialising it would silently drop values.
    /// </summary>
    /// <param name="type">The type of an option value.</param>
    public static bool IsTrimmed(Type type) => Trimmed.GetOrAdd(type, t => IsTrimmedShape(t.Name, Arity(t), PublicReadable(t).Length));

    /// <summary>
    /// Whether <c>json</c> refuses values of <paramref name="type"/>: <see cref="IsUnsupported"/> or <see cref="IsTrimmed"/>,
    /// answered from one cache (the serializer asks for every value it writes).
    /// </summary>
    /// <param name="type">The type of a value in the <c>json</c> option.</param>
    public static bool IsRefusedInJson(Type type) => RefusedInJson.GetOrAdd(type, t => IsUnsupported(t) || (t.IsGenericType && IsTrimmed(t)));

    /// <summary>Whether a type named <paramref name="name"/> is an anonymous type of <paramref name="arity"/> members of which only <paramref name="readable"/> are left.</summary>
    /// <param name="name">The type's name, e.g. <c>&lt;&gt;f__AnonymousType0`2</c> (C#) or <c>VB$AnonymousType_0`2</c>.</param>
    /// <param name="arity">Its number of generic arguments: an anonymous type has one per member.</param>
    /// <param name="readable">Its readable public instance properties.</param>
    public static bool IsTrimmedShape(string name, int arity, int readable) =>
        (name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal) || name.StartsWith("VB$AnonymousType", StringComparison.Ordinal)) && readable < arity;

    /// <summary>The refusal of an option value whose anonymous type lost its properties to the trimmer.</summary>
    /// <param name="type">The value's type.</param>
    /// <param name="option">The option it was given as (the exception's <c>ParamName</c>).</param>
    public static InvalidArgumentException TrimmedOption(Type type, string option) =>
        new(
            $"The `{option}` option is an anonymous object from the assembly {type.Assembly.GetName().Name} whose properties this trimmed or NativeAOT "
            + $"application removed ({PublicReadable(type).Length} of {Arity(type)} left), so its values would be lost: keep that assembly whole "
            + "(ChainPayAllowTrimming=true keeps the application's own; <TrimmerRootAssembly Include=\"…\" /> any other, docs/getting-started.md#trimming-and-nativeaot).",
            option);

    /// <summary>What an unsupported value is, for a message: <c>a Type</c>, <c>a delegate</c>, <c>a MemoryStream</c>.</summary>
    public static string Describe(object value) => value switch
    {
        Type => "a Type",
        MemberInfo => "a " + nameof(MemberInfo),
        Delegate => "a delegate",
        _ => "a " + value.GetType().Name,
    };

    /// <summary>
    /// Refuses a <c>query</c>, <c>xml</c>, header or placeholder value that cannot be sent: one that contains itself,
    /// nests lists and maps more than <see cref="MaxDepth"/> levels deep, holds an unsupported value
    /// (<see cref="IsUnsupported"/>) or has a property getter that throws.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="option">The option or placeholder name, used as the exception's <c>ParamName</c>.</param>
    /// <exception cref="InvalidArgumentException">The value cannot be sent.</exception>
    public static void Check(object? value, string option) => Check(value, option, new List<object>(), new List<string>());

    private static void Check(object? value, string option, List<object> enclosing, List<string> keys)
    {
        value = Unwrap(value);
        if (value is null or string)
        {
            return;
        }

        if (IsUnsupported(value.GetType()))
        {
            throw new InvalidArgumentException(
                $"The `{option}` option holds {Describe(value)} at `{Path(option, keys)}`, which cannot be sent: use text, numbers, booleans, lists and maps.", option);
        }

        var list = IsList(value);
        var pairs = list ? null : Read(value, option);
        if (!list && pairs is null)
        {
            return; // a scalar
        }

        if (enclosing.Count >= MaxDepth)
        {
            throw new InvalidArgumentException(
                $"The `{option}` option nests lists and maps more than {MaxDepth} levels deep at `{Path(option, keys)}`; ChainPay refuses deeper values.", option);
        }

        if (enclosing.Any(e => ReferenceEquals(e, value)))
        {
            throw new InvalidArgumentException(
                $"The `{option}` option refers to itself: `{Path(option, keys)}` is a list or map that contains itself (a cycle), which cannot be sent.", option);
        }

        enclosing.Add(value);
        var i = 0;
        foreach (var pair in pairs ?? Items(value).Select(v => new KeyValuePair<string, object?>((i++).ToString(CultureInfo.InvariantCulture), v)))
        {
            keys.Add(pair.Key);
            Check(pair.Value, option, enclosing, keys);
            keys.RemoveAt(keys.Count - 1);
        }

        enclosing.RemoveAt(enclosing.Count - 1);
    }

    private static string Path(string option, List<string> keys) => option + string.Concat(keys.Select(k => "[" + k + "]"));

    private static object? GetValue(PropertyInfo property, object target, string option)
    {
        try
        {
            return property.GetValue(target);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidArgumentException(
                $"Reading the property `{property.Name}` of {target.GetType().Name} in the `{option}` option threw {e.InnerException.GetType().Name}.", option, e.InnerException);
        }
    }

    private static PropertyInfo[]? ReadableProperties(Type type)
    {
        // Dates, GUIDs, time spans, URIs are scalars: read as maps, DateTime.Date alone would nest without end.
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || typeof(IFormattable).IsAssignableFrom(type)
            || type == typeof(Uri) || typeof(IEnumerable).IsAssignableFrom(type) || typeof(JToken).IsAssignableFrom(type))
        {
            return null;
        }

        var props = PublicReadable(type);
        if (IsTrimmedShape(type.Name, Arity(type), props.Length))
        {
            return TrimmedAway;
        }

        return props.Length == 0 && type.IsValueType ? null : props;
    }

    // The properties an options bag is read by: public, readable, not indexers.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = ChainPay.Util.Trimming.OptionsJustification)]
    private static PropertyInfo[] PublicReadable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();

    // An anonymous type has one generic argument per member.
    private static int Arity(Type type) => type.IsGenericType ? type.GetGenericArguments().Length : 0;
}
