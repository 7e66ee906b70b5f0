using System.Text;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// One RFC 7468 textual block (<c>-----BEGIN label-----</c> … <c>-----END label-----</c>), decoded to DER.
/// </summary>
/// <remarks>
/// The parser is deliberately small and shared by every key loader, so all loaders see exactly the same bytes.
/// Blocks carrying RFC 1421 headers (e.g. the legacy <c>Proc-Type: 4,ENCRYPTED</c>) are not supported.
/// Exceptions raised here never carry the block's content.
/// </remarks>
internal sealed class PemBlock
{
    private const string BeginMarker = "-----BEGIN ";
    private const string EndMarker = "-----END ";
    private const string Dashes = "-----";

    private PemBlock(string label, byte[] der)
    {
        Label = label;
        Der = der;
    }

    /// <summary>The label between <c>BEGIN </c> and the dashes, e.g. <c>PRIVATE KEY</c>.</summary>
    public string Label { get; }

    /// <summary>The base64-decoded body.</summary>
    public byte[] Der { get; }

    /// <summary>
    /// Returns the first block (in text order) whose label is one of <paramref name="labels"/>, or null when there is none.
    /// </summary>
    /// <exception cref="FormatException">The matching block's body is not plain base64.</exception>
    public static PemBlock? Find(string text, params string[] labels)
    {
        int position = 0;
        while (position < text.Length)
        {
            int begin = text.IndexOf(BeginMarker, position, StringComparison.Ordinal);
            if (begin < 0)
            {
                return null;
            }

            int labelStart = begin + BeginMarker.Length;
            int labelEnd = text.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
            if (labelEnd < 0)
            {
                return null;
            }

            string label = text.Substring(labelStart, labelEnd - labelStart);
            if (label.IndexOf('\n') >= 0 || label.IndexOf('\r') >= 0)
            {
                position = labelStart;
                continue;
            }

            int bodyStart = labelEnd + Dashes.Length;
            string end = EndMarker + label + Dashes;
            int bodyEnd = text.IndexOf(end, bodyStart, StringComparison.Ordinal);
            if (bodyEnd < 0)
            {
                position = bodyStart;
                continue;
            }

            if (Array.IndexOf(labels, label) >= 0)
            {
                return new PemBlock(label, DecodeBase64(text.Substring(bodyStart, bodyEnd - bodyStart)));
            }

            position = bodyEnd + end.Length;
        }

        return null;
    }

    /// <summary>
    /// The labels of the complete blocks of <paramref name="text"/>, in text order, without decoding any body (so it
    /// never fails on a damaged one). Used to tell a user what a text holds; labels are not key material.
    /// </summary>
    public static List<string> Labels(string text)
    {
        var labels = new List<string>();
        int position = 0;
        while (position < text.Length)
        {
            int begin = text.IndexOf(BeginMarker, position, StringComparison.Ordinal);
            int labelStart = begin + BeginMarker.Length;
            int labelEnd = begin < 0 ? -1 : text.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
            if (labelEnd < 0)
            {
                return labels;
            }

            string label = text.Substring(labelStart, labelEnd - labelStart);
            string end = EndMarker + label + Dashes;
            int bodyEnd = label.IndexOf('\n') >= 0 ? -1 : text.IndexOf(end, labelEnd + Dashes.Length, StringComparison.Ordinal);
            if (bodyEnd < 0)
            {
                position = labelStart;
                continue;
            }

            labels.Add(label);
            position = bodyEnd + end.Length;
        }

        return labels;
    }

    /// <summary>Decodes base64 after removing ASCII whitespace (line breaks, spaces, tabs).</summary>
    /// <exception cref="FormatException">Not base64 (the message never echoes the input).</exception>
    public static byte[] DecodeBase64(string body)
    {
        var compact = new StringBuilder(body.Length);
        foreach (char c in body)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v')
            {
                continue;
            }

            compact.Append(c);
        }

        try
        {
            return Convert.FromBase64String(compact.ToString());
        }
        catch (FormatException)
        {
            throw new FormatException("The input is not a valid base64 string.");
        }
    }
}
