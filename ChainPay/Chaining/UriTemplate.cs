using System.Text;
using ChainPay.Util;

namespace ChainPay.Chaining;

/// <summary>
/// An RFC 6570 URI template (levels 1–4) parsed once, expanded per request with ChainPay's stricter rules:
/// every placeholder needs a value, a value fills exactly one path segment, dot segments are refused.
/// </summary>
internal sealed partial class UriTemplate
{
    private const int MaxCachedCapacity = 1024;

    [ThreadStatic]
    private static StringBuilder? cachedBuilder;

    private readonly object[] parts; // string literal or Expression
    private readonly string[] names;

    private UriTemplate(string text, object[] parts, string[] names)
    {
        Text = text;
        this.parts = parts;
        this.names = names;
        VariableNames = names;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The names of all placeholders, in order of appearance.</summary>
    public IReadOnlyList<string> VariableNames { get; }

    /// <summary>Parses <paramref name="text"/>; a <c>{…}</c> without a closing brace or with nothing inside stays literal.</summary>
    public static UriTemplate Parse(string text)
    {
        var parts = new List<object>();
        var names = new List<string>();
        var pos = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf('{', pos);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                parts.Add(text.Substring(pos));
                break;
            }

            if (close == open + 1)
            {
                parts.Add(text.Substring(pos, close + 1 - pos));
                pos = close + 1;
                continue;
            }

            if (open > pos)
            {
                parts.Add(text.Substring(pos, open - pos));
            }

            var expression = Expression.Parse(text.Substring(open + 1, close - open - 1));
            names.AddRange(expression.Variables.Select(v => v.Name));
            parts.Add(expression);
            pos = close + 1;
        }

        return new UriTemplate(text, parts.ToArray(), names.ToArray());
    }

    /// <summary>Expands the template; each placeholder name filled is added to <paramref name="used"/>.</summary>
    /// <exception cref="InvalidArgumentException">A placeholder has no value, or a value is a dot segment or not expandable.</exception>
    public string Expand(IReadOnlyDictionary<string, object?> variables, ISet<string>? used)
    {
        // One builder per thread, reused: expanding allocates the path alone. Not returned when expanding throws.
        var sb = cachedBuilder ?? new StringBuilder(Text.Length + 32);
        cachedBuilder = null;
        foreach (var part in parts)
        {
            if (part is string literal)
            {
                sb.Append(literal);
            }
            else
            {
                ((Expression)part).Expand(sb, variables, used, Text);
            }
        }

        var path = sb.ToString();
        if (sb.Capacity <= MaxCachedCapacity)
        {
            cachedBuilder = sb.Clear();
        }

        return path;
    }

    /// <summary>
    /// Expands the template. Every placeholder is filled when this returns (else it throws), so the names used are
    /// exactly <see cref="VariableNames"/>.
    /// </summary>
    /// <exception cref="InvalidArgumentException">A placeholder has no value, or a value is a dot segment or not expandable.</exception>
    public string Expand(IReadOnlyDictionary<string, object?> variables) => Expand(variables, null);

    /// <summary>Whether <paramref name="name"/> is one of <see cref="VariableNames"/> (ordinal).</summary>
    public bool HasVariable(string name) => Array.IndexOf(names, name) >= 0;

    /// <inheritdoc />
    public override string ToString() => Text;
}
