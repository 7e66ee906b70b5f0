using System.Text;
using ChainPay.Chaining;
using ChainPay.Util;
using Flurl.Http;
using Newtonsoft.Json;

namespace ChainPay.Http;

/// <summary>
/// The one client all chain nodes of a <see cref="Builder.Factory(BuilderOptions)"/> instance share: turns a
/// template and an options bag into a Flurl request, which the <see cref="RequestSigner"/> signs in
/// <c>BeforeCall</c> and the <see cref="ResponseVerifier"/> checks in <c>AfterCall</c>.
/// </summary>
internal sealed class ApiClient
{
    private static readonly JsonSerializerSettings JsonSettings = new() { DateParseHandling = DateParseHandling.None };
    private static readonly HttpMethod Patch = new("PATCH");

    private readonly IFlurlClient flurl;
    private readonly string baseUri;

    /// <summary>Creates the client; <paramref name="flurl"/> is configured here (events, serializer, redirects).</summary>
    public ApiClient(IFlurlClient flurl, string baseUri, RequestSigner signer, ResponseVerifier verifier)
    {
        this.flurl = flurl;
        this.baseUri = baseUri;
        flurl.Settings.AllowedHttpStatusRange = "*";
        flurl.Settings.Redirects.Enabled = false;
        flurl.Settings.JsonSerializer = new NewtonsoftJsonSerializer(JsonSettings);
        flurl.BeforeCall(call => signer.SignAsync(call.HttpRequestMessage));
        flurl.AfterCall(verifier.VerifyAsync);
    }

    /// <summary>The HTTP method of a verb name (<c>Get</c>, <c>post</c>, …), or <c>null</c>.</summary>
    public static HttpMethod? MethodOf(string verb) => verb.ToUpperInvariant() switch
    {
        "GET" => HttpMethod.Get,
        "PUT" => HttpMethod.Put,
        "POST" => HttpMethod.Post,
        "PATCH" => Patch,
        "DELETE" => HttpMethod.Delete,
        _ => null,
    };

