using System.Globalization;
using System.Text;
using System.Xml;
using ChainPay.Chaining;
using ChainPay.Util;

namespace ChainPay.Xml;

/// <summary>The reading half of <see cref="Transformer"/>: XML to insertion-ordered dictionaries, as PHP casts a <c>SimpleXMLElement</c>; DTDs never processed.</summary>
internal static class XmlArrayReader
{
    private const string Attributes = "@attributes";

    internal static Node? Parse(string xml)
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

    internal static OrderedMap Cast(Node element)
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

    internal enum NodeKind
    {
        Element,
        Text,
        Entity,
        Other,
    }

    /// <summary>A parsed node, shaped like libxml's tree after <c>LIBXML_NOCDATA | LIBXML_NOBLANKS</c>.</summary>
    internal sealed class Node
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
