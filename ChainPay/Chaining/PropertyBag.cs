using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace ChainPay.Chaining;

/// <summary>
/// Reads the key/value pairs of an options bag or a nested map: an anonymous object (or any object with public
/// properties), a dictionary, an <c>ExpandoObject</c> or a <see cref="JObject"/>.
/// </summary>
internal static class PropertyBag
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]?> Properties = new();

    /// <summary>The pairs of a map-like <paramref name="value"/>, or <c>null</c> when it is a scalar or a list.</summary>
    public static List<KeyValuePair<string, object?>>? Read(object? value)
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
                    list.Add(new KeyValuePair<string, object?>(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, Unwrap(entry.Value)));
                }

                return list;
            case var other:
                var props = Properties.GetOrAdd(other.GetType(), ReadableProperties);
                return props?.Select(p => new KeyValuePair<string, object?>(p.Name, Unwrap(p.GetValue(other)))).ToList();
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

    private static PropertyInfo[]? ReadableProperties(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || typeof(IEnumerable).IsAssignableFrom(type) || typeof(JToken).IsAssignableFrom(type))
        {
            return null;
        }

        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .ToArray();
        return props.Length == 0 && type.IsValueType ? null : props;
    }
}
