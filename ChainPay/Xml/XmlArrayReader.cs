using System.Xml;

namespace ChainPay.Xml;

/// <summary>
/// The reading half of <see cref="Transformer"/>: XML to a libxml-shaped <see cref="XmlTreeNode"/> tree (which
/// <see cref="XmlArrayCast"/> turns into dictionaries); DTDs never processed, nesting limited to <see cref="MaxDepth"/>.
/// </summary>
internal static class XmlArrayReader
{
    /// <summary>The deepest element nesting read, the root counting as 1: libxml's own default limit (without <c>XML_PARSE_HUGE</c>).</summary>
    internal const int MaxDepth = 256;

    /// <summary>The tree of <paramref name="xml"/>'s root element, or <c>null</c> when it is empty or not well-formed.</summary>
    /// <exception cref="InvalidArgumentException">Elements nest deeper than <see cref="MaxDepth"/> (ParamName <c>xml</c>).</exception>
    internal static XmlTreeNode? Parse(string xml)
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

            XmlTreeNode? root = null;
            var open = new Stack<XmlTreeNode>();
            while (reader.Read())
            {
                XmlTreeNode? parent = open.Count > 0 ? open.Peek() : null;
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (open.Count >= MaxDepth)
                        {
                            throw new InvalidArgumentException($"The XML nests elements deeper than {MaxDepth} levels (WeChat Pay's is two levels deep).", "xml");
                        }

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

                        parent?.Add(new XmlTreeNode(XmlTreeNodeKind.Entity, reader.LocalName, string.Empty));
                        break;
                    case XmlNodeType.Comment:
                        parent?.Add(new XmlTreeNode(XmlTreeNodeKind.Other, "comment", string.Empty, reader.Value));
                        break;
                    case XmlNodeType.ProcessingInstruction:
                        parent?.Add(new XmlTreeNode(XmlTreeNodeKind.Other, reader.Name, string.Empty, reader.Value));
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

    private static XmlTreeNode ReadElement(XmlTextReader reader)
    {
        var element = new XmlTreeNode(XmlTreeNodeKind.Element, reader.LocalName, reader.Prefix);
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
}
