using ChainPay.Util;

namespace ChainPay.Xml;

/// <summary>PHP's <c>(array)</c> cast of a <c>SimpleXMLElement</c>, then <c>Transformer::value()</c>, over an <see cref="XmlTreeNode"/> tree.</summary>
/// <remarks>Recursive: <see cref="XmlArrayReader"/> never builds a tree deeper than <see cref="XmlArrayReader.MaxDepth"/>.</remarks>
internal static class XmlArrayCast
{
    private const string Attributes = "@attributes";

    internal static OrderedMap Cast(XmlTreeNode element)
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

        foreach (XmlTreeNode child in element.Children)
        {
            if (child.Kind == XmlTreeNodeKind.Text)
            {
                // Only a lone, non-blank text child shows up, under the next numeric key.
                if (element.Children.Count == 1 && !IsBlank(child.Text))
                {
                    AddProperty(map, "0", child.Text);
                }

                continue;
            }

            if (child.Kind == XmlTreeNodeKind.Element && child.Prefix.Length > 0)
            {
                continue;
            }

            AddProperty(map, child.Name, Value(child));
        }

        return map;
    }

    private static object Value(XmlTreeNode node)
    {
        switch (node.Kind)
        {
            case XmlTreeNodeKind.Other:
                return node.Text; // PHP 8.4+ casts a comment or PI node to its content (php-src GH-12169, GH-12167)
            case XmlTreeNodeKind.Entity:
                return string.Empty;
        }

        var children = node.Children;
        if (children.Count > 0 && children[0].Kind == XmlTreeNodeKind.Text && !IsBlank(children[0].Text))
        {
            return Text(node);
        }

        return children.Any(c => c.Kind == XmlTreeNodeKind.Element && c.Prefix.Length == 0) ? Cast(node) : Text(node);
    }

    /// <summary>libxml's <c>xmlNodeListGetString</c> over the direct children: their text, entities unexpanded, comments skipped.</summary>
    private static string Text(XmlTreeNode node)
    {
        var texts = node.Children.Where(c => c.Kind == XmlTreeNodeKind.Text).Select(c => c.Text).ToList();
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
}
