namespace ChainPay.Http;

/// <summary>
/// Reads one header of an answer the way <see cref="System.Net.Http.Headers.HttpHeaders.TryGetValues(string, out IEnumerable{string})"/>
/// returns it, without its string array and enumerator: on .NET 8 and later through
/// <c>HttpHeaders.NonValidated</c>, which for these headers (no parser of their own)
/// holds the same values as the validated view, line breaks and all.
/// </summary>
internal static class AnswerHeader
{
    /// <summary>
    /// The first value of <paramref name="name"/>, or <c>null</c> when the answer has none; sets
    /// <paramref name="duplicated"/> to <paramref name="name"/> (unless already set) when it has more than one.
    /// </summary>
    public static string? Single(HttpResponseMessage response, string name, ref string? duplicated)
    {
#if NETSTANDARD2_0
        if (!response.Headers.TryGetValues(name, out var values))
        {
            return null;
        }
#else
        if (!response.Headers.NonValidated.TryGetValues(name, out var values))
        {
            return null;
        }
#endif

        string? first = null;
        var count = 0;
        foreach (var value in values)
        {
            first ??= value;
            count++;
        }

        if (count > 1)
        {
            duplicated ??= name;
        }

        return first;
    }
}
