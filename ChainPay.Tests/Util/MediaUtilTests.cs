using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ChainPay.Crypto;
using ChainPay.Http;
using ChainPay.Tests.Fixtures;
using ChainPay.Util;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Util;

/// <summary><see cref="MediaUtil"/> against spec §7.8 and the §11.6 vectors.</summary>
public class MediaUtilTests
{
    private const string TinyPngMeta = "{\"filename\":\"tiny.png\",\"sha256\":\"68ee4598e64cd28eed508c333dfb14c745677f41e2b012e6256c9b138b304270\"}";
    private const string TransparentGif = "R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";

    private static readonly byte[] TinyPng = Encoding.Latin1.GetBytes("\x89PNG\r\n\x1a\nfake");

    private string directory = string.Empty;

    [SetUp]
    public void CreateDirectory()
    {
        directory = Path.Combine(Path.GetTempPath(), "chainpay-media-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, true);

    [Test]
    public void TheTinyPngVector()
    {
        Assert.That(TinyPng, Has.Length.EqualTo(12));
        string path = Path.Combine(directory, "tiny.png");
        File.WriteAllBytes(path, TinyPng);

        Assert.That(new MediaUtil(path).GetMeta(), Is.EqualTo(TinyPngMeta));
        Assert.That(new MediaUtil("file://" + path).GetMeta(), Is.EqualTo(TinyPngMeta));
        using var stream = new MemoryStream(TinyPng);
        Assert.That(new MediaUtil("tiny.png", stream).GetMeta(), Is.EqualTo(TinyPngMeta));
    }

    [Test]
    public void TheTransparentGifFromBase64()
    {
        byte[] gif = Convert.FromBase64String(TransparentGif);
        using var stream = new MemoryStream(gif);
        var media = new MediaUtil("transparent.gif", stream);

        var meta = JObject.Parse(media.GetMeta());
        Assert.That((string?)meta["filename"], Is.EqualTo("transparent.gif"));
        Assert.That((string?)meta["sha256"], Is.EqualTo(Convert.ToHexString(SHA256.HashData(gif)).ToLowerInvariant()));
        Assert.That(Parse(media).Single(p => p.Name == "file").Headers["Content-Type"], Is.EqualTo("image/gif"));
    }

    [Test]
    public void AStreamIsReadWholeAndItsPositionRestored()
    {
        using var stream = new MemoryStream(TinyPng);
        stream.Position = 5;
        Assert.That(new MediaUtil("/any/dir/tiny.png", stream).GetMeta(), Is.EqualTo(TinyPngMeta));
        Assert.That(stream.Position, Is.EqualTo(5));
        Assert.That(stream.CanRead, Is.True, "the caller's stream is not disposed");
    }

    [Test]
    public void TheMultipartLayoutParsesBack()
    {
        using var stream = new MemoryStream(TinyPng);
        var media = new MediaUtil("tiny.png", stream);
        string boundary = media.GetContentType().Substring("multipart/form-data; boundary=".Length);
        byte[] body = media.GetBody();

        byte[] expected = Encoding.Latin1.GetBytes(
            $"--{boundary}\r\nContent-Type: application/json\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n{TinyPngMeta}\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tiny.png\"\r\nContent-Length: 12\r\nContent-Type: image/png\r\n\r\n" +
            Encoding.Latin1.GetString(TinyPng) + $"\r\n--{boundary}--\r\n");
        Assert.That(body, Is.EqualTo(expected));

        var parts = Parse(media);
        Assert.That(parts.Select(p => p.Name), Is.EqualTo(new[] { "meta", "file" }));
        Assert.That(Encoding.UTF8.GetString(parts[0].Body), Is.EqualTo(TinyPngMeta));
        Assert.That(parts[0].Headers["Content-Type"], Is.EqualTo("application/json"));
        Assert.That(parts[1].Body, Is.EqualTo(TinyPng));
        Assert.That(parts[1].Headers["Content-Length"], Is.EqualTo("12"));
    }

    [Test]
    public void TheContentTypeHasAFortyHexBoundaryFixedPerInstance()
    {
        using var stream = new MemoryStream(TinyPng);
        var media = new MediaUtil("tiny.png", stream);
        Assert.That(media.GetContentType(), Does.Match("^multipart/form-data; boundary=[0-9a-f]{40}$"));
        Assert.That(media.GetContentType(), Is.EqualTo(media.GetContentType()));

        using var other = new MemoryStream(TinyPng);
        Assert.That(new MediaUtil("tiny.png", other).GetContentType(), Is.Not.EqualTo(media.GetContentType()));
    }

    [Test]
    public void SetMetaReplacesTheMetaPart()
    {
        using var stream = new MemoryStream(TinyPng);
        var media = new MediaUtil("tiny.png", stream);
        string meta = "{\"bank_type\":\"LQT\",\"filename\":\"tiny.png\",\"sha256\":\"68ee4598e64cd28eed508c333dfb14c745677f41e2b012e6256c9b138b304270\"}";

        Assert.That(media.SetMeta(meta), Is.EqualTo(meta.Length));
        Assert.That(media.GetMeta(), Is.EqualTo(meta));
        Assert.That(Encoding.UTF8.GetString(Parse(media)[0].Body), Is.EqualTo(meta));
        Assert.That(Encoding.UTF8.GetString(((SignedContent)media.ToContent()).SignatureBody), Is.EqualTo(meta));

        Assert.That(media.SetMeta("{\"名\":1}"), Is.EqualTo(Encoding.UTF8.GetByteCount("{\"名\":1}")));
        Assert.That(media.SetMeta(null), Is.EqualTo(TinyPngMeta.Length));
        Assert.That(media.GetMeta(), Is.EqualTo(TinyPngMeta));
    }

    [Test]
    public void TheMetaIsWrittenAsPhpJsonEncode()
    {
        using var stream = new MemoryStream(Array.Empty<byte>());
        var media = new MediaUtil("dir/中文 \"x\"é\t😀.jpg", stream);
        Assert.That(
            media.GetMeta(),
            Is.EqualTo("{\"filename\":\"\\u4e2d\\u6587 \\\"x\\\"\\u00e9\\t\\ud83d\\ude00.jpg\",\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}"));
        Assert.That(MediaUtil.PhpJsonString("a/b\\\u0001\u007f\b\f\r\n"), Is.EqualTo("\"a\\/b\\\\\\u0001\u007f\\b\\f\\r\\n\""));
    }

    [Test]
    public void AnEmptyFileHasNoContentLength()
    {
        using var stream = new MemoryStream(Array.Empty<byte>());
        var file = Parse(new MediaUtil("empty.csv", stream))[1];
        Assert.That(file.Headers.ContainsKey("Content-Length"), Is.False);
        Assert.That(file.Headers["Content-Type"], Is.EqualTo("text/csv"));
        Assert.That(file.Body, Is.Empty);
    }

    [TestCase("a.png", "image/png")]
    [TestCase("a.JPG", "image/jpeg")]
    [TestCase("a.jpeg", "image/jpeg")]
    [TestCase("a.gif", "image/gif")]
    [TestCase("a.bmp", "image/bmp")]
    [TestCase("a.webp", "image/webp")]
    [TestCase("a.mp4", "video/mp4")]
    [TestCase("a.avi", "video/x-msvideo")]
    [TestCase("a.wmv", "video/x-ms-wmv")]
    [TestCase("a.mpeg", "video/mpeg")]
    [TestCase("a.mov", "video/quicktime")]
    [TestCase("a.mkv", "video/x-matroska")]
    [TestCase("a.flv", "video/x-flv")]
    [TestCase("a.f4v", "video/mp4")]
    [TestCase("a.m4v", "video/x-m4v")]
    [TestCase("a.rmvb", "application/vnd.rn-realmedia-vbr")]
    [TestCase("a.csv", "text/csv")]
    [TestCase("a.pdf", "application/pdf")]
    [TestCase("a.exe", "application/octet-stream")]
    [TestCase("noextension", "application/octet-stream")]
    [TestCase("a.png.", "application/octet-stream")]
    public void TheFileContentTypeIsGuessedFromTheExtension(string name, string expected)
    {
        Assert.That(MediaUtil.GuessContentType(name), Is.EqualTo(expected));
    }

    [Test]
    public void GetStreamIsTheBody()
    {
        using var input = new MemoryStream(TinyPng);
        var media = new MediaUtil("tiny.png", input);
        using var stream = media.GetStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(media.GetBody()));
        Assert.That(stream.CanWrite, Is.False);
    }

    [Test]
    public async Task ToContentSendsTheMultipartAndSignsTheMeta()
    {
        using var input = new MemoryStream(TinyPng);
        var media = new MediaUtil("tiny.png", input);
        using var content = media.ToContent();

        Assert.That(content, Is.InstanceOf<SignedContent>());
        Assert.That(((SignedContent)content).SignatureBody, Is.EqualTo(Encoding.UTF8.GetBytes(media.GetMeta())));
        Assert.That(await content.ReadAsByteArrayAsync(), Is.EqualTo(media.GetBody()));
        Assert.That(content.Headers.ContentType!.ToString(), Is.EqualTo(media.GetContentType()));
    }

    [Test]
    public void AnUploadRequestIsSignedOverTheMeta()
    {
        var fake = new FakeWeChatPay();
        var instance = fake.Create();
        using var input = new MemoryStream(TinyPng);
        var media = new MediaUtil("tiny.png", input);

        instance.Chain("v3/merchant/media/upload").Post(new { body = media });

        var sent = fake.Sent.Single();
        Assert.That(sent.Target, Is.EqualTo("/v3/merchant/media/upload"));
        Assert.That(sent.Body, Is.EqualTo(media.GetBody()));
        Assert.That(sent.ContentType, Is.EqualTo(media.GetContentType()));

        var fields = Regex.Matches(sent.Authorization!, "(\\w+)=\"([^\"]*)\"").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        string message = $"POST\n/v3/merchant/media/upload\n{fields["timestamp"]}\n{fields["nonce_str"]}\n{TinyPngMeta}\n";
        Assert.That(Rsa.Verify(message, fields["signature"], TestKeys.SpkiPublicKey), Is.True);
    }

    [Test]
    public void AnUnreadableFileIsReportedWithPhpsMessage()
    {
        string missing = Path.Combine(directory, "missing.png");
        var e = Assert.Throws<InvalidArgumentException>(() => _ = new MediaUtil(missing));
        Assert.That(e!.ParamName, Is.EqualTo("filepath"));
        Assert.That(e.Message, Does.StartWith($"Cannot open or caching the file: `{missing}`"));
        Assert.That(e.InnerException, Is.InstanceOf<IOException>());

        using var closed = new MemoryStream(TinyPng);
        closed.Dispose();
        Assert.Throws<InvalidArgumentException>(() => _ = new MediaUtil("tiny.png", closed));
        Assert.Throws<InvalidArgumentException>(() => _ = new MediaUtil(directory));
        Assert.Throws<ArgumentNullException>(() => _ = new MediaUtil(null!));
    }

    /// <summary>A minimal multipart reader: splits on the boundary and reads each part's headers and body.</summary>
    private static List<(string Name, Dictionary<string, string> Headers, byte[] Body)> Parse(MediaUtil media)
    {
        string boundary = media.GetContentType().Substring("multipart/form-data; boundary=".Length);
        string text = Encoding.Latin1.GetString(media.GetBody());
        Assert.That(text, Does.EndWith($"\r\n--{boundary}--\r\n"));

        var parts = new List<(string, Dictionary<string, string>, byte[])>();
        foreach (string chunk in text.Split($"--{boundary}").Skip(1))
        {
            if (chunk == "--\r\n")
            {
                break;
            }

            Assert.That(chunk, Does.StartWith("\r\n").And.EndWith("\r\n"));
            int split = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = chunk.Substring(2, split - 2).Split("\r\n")
                .Select(line => line.Split(": ", 2))
                .ToDictionary(kv => kv[0], kv => kv[1]);
            string name = Regex.Match(headers["Content-Disposition"], "name=\"([^\"]*)\"").Groups[1].Value;
            string body = chunk.Substring(split + 4, chunk.Length - split - 6);
            parts.Add((name, headers, Encoding.Latin1.GetBytes(body)));
        }

        return parts;
    }
}
