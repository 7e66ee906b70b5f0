using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ChainPay.Util;

/// <summary>Turns scalar values into text the way PHP's string cast does (<c>true</c> ⇒ <c>1</c>, <c>false</c>/<c>null</c> ⇒ empty).</summary>
internal static class Scalar
{
    /// <summary>Whether <paramref name="value"/> is a scalar (string, number, bool, char, enum) rather than a list or a map.</summary>
    public static bool IsScalar(object? value) => value switch
    {
        null => true,
        string or bool or char or Enum => true,
        JValue => true,
        IConvertible => true,
        _ => false,
    };

    /// <summary>PHP-style string cast: bools become <c>1</c>/empty, numbers use the invariant culture.</summary>
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "1" : string.Empty,
        JValue j => ToText(j.Value),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Like <see cref="ToText"/> but <c>false</c> becomes <c>0</c>, as PHP's <c>http_build_query</c> writes it.</summary>
    public static string ToQueryText(object? value) => value is false || (value is JValue { Value: false }) ? "0" : ToText(value);
}
