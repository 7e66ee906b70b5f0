using ChainPay.Util;

namespace ChainPay.Http;

/// <summary>
/// Turns an expanded template into the URL sent: resolved against the base URI (RFC 3986), the <c>query</c> option
/// applied, the fragment dropped (it is never sent), and made valid as guzzlehttp/psr7 does
/// (<see cref="PercentEncoding.EncodeTarget"/>: <c>[</c> ⇒ <c>%5B</c>, <c>%XX</c> kept as written). Absolute URLs and
/// dot segments are refused.
/// </summary>
internal static class RequestTarget
{
    private static readonly char[] QueryOrFragment = { '?', '#' };

    /// <summary>The URL for <paramref name="path"/> under <paramref name="baseUri"/>, with <paramref name="query"/> (if any) as its query.</summary>
    /// <exception cref="InvalidArgumentException">The path is an absolute URL or has a dot segment.</exception>
    public static string Resolve(string baseUri, string path, object? query)
    {
        if (path.StartsWith("//", StringComparison.Ordinal) || HasScheme(path))
        {
            throw new InvalidArgumentException(
                $"`{path}` is an absolute URL; ChainPay only signs requests to its base URI. Set `base_uri` (or BuilderOptions.BaseUri) for another WeChat Pay host.",
                "base_uri");
        }

        RefuseDotSegments(path);
        var authorityEnd = baseUri.IndexOf('/', baseUri.IndexOf("//", StringComparison.Ordinal) + 2);
        var authority = authorityEnd < 0 ? baseUri : baseUri.Substring(0, authorityEnd);
        var target = path.StartsWith("/", StringComparison.Ordinal) ? path
            : (authorityEnd < 0 ? "/" : baseUri.Substring(authorityEnd, baseUri.LastIndexOf('/') + 1 - authorityEnd)) + path;

        var hash = target.IndexOf('#');
        if (hash >= 0)
        {
            target = target.Substring(0, hash);
        }

        if (query is not null)
        {
            var mark = target.IndexOf('?');
            var without = mark < 0 ? target : target.Substring(0, mark);
            var built = QueryString.Build(query);
            target = built.Length == 0 ? without : without + "?" + built;
        }

        return authority + PercentEncoding.EncodeTarget(target);
    }

    /// <summary>
    /// Refuses <c>.</c> and <c>..</c> path segments (also percent-encoded), literal or expanded: URI resolution would
    /// remove them together with the segment before, silently sending the request elsewhere.
    /// </summary>
    /// <exception cref="InvalidArgumentException">A dot segment, with <c>ParamName</c> <c>path</c>.</exception>
    public static void RefuseDotSegments(string path)
    {
        var end = path.IndexOfAny(QueryOrFragment);
        if (end < 0)
        {
            end = path.Length;
        }

        for (var start = 0; start <= end;)
        {
            var slash = path.IndexOf('/', start, end - start);
            var stop = slash < 0 ? end : slash;
            if (IsDotSegment(path, start, stop))
            {
                var segment = path.Substring(start, stop - start);
                throw new InvalidArgumentException(
                    $"`{path}` has the dot segment `{segment}`, which URI resolution would remove together with the segment before it; write the path without it.", "path");
            }

            if (slash < 0)
            {
                break;
            }

            start = slash + 1;
        }
    }

    /// <summary>Whether <c>path[start..stop)</c> is <c>.</c> or <c>..</c>, each dot possibly written <c>%2E</c> or <c>%2e</c>.</summary>
    private static bool IsDotSegment(string path, int start, int stop)
    {
        var dots = 0;
        for (var i = start; i < stop; dots++)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path[i] == '%' && i + 2 < stop && path[i + 1] == '2' && (path[i + 2] == 'E' || path[i + 2] == 'e'))
            {
                i += 3;
            }
            else
            {
                return false;
            }
        }

        return dots is 1 or 2;
    }

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
}
