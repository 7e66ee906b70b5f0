using System.Globalization;
using System.Text;
using System.Xml;
using ChainPay.Chaining;
using ChainPay.Util;
using ChainPay.Xml;

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
    /// inside an element with children appear under the key <c>comment</c> and under their target, with their text as
    /// the value (as PHP 8.4's SimpleXML casts them); elements and attributes with a namespace prefix are skipped.
    /// Malformed input gives an empty dictionary.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    /// <exception cref="InvalidArgumentException">Elements nest more than 256 deep, the root counting as 1 (ParamName
    /// <c>xml</c>): libxml's default limit, past which PHP's parse fails too; WeChat Pay's XML is two levels deep.</exception>
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

        XmlTreeNode? root = XmlArrayReader.Parse(Sanitize(xml));
        return root is null ? new OrderedMap() : XmlArrayCast.Cast(root);
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

        return XmlArrayWriter.Write(data.Select(p => new KeyValuePair<string, object?>(p.Key, PropertyBag.Unwrap(p.Value))).ToList(), headless, indent, root, item);
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

        List<KeyValuePair<string, object?>> pairs = XmlArrayWriter.Children(PropertyBag.Unwrap(data))
            ?? throw new InvalidArgumentException("The $data must be a map (a dictionary, an anonymous object or a JObject) or a list, not a scalar.", nameof(data));
        return XmlArrayWriter.Write(pairs, headless, indent, root, item);
    }
}
