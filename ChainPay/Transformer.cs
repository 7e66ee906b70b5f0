using System.Globalization;
using System.Text;
using System.Xml;
using ChainPay.Chaining;
using ChainPay.Util;

namespace ChainPay;

/// <summary>
/// XML ⇄ key/value conversion for the APIv2 (XML) protocol, as wechatpay-php's <c>WeChatPay\Transformer</c>:
/// <see cref="ToArray"/> reads a response or notification into nested dictionaries, <see cref="ToXml(IEnumerable{KeyValuePair{string, object}}, bool, bool, string, string)"/>
/// writes a request body.
/// </summary>
/// <remarks>
/// <para><b>Safety.</b> <see cref="ToArray"/> never processes a DTD: the document type declaration is skipped, no
/// resolver is set, and entity references other than the five predefined ones and character references are never
/// expanded — they read as empty text, like PHP's unloaded external entities. So the XXE sample
/// (<c>&lt;!DOCTYPE foo [&lt;!ENTITY xxe SYSTEM "http://…"&gt;]&gt;&lt;foo&gt;&lt;value&gt;&amp;xxe;&lt;/value&gt;&lt;/foo&gt;</c>)
/// gives <c>{"value": ""}</c> without any network or file access, and a "billion laughs" document expands nothing.
/// Unlike PHP, internal entities declared in a DTD are not expanded either. An entity reference in a document without
/// a DTD is not well-formed and gives an empty result, as in PHP.</para>
/// </remarks>
public static class Transformer
{
    private const string Attributes = "@attributes";
    private const string CdataEnd = "]]>";

    private static readonly char[] CdataTriggers = { '>', '&', '"', '<' };

    /// <summary>
    /// Parses <paramref name="xml"/> into nested dictionaries, exactly as PHP's <c>toArray</c> casts a <c>SimpleXMLElement</c>.
    /// </summary>
    /// <param name="xml">The XML text; invalid XML characters are removed first (see <see cref="Sanitize"/>).</param>
    /// <returns>
    /// An insertion-ordered dictionary (never null). The root element's name is dropped. A leaf becomes its text
    /// (CDATA unwrapped, whitespace kept); an element with child elements becomes a nested dictionary; repeated siblings
    /// become a <see cref="List{T}"/> of <see cref="object"/>; attributes of leaves are lost, those of an element with
    /// children appear under the key <c>@attributes</c>. An element whose first content is non-blank text reads as its
    /// text, and a root holding only text gives <c>{"0": text}</c> (PHP's quirks). Comments and processing instructions
    /// inside an element with children appear as empty values named <c>comment</c> and after the target (PHP again);
    /// elements and attributes with a namespace prefix are skipped. Malformed input gives an empty dictionary, never an exception.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    /// <example>
    /// <code>
    /// var data = Transformer.ToArray("&lt;xml&gt;&lt;return_code&gt;&lt;![CDATA[SUCCESS]]&gt;&lt;/return_code&gt;&lt;d&gt;x&lt;/d&gt;&lt;d&gt;y&lt;/d&gt;&lt;/xml&gt;");
    /// // data["return_code"] is "SUCCESS"; data["d"] is a List&lt;object?&gt; { "x", "y" }
    /// Transformer.ToArray("hello").Count; // 0
    /// </code>
    /// </example>
    public static IDictionary<string, object?> ToArray(string xml = "<xml/>")
    {
        if (xml is null)
        {
            throw new ArgumentNullException(nameof(xml));
        }

        Node? root = Parse(Sanitize(xml));
        return root is null ? new OrderedMap() : Cast(root);
    }

    /// <summary>
    /// Removes every character XML 1.0 does not allow (anything but <c>\t \n \r</c>, U+0020–U+D7FF, U+E000–U+FFFD and
    /// U+10000–U+10FFFF), as PHP's <c>sanitize</c>. A lone surrogate (PHP: invalid UTF-8) makes the whole result empty.
    /// </summary>
    /// <param name="xml">The text to clean.</param>
    /// <returns>The cleaned text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    /// <example>
    /// <code>
    /// Transformer.Sanitize("&lt;xml&gt;&lt;a&gt;\u0001bad&lt;/a&gt;&lt;/xml&gt;"); // "&lt;xml&gt;&lt;a&gt;bad&lt;/a&gt;&lt;/xml&gt;"
    /// </code>
    /// </example>
    public static string Sanitize(string xml)
    {
        if (xml is null)
        {
            throw new ArgumentNullException(nameof(xml));
        }

        StringBuilder? clean = null;
        for (int i = 0; i < xml.Length; i++)
        {
            char c = xml[i];
            bool keep;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= xml.Length || !char.IsLowSurrogate(xml[i + 1]))
                {
                    return string.Empty;
                }

                clean?.Append(c).Append(xml[i + 1]);
                i++;
                continue;
            }
            else if (char.IsLowSurrogate(c))
            {
                return string.Empty;
            }
            else
            {
                keep = c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
            }

