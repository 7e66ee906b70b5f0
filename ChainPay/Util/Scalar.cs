using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ChainPay.Util;

/// <summary>Turns scalar values into text the way PHP's string cast does (<c>true</c> ⇒ <c>1</c>, <c>false</c>/<c>null</c> ⇒ empty).</summary>
internal static class Scalar
{
    // Newtonsoft.Json's default ISO 8601 date format (K: Z, the offset, or nothing for an unspecified DateTime).
    private const string IsoDate = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK";

    /// <summary>Whether <paramref name="value"/> is a scalar (string, number, bool, char, enum) rather than a list or a map.</summary>
    public static bool IsScalar(object? value) => value switch
    {
        null => true,
        string or bool or char or Enum => true,
        JValue => true,
        IConvertible => true,
        _ => false,
    };

    /// <summary>
    /// PHP-style string cast: bools become <c>1</c>/empty, numbers use the invariant culture in their shortest form
    /// (<c>100.0</c> and <c>100.00m</c> ⇒ <c>100</c>, <c>1.50m</c> ⇒ <c>1.5</c>, doubles round-trip), dates ISO 8601
    /// as Newtonsoft.Json writes them (<c>2018-06-08T10:34:56+08:00</c>).
    /// </summary>
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "1" : string.Empty,
        JValue j => ToText(j.Value),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => Shortest(m).ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString(IsoDate, CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString(IsoDate, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary><paramref name="value"/> without trailing zeros in its fraction: <c>100.00m</c> ⇒ <c>100</c>, <c>1.50m</c> ⇒ <c>1.5</c>.</summary>
    public static decimal Shortest(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Like <see cref="ToText"/> but <c>false</c> becomes <c>0</c>, as PHP's <c>http_build_query</c> writes it.</summary>
    public static string ToQueryText(object? value) => value is false || (value is JValue { Value: false }) ? "0" : ToText(value);
}
