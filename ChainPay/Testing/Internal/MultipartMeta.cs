using System.Text;

namespace ChainPay.Testing.Internal;

/// <summary>Finds the <c>meta</c> part of a media upload: WeChat Pay checks an upload's signature over it, not over the multipart bytes.</summary>
internal static class MultipartMeta
{
    /// <summary>The bytes of the <c>meta</c> part, or <c>null</c> when <paramref name="contentType"/> is not multipart or has none.</summary>
    public static byte[]? Find(string? contentType, byte[] body)
    {
        const string marker = "boundary=";
        var at = contentType?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) || at < 0)
        {
            return null;
        }

        var boundary = "--" + contentType.Substring(at + marker.Length).Trim('"');
        var text = Encoding.UTF8.GetString(body);
        foreach (var part in text.Split(new[] { boundary }, StringSplitOptions.None))
        {
            var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (split > 0 && part.Substring(0, split).IndexOf("name=\"meta\"", StringComparison.Ordinal) >= 0)
            {
                var content = part.Substring(split + 4);
                return Encoding.UTF8.GetBytes(content.EndsWith("\r\n", StringComparison.Ordinal) ? content.Substring(0, content.Length - 2) : content);
            }
        }

        return null;
    }
}
