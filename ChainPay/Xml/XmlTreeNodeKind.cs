namespace ChainPay.Xml;

/// <summary>What an <see cref="XmlTreeNode"/> is.</summary>
internal enum XmlTreeNodeKind
{
    /// <summary>An element.</summary>
    Element,

    /// <summary>Character data: text, CDATA and whitespace runs merged.</summary>
    Text,

    /// <summary>An entity reference left unexpanded.</summary>
    Entity,

    /// <summary>A comment (named <c>comment</c>) or a processing instruction (named after its target); its text is its content.</summary>
    Other,
}