    /// <summary>Expands, builds, signs, sends and verifies one request.</summary>
    public async Task<IFlurlResponse> SendAsync(HttpMethod method, UriTemplate template, object? options, CancellationToken cancellationToken)
    {
        var prepared = Prepare(method, template, options);
        var content = await BuildContentAsync(prepared.Options, prepared.ContentType, cancellationToken).ConfigureAwait(false);
        return await prepared.Request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Everything that can fail on bad input, done before anything is sent.</summary>
    internal (IFlurlRequest Request, RequestOptions Options, string? ContentType) Prepare(HttpMethod method, UriTemplate template, object? options)
    {
        var parsed = RequestOptions.From(options);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var path = template.Expand(parsed.Variables, used);
        var unknown = parsed.Variables.Keys.Where(k => !used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidArgumentException(
                $"Unknown option key(s) {string.Join(", ", unknown.Select(k => "`" + k + "`"))}: not a placeholder of `{template.Text}` "
                + $"nor one of {string.Join(", ", RequestOptions.ReservedKeys)}.",
                unknown[0]);
        }

        if (path.Length >= 3 && string.Compare(path, 0, "v2/", 0, 3, StringComparison.OrdinalIgnoreCase) == 0)
        {
            throw new InvalidOperationException(
                $"`{path}` is an APIv2 (XML) call: it needs the APIv2 client and the APIv2 key `Secret`, and this version of ChainPay has no APIv2 client yet. Nothing was sent.");
        }

        foreach (var v2Only in new[] { ("xml", parsed.Xml), ("security", parsed.Security), ("nonceless", parsed.Nonceless) })
        {
            if (v2Only.Item2 is not null)
            {
                throw new InvalidArgumentException($"`{v2Only.Item1}` is an APIv2 option; `{path}` is an APIv3 call. Use `json` or `body` for APIv3.", v2Only.Item1);
            }
        }

        var request = flurl.Request(Resolve(parsed.BaseUri ?? baseUri, path, parsed.Query));
        string? contentType = null;
        foreach (var header in parsed.Headers)
        {
            var value = HeaderValue(header.Key, header.Value);
            if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (!IsComputed(header.Key))
            {
                request.WithHeader(header.Key, value);
            }
        }

        return (request, parsed, contentType);
    }

    /// <summary>Resolves the expanded path against the base URI (RFC 3986) and applies the <c>query</c> option.</summary>
    internal static string Resolve(string baseUri, string path, object? query)
    {
        if (path.StartsWith("//", StringComparison.Ordinal) || HasScheme(path))
        {
            throw new InvalidArgumentException(
                $"`{path}` is an absolute URL; ChainPay only signs requests to its base URI. Set `base_uri` (or BuilderOptions.BaseUri) for another WeChat Pay host.",
                "base_uri");
        }

        var authorityEnd = baseUri.IndexOf('/', baseUri.IndexOf("//", StringComparison.Ordinal) + 2);
        string url;
        if (path.StartsWith("/", StringComparison.Ordinal))
        {
            url = (authorityEnd < 0 ? baseUri : baseUri.Substring(0, authorityEnd)) + path;
        }
        else
        {
            var lastSlash = baseUri.LastIndexOf('/');
            url = (authorityEnd < 0 ? baseUri + "/" : baseUri.Substring(0, lastSlash + 1)) + path;
        }

        if (query is null)
        {
            return url;
        }

        var hash = url.IndexOf('#');
        if (hash >= 0)
        {
            url = url.Substring(0, hash);
        }

        var mark = url.IndexOf('?');
        var without = mark < 0 ? url : url.Substring(0, mark);
        var built = QueryString.Build(query);
        return built.Length == 0 ? without : without + "?" + built;
    }

    /// <summary>Headers ChainPay computes itself: a caller's value is dropped (the signer owns <c>Authorization</c>).</summary>
    internal static bool IsComputed(string name) =>
        string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase);

    private static bool HasScheme(string path)
    {
        var colon = path.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var scheme = path.Substring(0, colon);
        return char.IsLetter(scheme[0]) && scheme.All(c => char.IsLetterOrDigit(c) || c == '+' || c == '-' || c == '.') && path.IndexOf('/') > colon;
    }

    private static string HeaderValue(string name, object? value)
    {
        var text = PropertyBag.IsList(value)
            ? string.Join(", ", PropertyBag.Items(value!).Select(Scalar.ToText))
            : Scalar.ToText(value);
        if (text.IndexOf('\r') >= 0 || text.IndexOf('\n') >= 0 || name.Length == 0 || name.Any(c => c <= ' ' || c == ':'))
        {
            throw new InvalidArgumentException($"The header `{name}` has a name or value that cannot be sent (line breaks, spaces or colons).", name);
        }

        return text;
    }

    private static async Task<HttpContent?> BuildContentAsync(RequestOptions options, string? contentType, CancellationToken cancellationToken)
    {
        if (options.Json is not null)
        {
            var json = Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(options.Json, JsonSettings));
            return new SignedContent(json, contentType ?? "application/json");
        }

        byte[] bytes;
        switch (options.Body)
        {
            case null:
                return null;
            case MediaUtil media:
                return media.ToContent(); // multipart bytes with their own boundary, signed over the meta JSON
            case string s:
                bytes = Encoding.UTF8.GetBytes(s);
                break;
            case byte[] b:
                bytes = b;
                break;
            case Stream stream:
                using (var buffer = new MemoryStream())
                {
                    await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                    bytes = buffer.ToArray();
                }

                break;
            default:
                throw new InvalidArgumentException(
                    $"The `body` option must be a string, a byte[], a Stream or a MediaUtil, not {options.Body.GetType().Name}; use `json` for objects.", "body");
        }

        return new SignedContent(bytes, contentType ?? "application/json; charset=utf-8");
    }
}