            if (keep)
            {
                clean?.Append(c);
            }
            else if (clean is null)
            {
                clean = new StringBuilder(xml.Length).Append(xml, 0, i);
            }
        }

        return clean?.ToString() ?? xml;
    }

    /// <summary>
    /// Writes key/value pairs as XML with PHP <c>XMLWriter</c>'s exact output (see the remarks of the
    /// <see cref="ToXml(object, bool, bool, string, string)"/> overload).
    /// </summary>
    /// <param name="data">The pairs, in output order.</param>
    /// <param name="headless">True (default) for no XML declaration; false prefixes <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c> and a line feed.</param>
    /// <param name="indent">True to indent with one space per level (every element then ends with a line feed).</param>
    /// <param name="root">The root element name.</param>
    /// <param name="item">The element name used for list items and keys that are not valid names.</param>
    /// <returns>The XML text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="InvalidArgumentException"><paramref name="root"/> or <paramref name="item"/> is not a valid XML name.</exception>
    /// <example>
    /// <code>
    /// Transformer.ToXml(new Dictionary&lt;string, object?&gt; { ["a"] = "1", ["q"] = "a&gt;b" });
    /// // "&lt;xml&gt;&lt;a&gt;1&lt;/a&gt;&lt;q&gt;&lt;![CDATA[a&gt;b]]&gt;&lt;/q&gt;&lt;/xml&gt;"
    /// </code>
    /// </example>
    public static string ToXml(IEnumerable<KeyValuePair<string, object?>> data, bool headless = true, bool indent = false, string root = "xml", string item = "item")
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        return Write(data.Select(p => new KeyValuePair<string, object?>(p.Key, PropertyBag.Unwrap(p.Value))).ToList(), headless, indent, root, item);
    }

    /// <summary>
    /// Writes a map — an anonymous object, a dictionary, a <c>JObject</c>, any object with public properties — or a list
    /// as XML with PHP <c>XMLWriter</c>'s exact output.
    /// </summary>
    /// <param name="data">The map (keys become element names) or list (items become <paramref name="item"/> elements).</param>
    /// <param name="headless">True (default) for no XML declaration; false prefixes <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c> and a line feed.</param>
    /// <param name="indent">True to indent with one space per level (every element then ends with a line feed).</param>
    /// <param name="root">The root element name.</param>
    /// <param name="item">The element name used for list items and keys that are not valid names.</param>
    /// <returns>The XML text.</returns>
    /// <remarks>
    /// A key is the element name when it matches <c>^[\pL_][\pL0-9._:-]*$</c> and holds no space, else
    /// <paramref name="item"/> is used. Nested maps and lists recurse; an empty one is written <c>&lt;x/&gt;</c>.
    /// Scalars use PHP's string cast (<c>true</c> ⇒ <c>1</c>, <c>false</c>/<c>null</c> ⇒ empty, invariant-culture
    /// numbers). Text containing any of <c>&gt; &amp; " &lt;</c> is written as CDATA, other text as is (a carriage return
    /// becomes <c>&amp;#13;</c>); an empty text gives <c>&lt;x&gt;&lt;/x&gt;</c>. Better than PHP, a <c>]]&gt;</c>
    /// inside CDATA is split across two sections so the output stays well-formed.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="InvalidArgumentException"><paramref name="data"/> is a scalar (ParamName <c>data</c>), or
    /// <paramref name="root"/> / <paramref name="item"/> is not a valid XML name.</exception>
    /// <example>
    /// <code>
    /// Transformer.ToXml(new { return_code = "SUCCESS", list = new[] { "x", "y" } });
    /// // "&lt;xml&gt;&lt;return_code&gt;SUCCESS&lt;/return_code&gt;&lt;list&gt;&lt;item&gt;x&lt;/item&gt;&lt;item&gt;y&lt;/item&gt;&lt;/list&gt;&lt;/xml&gt;"
    /// Transformer.ToXml(new { a = "1" }, headless: false, indent: true);
    /// // "&lt;?xml version=\"1.0\" encoding=\"UTF-8\"?&gt;\n&lt;xml&gt;\n &lt;a&gt;1&lt;/a&gt;\n&lt;/xml&gt;\n"
    /// </code>
    /// </example>
    public static string ToXml(object data, bool headless = true, bool indent = false, string root = "xml", string item = "item")
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        List<KeyValuePair<string, object?>> pairs = Children(PropertyBag.Unwrap(data))
            ?? throw new InvalidArgumentException("The $data must be a map (a dictionary, an anonymous object or a JObject) or a list, not a scalar.", nameof(data));
        return Write(pairs, headless, indent, root, item);
    }

    private static string Write(List<KeyValuePair<string, object?>> pairs, bool headless, bool indent, string root, string item)
    {
        CheckName(root, nameof(root));
        CheckName(item, nameof(item));

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
    private static List<KeyValuePair<string, object?>>? Children(object? value)
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

        return PropertyBag.Read(value);
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

    private static Node? Parse(string xml)
    {
        if (xml.Length > 0 && xml[0] == '\uFEFF')
        {
            xml = xml.Substring(1);
        }

        if (xml.Length == 0)
        {
            return null;
        }

        bool hasDoctype = HasDoctype(xml);
        try
        {
            using var reader = new XmlTextReader(new StringReader(xml))
            {
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                EntityHandling = EntityHandling.ExpandCharEntities,
                Normalization = true,
                WhitespaceHandling = WhitespaceHandling.All,
                Namespaces = true,
            };

            Node? root = null;
            var open = new Stack<Node>();
            while (reader.Read())
            {
                Node? parent = open.Count > 0 ? open.Peek() : null;
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var element = ReadElement(reader);
                        if (parent is null)
                        {
                            root = element;
                        }
                        else
                        {
                            parent.Add(element);
                        }

                        if (!reader.IsEmptyElement)
                        {
                            open.Push(element);
                        }

                        break;
                    case XmlNodeType.EndElement:
                        open.Pop().Close();
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        parent?.AddText(reader.Value, reader.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace, reader.XmlSpace == XmlSpace.Preserve);
                        break;
                    case XmlNodeType.EntityReference:
                        if (!hasDoctype)
                        {
                            return null; // an undeclared entity: not well-formed, as libxml reports it
                        }

                        parent?.Add(new Node(NodeKind.Entity, reader.LocalName, string.Empty));
                        break;
                    case XmlNodeType.Comment:
                        parent?.Add(new Node(NodeKind.Other, "comment", string.Empty));
                        break;
                    case XmlNodeType.ProcessingInstruction:
                        parent?.Add(new Node(NodeKind.Other, reader.Name, string.Empty));
                        break;
                }
            }

            return root;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static Node ReadElement(XmlTextReader reader)
    {
        var element = new Node(NodeKind.Element, reader.LocalName, reader.Prefix);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                // Namespace declarations are not attributes in libxml; prefixed attributes are skipped like PHP's match_ns().
                if (reader.Prefix.Length == 0 && reader.LocalName != "xmlns")
                {
                    element.Attributes.Add(new KeyValuePair<string, string>(reader.LocalName, reader.Value));
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        return element;
    }

    /// <summary>Whether a document type declaration precedes the root element (skipping the XML declaration, PIs, comments).</summary>
    private static bool HasDoctype(string xml)
    {
        int i = 0;
        while (i < xml.Length)
        {
            if (xml[i] is ' ' or '\t' or '\r' or '\n')
            {
                i++;
            }
            else if (string.CompareOrdinal(xml, i, "<?", 0, 2) == 0)
            {
                int end = xml.IndexOf("?>", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }

                i = end + 2;
            }
            else if (string.CompareOrdinal(xml, i, "<!--", 0, 4) == 0)
            {
                int end = xml.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }

                i = end + 3;
            }
            else
            {
                return string.CompareOrdinal(xml, i, "<!DOCTYPE", 0, 9) == 0;
            }
        }

        return false;
    }

    // ---- casting (PHP's (array) cast of a SimpleXMLElement, then Transformer::value()) -------------------------

    private static OrderedMap Cast(Node element)
    {
        var map = new OrderedMap();
        if (element.Attributes.Count > 0)
        {
            var attributes = new OrderedMap();
            foreach (var attribute in element.Attributes)
            {
                attributes[attribute.Key] = attribute.Value;
            }

            map.Add(Attributes, attributes);
        }

        foreach (Node child in element.Children)
        {
            if (child.Kind == NodeKind.Text)
            {
                // Only a lone, non-blank text child shows up, under the next numeric key.
                if (element.Children.Count == 1 && !IsBlank(child.Text))
                {
                    AddProperty(map, "0", child.Text);
                }

                continue;
            }

            if (child.Kind == NodeKind.Element && child.Prefix.Length > 0)
            {
                continue;
            }

            AddProperty(map, child.Name, Value(child));
        }

        return map;
    }

    private static object Value(Node node)
    {
        if (node.Kind != NodeKind.Element)
        {
            return string.Empty;
        }

        var children = node.Children;
        if (children.Count > 0 && children[0].Kind == NodeKind.Text && !IsBlank(children[0].Text))
        {
            return Text(node);
        }

        return children.Any(c => c.Kind == NodeKind.Element && c.Prefix.Length == 0) ? Cast(node) : Text(node);
    }

    /// <summary>libxml's <c>xmlNodeListGetString</c> over the direct children: their text, entities unexpanded.</summary>
    private static string Text(Node node)
    {
        var texts = node.Children.Where(c => c.Kind == NodeKind.Text).Select(c => c.Text).ToList();
        return texts.Count == 1 ? texts[0] : string.Concat(texts);
    }

    private static void AddProperty(OrderedMap map, string name, object value)
    {
        if (!map.TryGetValue(name, out object? existing))
        {
            map.Add(name, value);
        }
        else if (existing is List<object?> list)
        {
            list.Add(value);
        }
        else
        {
            map[name] = new List<object?> { existing, value };
        }
    }

    /// <summary>libxml's <c>xmlIsBlankNode</c> for text: only space, tab, CR and LF.</summary>
    private static bool IsBlank(string text)
    {
        foreach (char c in text)
        {
            if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                return false;
            }
        }

        return true;
    }

    private enum NodeKind
    {
        Element,
        Text,
        Entity,
        Other,
    }

    /// <summary>A parsed node, shaped like libxml's tree after <c>LIBXML_NOCDATA | LIBXML_NOBLANKS</c>.</summary>
    private sealed class Node
    {
        private StringBuilder? pending;
        private bool pendingBlank;
        private bool pendingPreserved;

        public Node(NodeKind kind, string name, string prefix)
        {
            Kind = kind;
            Name = name;
            Prefix = prefix;
        }

        public NodeKind Kind { get; }

        public string Name { get; }

        public string Prefix { get; }

        public string Text { get; private set; } = string.Empty;

        public List<KeyValuePair<string, string>> Attributes { get; } = new();

        public List<Node> Children { get; } = new();

        /// <summary>Adds character data; adjacent runs (text, CDATA, whitespace) merge into one text node, as in libxml.</summary>
        public void AddText(string text, bool whitespace, bool preserved)
        {
            if (pending is null)
            {
                pending = new StringBuilder();
                pendingBlank = true;
                pendingPreserved = false;
            }

            pending.Append(text);
            pendingBlank &= whitespace;
            pendingPreserved |= preserved;
        }

        public void Add(Node child)
        {
            Flush(beforeEntity: child.Kind == NodeKind.Entity, beforeEndTag: false);
            Children.Add(child);
        }

        public void Close() => Flush(beforeEntity: false, beforeEndTag: true);

        private void Flush(bool beforeEntity, bool beforeEndTag)
        {
            if (pending is null)
            {
                return;
            }

            string text = pending.ToString();
            pending = null;
            if (pendingBlank && !pendingPreserved && IsIgnorable(beforeEntity, beforeEndTag))
            {
                return;
            }

            Children.Add(new Node(NodeKind.Text, "text", string.Empty) { Text = text });
        }

        /// <summary>libxml's <c>areBlanks()</c> without a DTD: which whitespace-only runs <c>LIBXML_NOBLANKS</c> drops.</summary>
        private bool IsIgnorable(bool beforeEntity, bool beforeEndTag)
        {
            if (beforeEntity)
            {
                return false; // the run is not followed by '<'
            }

            if (Children.Count == 0)
            {
                return !beforeEndTag;
            }

            return Children[Children.Count - 1].Kind != NodeKind.Text && Children[0].Kind != NodeKind.Text;
        }
    }
}
