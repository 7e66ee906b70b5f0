using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto.Internal;
using ChainPay.Http;

namespace ChainPay.Util;

/// <summary>
/// The <c>multipart/form-data</c> body of the APIv3 media uploads (<c>v3/merchant/media/upload</c>,
/// <c>v3/merchant/media/video_upload</c>, <c>v3/marketing/favor/media/image-upload</c>,
/// <c>v3/merchant-service/images/upload</c>, …), as wechatpay-php's <c>WeChatPay\Util\MediaUtil</c>: a <c>meta</c>
/// JSON part (<c>{"filename":…,"sha256":…}</c>) followed by the <c>file</c> part.
/// </summary>
/// <remarks>
/// Such a request is signed over the meta JSON, not over the multipart bytes (spec §4.2): ChainPay signs
/// <see cref="GetMeta"/> when the <see cref="MediaUtil"/> itself is the request body. The file is read once, when the
/// instance is created.
/// </remarks>
/// <example>
/// <code>
/// var media = new MediaUtil("/path/to/logo.png");
/// var res = await instance.Chain("v3/merchant/media/upload").PostAsync(new { body = media });
/// </code>
/// </example>
public sealed class MediaUtil
{
    private const string Crlf = "\r\n";
    private const string OctetStream = "application/octet-stream";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.Ordinal)
    {
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["gif"] = "image/gif",
        ["bmp"] = "image/bmp",
        ["webp"] = "image/webp",
        ["mp4"] = "video/mp4",
        ["avi"] = "video/x-msvideo",
        ["wmv"] = "video/x-ms-wmv",
        ["mpeg"] = "video/mpeg",
        ["mov"] = "video/quicktime",
        ["mkv"] = "video/x-matroska",
        ["flv"] = "video/x-flv",
        ["f4v"] = "video/mp4",
        ["m4v"] = "video/x-m4v",
        ["rmvb"] = "application/vnd.rn-realmedia-vbr",
        ["csv"] = "text/csv",
        ["pdf"] = "application/pdf",
    };

    private readonly byte[] file;
    private readonly string filename;
    private readonly string boundary;
    private string meta;

    /// <summary>Reads the file (or the given stream) and prepares the meta and the multipart body.</summary>
    /// <param name="filepath">The file path, with or without a leading <c>file://</c>; with a <paramref name="fileStream"/>
    /// only its file name matters (<c>Path.GetFileName</c>), e.g. <c>"logo.png"</c>.</param>
    /// <param name="fileStream">The file content, read to its end (from the start when it can seek, restoring its
    /// position); not disposed. Null reads <paramref name="filepath"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="filepath"/> is null.</exception>
    /// <exception cref="InvalidArgumentException"><c>Cannot open or caching the file: `{filepath}`</c> (ParamName
    /// <c>filepath</c>) when the file or stream cannot be read.</exception>
    /// <example>
    /// <code>
    /// var fromDisk = new MediaUtil("file:///path/to/logo.png");
    /// using var upload = formFile.OpenReadStream();
    /// var fromStream = new MediaUtil(formFile.FileName, upload);
    /// </code>
    /// </example>
    public MediaUtil(string filepath, Stream? fileStream = null)
    {
        if (filepath is null)
        {
            throw new ArgumentNullException(nameof(filepath));
        }

        try
        {
            filename = Path.GetFileName(filepath) ?? string.Empty;
            file = fileStream is null ? File.ReadAllBytes(CertificateReader.StripFileScheme(filepath)) : ReadAll(fileStream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or ObjectDisposedException or System.Security.SecurityException)
        {
            throw new InvalidArgumentException($"Cannot open or caching the file: `{filepath}`", nameof(filepath), e);
        }

        boundary = NewBoundary();
        meta = DefaultMeta();
    }

    /// <summary>The <c>meta</c> part: <c>{"filename":"…","sha256":"…"}</c> (or what <see cref="SetMeta"/> set).</summary>
    /// <returns>The JSON text, written like PHP's <c>json_encode</c> (<c>/</c> as <c>\/</c>, non-ASCII as <c>\uXXXX</c>).</returns>
    /// <example>
    /// <code>
    /// new MediaUtil("tiny.png", stream).GetMeta();
    /// // {"filename":"tiny.png","sha256":"68ee4598e64cd28eed508c333dfb14c745677f41e2b012e6256c9b138b304270"}
    /// </code>
    /// </example>
    public string GetMeta() => meta;

    /// <summary>Replaces the <c>meta</c> part, e.g. for APIs that want <c>{"bank_type":…,"filename":…,"sha256":…}</c>.</summary>
    /// <param name="json">The new meta JSON, used as is; null restores the default <c>{"filename":…,"sha256":…}</c>.</param>
    /// <returns>The number of UTF-8 bytes of the new meta.</returns>
    /// <example>
    /// <code>
    /// media.SetMeta("{\"bank_type\":\"LQT\",\"filename\":\"logo.png\",\"sha256\":\"…\"}");
    /// </code>
    /// </example>
    public int SetMeta(string? json)
    {
        meta = json ?? DefaultMeta();
        return Utf8.GetByteCount(meta);
    }

    /// <summary>The <c>Content-Type</c> header value of the body.</summary>
    /// <returns><c>multipart/form-data; boundary=</c> followed by 40 lower-case hex characters (fixed per instance).</returns>
    /// <example>
    /// <code>
    /// media.GetContentType(); // "multipart/form-data; boundary=5d1c9d2bb0e1a4c6d…"
    /// </code>
    /// </example>
    public string GetContentType() => "multipart/form-data; boundary=" + boundary;

    /// <summary>The multipart body bytes: the <c>meta</c> part, then the <c>file</c> part, in Guzzle's exact layout.</summary>
    /// <returns>A new array on each call, reflecting the current meta.</returns>
    /// <example>
    /// <code>
    /// byte[] body = media.GetBody();
    /// // --{B}\r\nContent-Type: application/json\r\nContent-Disposition: form-data; name="meta"\r\n\r\n{META}\r\n
    /// // --{B}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Length: 2748\r\nContent-Type: image/png\r\n\r\n{BYTES}\r\n
    /// // --{B}--\r\n
    /// </code>
    /// </example>
    public byte[] GetBody()
    {
        var head = new StringBuilder()
            .Append("--").Append(boundary).Append(Crlf)
            .Append("Content-Type: application/json").Append(Crlf)
            .Append("Content-Disposition: form-data; name=\"meta\"").Append(Crlf)
            .Append(Crlf)
            .Append(meta).Append(Crlf)
            .Append("--").Append(boundary).Append(Crlf)
            .Append("Content-Disposition: form-data; name=\"file\"; filename=\"").Append(filename).Append('"').Append(Crlf);
        if (file.Length > 0)
        {
            head.Append("Content-Length: ").Append(file.Length.ToString(CultureInfo.InvariantCulture)).Append(Crlf);
        }

        head.Append("Content-Type: ").Append(GuessContentType(filename)).Append(Crlf).Append(Crlf);
        string tail = Crlf + "--" + boundary + "--" + Crlf;

        byte[] headBytes = Utf8.GetBytes(head.ToString());
        byte[] tailBytes = Utf8.GetBytes(tail);
        var body = new byte[headBytes.Length + file.Length + tailBytes.Length];
        Buffer.BlockCopy(headBytes, 0, body, 0, headBytes.Length);
        Buffer.BlockCopy(file, 0, body, headBytes.Length, file.Length);
        Buffer.BlockCopy(tailBytes, 0, body, headBytes.Length + file.Length, tailBytes.Length);
        return body;
    }

    /// <summary>A read-only stream over <see cref="GetBody"/>, for sending the multipart body with another client.</summary>
    /// <returns>A new <see cref="MemoryStream"/> positioned at 0; the caller owns it.</returns>
    /// <remarks>Passing this stream as a ChainPay request <c>body</c> would sign the multipart bytes; pass the
    /// <see cref="MediaUtil"/> itself so the request is signed over <see cref="GetMeta"/>.</remarks>
    /// <example>
    /// <code>
    /// using var content = new StreamContent(media.GetStream());
    /// content.Headers.TryAddWithoutValidation("Content-Type", media.GetContentType());
    /// </code>
    /// </example>
    public Stream GetStream() => new MemoryStream(GetBody(), false);

    /// <summary>The request content: the multipart bytes, signed over the meta JSON (spec §4.2, §7.8).</summary>
    internal HttpContent ToContent() => new SignedContent(GetBody(), GetContentType(), Utf8.GetBytes(GetMeta()));

    /// <summary>Guzzle's <c>MimeType::fromFilename</c> for the upload types WeChat Pay accepts, else <c>application/octet-stream</c>.</summary>
    internal static string GuessContentType(string name)
    {
        int dot = name.LastIndexOf('.');
        string extension = dot < 0 ? string.Empty : name.Substring(dot + 1).ToLowerInvariant();
        return MimeTypes.TryGetValue(extension, out string? type) ? type : OctetStream;
    }

    /// <summary>PHP's <c>json_encode</c> of a string: <c>"</c>, <c>\</c> and <c>/</c> escaped, control and non-ASCII
    /// characters as lower-case <c>\uXXXX</c> (UTF-16 code units).</summary>
    internal static string PhpJsonString(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '/': json.Append("\\/"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20 || c >= 0x80)
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        return json.Append('"').ToString();
    }

    private static byte[] ReadAll(Stream stream)
    {
        long? position = stream.CanSeek ? stream.Position : null;
        if (position is not null)
        {
            stream.Position = 0;
        }

        try
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        finally
        {
            if (position is not null)
            {
                stream.Position = position.Value;
            }
        }
    }

    private static string NewBoundary()
    {
        var random = new byte[20];
        using (var rng = RandomNumberGenerator.Create())
        {
            rng.GetBytes(random);
        }

        return Hex.Lower(random);
    }

    private string DefaultMeta()
    {
        using var sha256 = SHA256.Create();
        return "{\"filename\":" + PhpJsonString(filename) + ",\"sha256\":\"" + Hex.Lower(sha256.ComputeHash(file)) + "\"}";
    }
}
