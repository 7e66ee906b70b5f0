using System.Globalization;
using System.Text;
using System.Xml;
using ChainPay.Chaining;
using ChainPay.Util;

namespace ChainPay.Xml;

/// <summary>The writing half of <see cref="Transformer"/>: key/value pairs to XML with PHP <c>XMLWriter</c>'s exact output.</summary>
internal static class XmlArrayWriter
{
    private const string CdataEnd = "]]>";

    private static readonly char[] CdataTriggers = { '>', '&', '"', '<' };

    internal static string Write(List<KeyValuePair<string, object?>> pairs, bool headless, bool indent, string root, string item)
    {
        CheckName(root, nameof(root));
        CheckName(item, nameof(item));
        foreach (var pair in pairs)
        {
            PropertyBag.Check(pair.Value, "data"); // a cycle or endless nesting would overflow the stack below
        }

        var xml = new StringBuilder();
        if (!headless)
        {
            xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }

        WriteElement(xml, root, pairs, 0, indent, item);

        // XMLWriter::endDocument() adds a final line feed unless indenting already ended the root with one.
        if (!headless && !indent)
        {
            xml.Append('\n');
        }

        return xml.ToString();
    }

    private static void WriteElement(StringBuilder xml, string tag, object? value, int depth, bool indent, string item)
    {
        if (indent)
        {
            xml.Append(' ', depth);
        }

        xml.Append('<').Append(tag);
        List<KeyValuePair<string, object?>>? children = value is List<KeyValuePair<string, object?>> given ? given : Children(value);
        if (children is null)
        {
            xml.Append('>');
            WriteText(xml, Scalar.ToText(value));
            xml.Append("</").Append(tag).Append('>');
        }
        else if (children.Count == 0)
        {
            xml.Append("/>");
        }
        else
        {
            xml.Append('>');
            if (indent)
            {
                xml.Append('\n');
            }

            foreach (var pair in children)
            {
                WriteElement(xml, IsElementNameValid(pair.Key) ? pair.Key : item, pair.Value, depth + 1, indent, item);
            }

            if (indent)
            {
                xml.Append(' ', depth);
            }

            xml.Append("</").Append(tag).Append('>');
        }

        if (indent)
        {
            xml.Append('\n');
        }
    }

    private static void WriteText(StringBuilder xml, string text)
    {
        if (text.IndexOfAny(CdataTriggers) >= 0)
        {
            xml.Append("<![CDATA[").Append(text.Replace(CdataEnd, "]]]]><![CDATA[>")).Append(CdataEnd);
            return;
        }

        // The other characters XMLWriter escapes (< > & ") have taken the CDATA branch above.
        xml.Append(text.Replace("\r", "&#13;"));
    }

    /// <summary>The pairs of a map, the items of a list (keyed by position), or null for a scalar.</summary>
    internal static List<KeyValuePair<string, object?>>? Children(object? value)
    {
        value = PropertyBag.Unwrap(value);
        if (value is null || Scalar.IsScalar(value) || value is IFormattable || value is Uri)
        {
            return null;
        }

        if (PropertyBag.IsList(value))
        {
            return PropertyBag.Items(value)
                .Select((v, i) => new KeyValuePair<string, object?>(i.ToString(CultureInfo.InvariantCulture), v))
                .ToList();
        }

        return PropertyBag.Read(value, "data");
    }

    /// <summary>
    /// PHP's <c>isElementNameValid</c>: no space, and <c>^[\pL_][\pL0-9._:-]*$</c> where, as in PCRE, <c>$</c> also
    /// matches before a final line feed.
    /// </summary>
    private static bool IsElementNameValid(string name)
    {
        if (string.IsNullOrEmpty(name) || name.IndexOf(' ') >= 0)
        {
            return false;
        }

        int end = name[name.Length - 1] == '\n' ? name.Length - 1 : name.Length;
        if (end == 0)
        {
            return false;
        }

        for (int i = 0; i < end; i++)
        {
            char c = name[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(name[i + 1]);
            bool letter = IsLetter(CharUnicodeInfo.GetUnicodeCategory(name, i));
            bool allowed = letter || c == '_' || (i > 0 && (c is (>= '0' and <= '9') or '.' or ':' or '-'));
            if (!allowed)
            {
                return false;
            }

            if (pair)
            {
                i++;
            }
        }

        return true;
    }

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter;

    private static void CheckName(string name, string paramName)
    {
        try
        {
            XmlConvert.VerifyName(name);
        }
        catch (Exception e) when (e is XmlException or ArgumentException)
        {
            throw new InvalidArgumentException($"The ${paramName} must be a valid XML element name.", paramName, e);
        }
    }

    // ---- parsing ---------------------------------------------------------------------------------------------
}
