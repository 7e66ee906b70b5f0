using ChainPay.Chaining;

namespace ChainPay.Http;

/// <summary>
/// One request's options bag split into the reserved keys and the placeholder values, as DESIGN §2.3 says:
/// <c>json</c>, <c>query</c>, <c>headers</c>, <c>body</c>, <c>xml</c>, <c>security</c>, <c>nonceless</c> and
/// <c>base_uri</c> are reserved; every other key fills the placeholder of the same name.
/// </summary>
internal sealed class RequestOptions
{
    private static readonly string[] Reserved = { "json", "query", "headers", "body", "xml", "security", "nonceless", "base_uri" };

    /// <summary>The reserved keys.</summary>
    public static readonly IReadOnlyList<string> ReservedKeys = Array.AsReadOnly(Reserved);

    private static readonly RequestOptions Empty = new();

    /// <summary>The <c>json</c> value; <c>null</c> when absent or null.</summary>
    public object? Json { get; private set; }

    /// <summary>The <c>query</c> value: a string or a map.</summary>
    public object? Query { get; private set; }

    /// <summary>The <c>headers</c> pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Headers { get; private set; } = Array.Empty<KeyValuePair<string, object?>>();

    /// <summary>The <c>body</c> value: a string, bytes, a stream or a <see cref="Util.MediaUtil"/>.</summary>
    public object? Body { get; private set; }

    /// <summary>The APIv2 <c>xml</c> value.</summary>
    public object? Xml { get; private set; }

    /// <summary>The APIv2 <c>security</c> value.</summary>
    public object? Security { get; private set; }

    /// <summary>The APIv2 <c>nonceless</c> value.</summary>
    public object? Nonceless { get; private set; }

    /// <summary>The per-request <c>base_uri</c>.</summary>
    public string? BaseUri { get; private set; }

    /// <summary>Placeholder values by name (ordinal).</summary>
    public PlaceholderValues Variables { get; private set; } = PlaceholderValues.Empty;

    /// <summary>A copy with <see cref="Body"/> replaced (a stream read into bytes once, for retries).</summary>
    public RequestOptions WithBody(object body)
    {
        var copy = (RequestOptions)MemberwiseClone();
        copy.Body = body;
        return copy;
    }

    /// <summary>Reads <paramref name="options"/>: <c>null</c>, an anonymous object, a dictionary or a JObject.</summary>
    /// <exception cref="InvalidArgumentException">
    /// The bag is not map-like, a reserved key has a value of the wrong kind, or a value cannot be sent (it contains
    /// itself, nests more than <see cref="PropertyBag.MaxDepth"/> levels, holds a delegate, a type, a stream…).
    /// </exception>
    public static RequestOptions From(object? options)
    {
        if (options is null)
        {
            return Empty;
        }

        var pairs = PropertyBag.Read(options, "options") ?? throw new InvalidArgumentException(
            $"The options must be an anonymous object, a dictionary or a JObject, not {options.GetType().Name}.", "options");
        var result = new RequestOptions();
        foreach (var pair in pairs)
        {
            var value = pair.Value;
            switch (pair.Key)
            {
                case "json": result.Json = ReadJson(value); break;
                case "query": result.Query = value is string ? value : Checked(value, "query"); break;
                case "headers": result.Headers = ReadHeaders(value); break;
                case "body": result.Body = value; break;
                case "xml": result.Xml = Checked(value, "xml"); break;
                case "security": result.Security = value; break;
                case "nonceless": result.Nonceless = value; break;
                case "base_uri": result.BaseUri = ReadBaseUri(value); break;
                default: PropertyBag.Check(value, pair.Key); break;
            }
        }

        if (result.Json is not null && result.Body is not null)
        {
            throw new InvalidArgumentException("Give either `json` or `body`, not both: a request has one body.", "body");
        }

        result.Variables = PlaceholderValues.Of(pairs, IsReserved);
        return result;
    }

    /// <summary>Whether <paramref name="key"/> is one of <see cref="ReservedKeys"/>.</summary>
    public static bool IsReserved(string key) => Array.IndexOf(Reserved, key) >= 0;

    private static IReadOnlyList<KeyValuePair<string, object?>> ReadHeaders(object? value)
    {
        if (value is null)
        {
            return Array.Empty<KeyValuePair<string, object?>>();
        }

        var headers = PropertyBag.Read(value, "headers") ?? throw new InvalidArgumentException(
            "The `headers` option must be a map of header names to values.", "headers");
        foreach (var header in headers)
        {
            PropertyBag.Check(header.Value, "headers"); // a cycle or an unsendable type names the option
            var items = PropertyBag.IsList(header.Value) ? PropertyBag.Items(header.Value!) : new[] { header.Value };
            if (PropertyBag.Read(header.Value, "headers") is not null || items.Any(item => PropertyBag.IsList(item) || PropertyBag.Read(item, "headers") is not null))
            {
                // A shape that is not a header value names the header, as every other header error does.
                throw new InvalidArgumentException(
                    $"The header `{header.Key}` holds a map or a nested list: a header value is text, a number or a list of them.", header.Key.Length == 0 ? "headers" : header.Key);
            }
        }

        return headers;
    }

    private static object? Checked(object? value, string option)
    {
        PropertyBag.Check(value, option);
        return value;
    }

    private static object? ReadJson(object? value)
    {
        if (value is string)
        {
            // JSON-encoding it again would send (and sign) a quoted string.
            throw new InvalidArgumentException(
                "The `json` option is a string, which would be sent JSON-encoded again as one quoted string: pass JSON you serialised yourself as `body` (a string, with a Content-Type header if needed), or an object as `json`.",
                "json");
        }

        return value;
    }

    private static string? ReadBaseUri(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value is Uri u ? u.OriginalString : value as string;
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
        {
            throw new InvalidArgumentException("The `base_uri` option must be an absolute http(s) URI, e.g. https://api2.mch.weixin.qq.com/.", "base_uri");
        }

        return text;
    }
}
