using ChainPay.Chaining;
using ChainPay.Util;

namespace ChainPay.Http;

/// <summary>
/// What may go into a request header (RFC 9110 §5): a name that is a token, a value of visible ASCII, spaces and tabs.
/// Checked for <see cref="BuilderOptions.Headers"/> in <see cref="Builder.Factory(BuilderOptions)"/> and for the
/// <c>headers</c> option before anything is sent, so bad input is an <see cref="InvalidArgumentException"/>, never a
/// transport failure that <see cref="BuilderOptions.Retry"/> would send again.
/// </summary>
internal static class HeaderRules
{
    private const string TokenSymbols = "!#$%&'*+-.^_`|~";

    /// <summary>Headers ChainPay computes itself: a caller's value is dropped (the signer owns <c>Authorization</c>).</summary>
    public static bool IsComputed(string name) =>
        string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The <c>headers</c> option as pairs to send, the computed ones dropped, and its <c>Content-Type</c> apart.
    /// </summary>
    /// <exception cref="InvalidArgumentException">A name or a value cannot be sent; <see cref="ArgumentException.ParamName"/> is the header's name.</exception>
    public static List<KeyValuePair<string, string>> ToSend(IReadOnlyList<KeyValuePair<string, object?>> headers, out string? contentType)
    {
        contentType = null;
        var result = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var header in headers)
        {
            var value = Text(header.Key, header.Value, header.Key.Length == 0 ? "headers" : header.Key, "The header");
            if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (!IsComputed(header.Key))
            {
                result.Add(new KeyValuePair<string, string>(header.Key, value));
            }
        }

        return result;
    }

    /// <summary>
    /// The text of one header: a scalar as PHP casts it, a list of scalars joined with <c>", "</c>; a map, a list of
    /// lists or of maps is refused, as are names that are not tokens and values with control or non-ASCII characters.
    /// </summary>
    /// <param name="name">The header's name.</param>
    /// <param name="value">Its value.</param>
    /// <param name="paramName">What <see cref="ArgumentException.ParamName"/> names on failure.</param>
    /// <param name="what">How the message names the header, e.g. <c>The header</c> or <c>The header in `Headers`</c> (followed by the name).</param>
    public static string Text(string name, object? value, string paramName, string what)
    {
        if (name.Length == 0 || !name.All(IsTokenChar))
        {
            throw new InvalidArgumentException(
                $"{what} `{name}` has a name that is not an RFC 9110 token (letters, digits and {TokenSymbols}; no spaces, colons, brackets or non-ASCII).", paramName);
        }

        string text;
        if (PropertyBag.IsList(value))
        {
            var items = PropertyBag.Items(value!).ToList();
            text = items.All(i => !PropertyBag.IsList(i) && IsText(i))
                ? string.Join(", ", items.Select(Scalar.ToText))
                : throw new InvalidArgumentException($"{what} `{name}` is a list holding a list or a map; a header value is text, a number or a list of those.", paramName);
        }
        else
        {
            text = IsText(value)
                ? Scalar.ToText(value)
                : throw new InvalidArgumentException($"{what} `{name}` is a map ({value!.GetType().Name}); a header value is text, a number or a list of those.", paramName);
        }

        CheckValue(name, text, paramName, what);
        return text;
    }

    /// <summary>Refuses a value with a control character (any but HTAB) or a non-ASCII character; the value itself is never echoed.</summary>
    public static void CheckValue(string name, string text, string paramName, string what)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > '~')
            {
                throw c == '\u007F'
                    ? ControlCharacter(name, c, i, paramName, what)
                    : new InvalidArgumentException(
                        $"{what} `{name}` has the non-ASCII character U+{(int)c:X4} at position {i}; header values are ASCII: encode it (e.g. percent-encoding or Base64) first.", paramName);
            }

            if (c < ' ' && c != '\t')
            {
                throw ControlCharacter(name, c, i, paramName, what);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> reads as text in a header: a scalar, or an object with its own <c>ToString</c>
    /// (a <see cref="Uri"/>, a <see cref="Guid"/>, a <see cref="DateTimeOffset"/>). Maps — dictionaries, JSON objects,
    /// anonymous objects — and objects that would be sent as their type name are not.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = ChainPay.Util.Trimming.OptionsJustification)]
    public static bool IsText(object? value)
    {
        var bare = PropertyBag.Unwrap(value);
        if (Scalar.IsScalar(bare))
        {
            return true;
        }

        if (bare is Newtonsoft.Json.Linq.JToken or System.Collections.IDictionary or IEnumerable<KeyValuePair<string, object?>>)
        {
            return false;
        }

        var type = bare!.GetType();
        var declaring = type.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType; // null only where trimming removed it: not text then
        return declaring is not null && declaring != typeof(object) && declaring != typeof(ValueType)
            && !(type.Name.Contains("AnonymousType") && type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false));
    }

    private static InvalidArgumentException ControlCharacter(string name, char c, int position, string paramName, string what) =>
        new($"{what} `{name}` has the control character U+{(int)c:X4} at position {position} (a line break, NUL or another CTL), which cannot be sent in a header.", paramName);

    private static bool IsTokenChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TokenSymbols.IndexOf(c) >= 0;
}
