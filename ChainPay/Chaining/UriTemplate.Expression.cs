using System.Text;
using ChainPay.Util;

namespace ChainPay.Chaining;

// The expressions of a template: `{var}`, `{+var}`, `{?a,b*}` … (RFC 6570 levels 1–4) and how each expands.
internal sealed partial class UriTemplate
{
    private sealed record VarSpec(string Name, int Prefix, bool Explode);

    private sealed class Expression
    {
        private Expression(char op, VarSpec[] variables)
        {
            Op = op;
            Variables = variables;
        }

        public char Op { get; }

        public VarSpec[] Variables { get; }

        private string First => Op switch { '+' or '\0' => string.Empty, _ => Op.ToString() };

        private string Separator => Op switch { '.' => ".", '/' => "/", ';' => ";", '?' or '&' => "&", _ => "," };

        private bool Named => Op is ';' or '?' or '&';

        private bool AllowReserved => Op is '+' or '#';

        private bool FillsPathSegment => Op is '\0' or '+' or '/';

        public static Expression Parse(string body)
        {
            var op = "+#./;?&".IndexOf(body[0]) >= 0 ? body[0] : '\0';
            var list = op == '\0' ? body : body.Substring(1);
            var specs = list.Split(',').Select(raw =>
            {
                var spec = raw.Trim();
                var explode = spec.EndsWith("*", StringComparison.Ordinal);
                if (explode)
                {
                    spec = spec.Substring(0, spec.Length - 1);
                }

                var prefix = 0;
                var colon = spec.LastIndexOf(':');
                if (colon > 0 && int.TryParse(spec.Substring(colon + 1), out var n) && n > 0)
                {
                    prefix = n;
                    spec = spec.Substring(0, colon);
                }

                return new VarSpec(spec, prefix, explode);
            }).ToArray();
            return new Expression(op, specs);
        }

        public void Expand(StringBuilder sb, IReadOnlyDictionary<string, object?> variables, ISet<string>? used, string template)
        {
            var first = true;
            foreach (var spec in Variables)
            {
                if (!variables.TryGetValue(spec.Name, out var raw) || PropertyBag.Unwrap(raw) is null)
                {
                    throw new InvalidArgumentException(
                        $"The placeholder `{{{spec.Name}}}` of `{template}` has no value: pass a non-null `{spec.Name}` in the options.",
                        spec.Name);
                }

                used?.Add(spec.Name);
                sb.Append(first ? First : Separator);
                first = false;
                ExpandValue(sb, spec, PropertyBag.Unwrap(raw)!, template);
            }
        }

        private void ExpandValue(StringBuilder sb, VarSpec spec, object value, string template)
        {
            var map = PropertyBag.IsList(value) ? null : PropertyBag.Read(value, spec.Name);
            if (map is null && !PropertyBag.IsList(value))
            {
                var text = Scalar.ToText(value);
                if (spec.Prefix > 0 && text.Length > spec.Prefix)
                {
                    text = Prefix(text, spec.Prefix);
                }

                Guard(spec, text, template);
                AppendNamed(sb, spec.Name, text);
                return;
            }

            var pairs = map ?? PropertyBag.Items(value).Select(v => new KeyValuePair<string, object?>(string.Empty, v)).ToList();
            if (pairs.Count == 0)
            {
                // RFC 6570 counts an empty list or map as undefined, like null: it would leave the segment empty.
                throw new InvalidArgumentException(
                    $"The placeholder `{{{spec.Name}}}` of `{template}` has no value (an empty list or map): pass a non-empty `{spec.Name}` in the options.",
                    spec.Name);
            }

            var isMap = map is not null;
            var texts = pairs.Select(p => new KeyValuePair<string, string>(p.Key, ItemText(spec, p.Value, template))).ToList();
            if (spec.Explode)
            {
                for (var i = 0; i < texts.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(Separator);
                    }

                    if (isMap)
                    {
                        PercentEncoding.Append(sb, texts[i].Key, AllowReserved).Append('=');
                        PercentEncoding.Append(sb, texts[i].Value, AllowReserved);
                    }
                    else
                    {
                        AppendNamed(sb, spec.Name, texts[i].Value);
                    }
                }

                return;
            }

            if (Named)
            {
                sb.Append(spec.Name).Append('=');
            }

            for (var i = 0; i < texts.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                if (isMap)
                {
                    PercentEncoding.Append(sb, texts[i].Key, AllowReserved).Append(',');
                }

                PercentEncoding.Append(sb, texts[i].Value, AllowReserved);
            }
        }

        /// <summary>The first <paramref name="max"/> characters (RFC 6570 §2.4.1: code points, so a surrogate pair is never cut in half).</summary>
        private static string Prefix(string text, int max)
        {
            var end = 0;
            for (var count = 0; count < max && end < text.Length; count++)
            {
                end += char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1]) ? 2 : 1;
            }

            return text.Substring(0, end);
        }

        private string ItemText(VarSpec spec, object? item, string template)
        {
            if (item is not null && !Scalar.IsScalar(item))
            {
                throw new InvalidArgumentException(
                    $"The placeholder `{{{spec.Name}}}` of `{template}` holds a nested list or map, which a URI cannot express.",
                    spec.Name);
            }

            var text = Scalar.ToText(item);
            Guard(spec, text, template);
            return text;
        }

        private void AppendNamed(StringBuilder sb, string name, string text)
        {
            if (Named)
            {
                sb.Append(name);
                if (text.Length == 0)
                {
                    sb.Append(Op == ';' ? string.Empty : "=");
                    return;
                }

                sb.Append('=');
            }

            PercentEncoding.Append(sb, text, AllowReserved);
        }

        private void Guard(VarSpec spec, string text, string template)
        {
            if (!FillsPathSegment)
            {
                return;
            }

            var segments = Op == '+' ? text.Split('/') : new[] { text };
            foreach (var segment in segments)
            {
                var decoded = segment.Replace("%2E", ".").Replace("%2e", ".");
                if (decoded == "." || decoded == "..")
                {
                    throw new InvalidArgumentException(
                        $"The placeholder `{{{spec.Name}}}` of `{template}` may not be the dot segment `{segment}`: it would change the path.",
                        spec.Name);
                }
            }
        }
    }
}
