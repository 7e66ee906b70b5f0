using System.Text;

namespace ChainPay.Xml;

/// <summary>A parsed node, shaped like libxml's tree after <c>LIBXML_NOCDATA | LIBXML_NOBLANKS</c>.</summary>
internal sealed class XmlTreeNode
{
    private StringBuilder? pending;
    private bool pendingBlank;
    private bool pendingPreserved;

    public XmlTreeNode(XmlTreeNodeKind kind, string name, string prefix, string text = "")
    {
        Kind = kind;
        Name = name;
        Prefix = prefix;
        Text = text;
    }

    public XmlTreeNodeKind Kind { get; }

    public string Name { get; }

    public string Prefix { get; }

    /// <summary>A text node's characters, or a comment's or processing instruction's content.</summary>
    public string Text { get; }

    public List<KeyValuePair<string, string>> Attributes { get; } = new();

    public List<XmlTreeNode> Children { get; } = new();

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

    public void Add(XmlTreeNode child)
    {
        Flush(beforeEntity: child.Kind == XmlTreeNodeKind.Entity, beforeEndTag: false);
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

        Children.Add(new XmlTreeNode(XmlTreeNodeKind.Text, "text", string.Empty, text));
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

        return Children[Children.Count - 1].Kind != XmlTreeNodeKind.Text && Children[0].Kind != XmlTreeNodeKind.Text;
    }
}
