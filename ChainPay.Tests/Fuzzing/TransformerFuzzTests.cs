using System.Text;
using ChainPay.Xml;

namespace ChainPay.Tests.Fuzzing;

/// <summary>
/// <see cref="Transformer.ToArray"/> over random and hostile XML, with a fixed seed: it returns a dictionary of
/// strings, dictionaries and lists, or raises <see cref="InvalidArgumentException"/> (ParamName <c>xml</c>) — nothing else.
/// </summary>
[Category("slow")]
public class TransformerFuzzTests
{
    private const int Iterations = 4_000;
    private const int Seed = 20261124;

    private static readonly string[] Tokens =
    {
        "<xml>", "</xml>", "<a>", "</a>", "<a/>", "<b x=\"1\" y='2'>", "</b>", "<p:a xmlns:p=\"urn:p\" p:z=\"1\">", "</p:a>",
        "<![CDATA[", "]]>", "<!--", "-->", "<!---->", "<?pi ", "?>", "<?xml version=\"1.0\"?>", "<?xml-stylesheet href=\"x\"?>",
        "<!DOCTYPE x [<!ENTITY e \"v\"><!ENTITY % p \"q\">]>", "<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\">", "<!DOCTYPE", "]>",
        "&e;", "&amp;", "&lt;", "&#0;", "&#65;", "&#x10FFFF;", "&#xD800;", "&#xFFFFFFFF;", "&", "<", ">", "</", "/>", "=", "\"", "'",
        " ", "\n", "\r\n", "\r", "\t", "text", "中文", "😀", "\uD800", "\uDFFF", "\u0001", "\u0000", "\uFFFE", "\uFEFF", "xmlns=\"urn:d\"",
        "<return_code><![CDATA[SUCCESS]]></return_code>", "<sign>C380BEC2BFD727A4B6845133519F3AD6</sign>", "<a>1</a><a>2</a>",
    };

    private const string Replacements = "<>/&;\"'=![]?-x \u0000";

    private const string Valid = "<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg>OK</return_msg><d a=\"1\"><e>x</e><e>y</e></d><sign>C380BEC2BFD727A4B6845133519F3AD6</sign></xml>";

    [Test]
    public void ToArray_RandomAndHostileXml_GivesAMapOrRaisesInvalidArgument()
    {
        var random = new Random(Seed);
        int parsed = 0, empty = 0, refused = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var xml = (i % 3) switch
            {
                0 => Soup(random),
                1 => Mutate(random, Valid),
                _ => Tree(random),
            };

            try
            {
                var data = Transformer.ToArray(xml);
                CheckShape(data, 1, xml);
                if (data.Count == 0)
                {
                    empty++;
                }
                else
                {
                    parsed++;
                }
            }
            catch (InvalidArgumentException e) when (e.ParamName == "xml")
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().Name} ({e.Message}) for {Printable(xml)}");
            }
        }

        // Each outcome is reached often, so the property is really exercised.
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.GreaterThan(Iterations / 10), "parsed");
            Assert.That(empty, Is.GreaterThan(Iterations / 10), "empty (malformed)");
            Assert.That(refused, Is.GreaterThan(Iterations / 100), "refused (too deep)");
        });
    }

    private static void CheckShape(IDictionary<string, object?> map, int depth, string xml)
    {
        Assert.That(depth, Is.LessThanOrEqualTo(XmlArrayReader.MaxDepth), Printable(xml));
        foreach (var pair in map)
        {
            Assert.That(pair.Key, Is.Not.Null);
            if (pair.Value is List<object?> list)
            {
                Assert.That(list, Has.Count.GreaterThan(1));
                foreach (var item in list)
                {
                    CheckValue(item, depth, xml, inList: true);
                }
            }
            else
            {
                CheckValue(pair.Value, depth, xml, inList: false);
            }
        }
    }

    private static void CheckValue(object? value, int depth, string xml, bool inList)
    {
        switch (value)
        {
            case string:
                break;
            case IDictionary<string, object?> nested:
                CheckShape(nested, depth + 1, xml);
                break;
            default:
                Assert.Fail($"{(inList ? "list item" : "value")} {value?.GetType().Name ?? "null"} for {Printable(xml)}");
                break;
        }
    }

    /// <summary>1 to 40 tokens in any order.</summary>
    private static string Soup(Random random)
    {
        var sb = new StringBuilder();
        for (int n = random.Next(1, 41); n > 0; n--)
        {
            sb.Append(Tokens[random.Next(Tokens.Length)]);
        }

        return sb.ToString();
    }

    /// <summary>A valid answer with 1 to 4 characters inserted, deleted, replaced or a slice repeated.</summary>
    private static string Mutate(Random random, string xml)
    {
        var sb = new StringBuilder(xml);
        for (int n = random.Next(1, 5); n > 0 && sb.Length > 0; n--)
        {
            int at = random.Next(sb.Length);
            switch (random.Next(4))
            {
                case 0:
                    sb.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 1:
                    sb.Remove(at, Math.Min(random.Next(1, 8), sb.Length - at));
                    break;
                case 2:
                    sb[at] = Replacements[random.Next(Replacements.Length)];
                    break;
                default:
                    var slice = sb.ToString(at, Math.Min(random.Next(1, 30), sb.Length - at));
                    sb.Insert(at, slice);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A random tree (well-formed when deep, a few deeper than the limit); shallow ones get hostile tokens.</summary>
    private static string Tree(Random random)
    {
        int depth = random.Next(20) == 0 ? random.Next(XmlArrayReader.MaxDepth - 5, XmlArrayReader.MaxDepth + 50) : random.Next(1, 6);
        var sb = new StringBuilder();
        var open = new Stack<string>();
        for (int level = 0; level < depth; level++)
        {
            var name = "abcp"[random.Next(4)].ToString();
            sb.Append('<').Append(name);
            if (random.Next(3) == 0)
            {
                sb.Append(" at=\"").Append(random.Next(100)).Append('"');
            }

            sb.Append('>');
            if (random.Next(3) == 0)
            {
                sb.Append(depth < 10 ? Tokens[random.Next(Tokens.Length)] : "t<!--c--><?pi d?><![CDATA[<&>]]>");
            }

            open.Push(name);
        }

        while (open.Count > 0)
        {
            sb.Append("</").Append(open.Pop()).Append('>');
            if (random.Next(4) == 0)
            {
                sb.Append("<s>").Append(random.Next(10)).Append("</s>");
            }
        }

        return sb.ToString();
    }

    private static string Printable(string xml)
    {
        var text = xml.Length > 300 ? xml.Substring(0, 300) + "…" : xml;
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(c < ' ' || char.IsSurrogate(c) || c >= '\uFFFE' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return sb.ToString();
    }
}
