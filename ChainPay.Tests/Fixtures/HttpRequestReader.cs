using System.Text;

namespace ChainPay.Tests.Fixtures;

/// <summary>Reads one HTTP/1.1 request (head, then a Content-Length body) from a stream, for the raw test servers.</summary>
internal static class HttpRequestReader
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>The request head (request line and headers), or <c>null</c> when the client closed first.</summary>
    public static async Task<string?> ReadAsync(Stream stream, CancellationToken token)
    {
        var received = new MemoryStream();
        var buffer = new byte[65536];
        int head;
        while ((head = IndexOf(received.GetBuffer(), (int)received.Length, EndOfHead)) < 0)
        {
            var read = await stream.ReadAsync(buffer, token);
            if (read == 0)
            {
                return null;
            }

            received.Write(buffer, 0, read);
        }

        var text = Encoding.ASCII.GetString(received.GetBuffer(), 0, head);
        var length = text.Split("\r\n")
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l.Substring(15).Trim()))
            .FirstOrDefault();
        for (var body = received.Length - head - EndOfHead.Length; body < length;)
        {
            var read = await stream.ReadAsync(buffer, token);
            if (read == 0)
            {
                return null;
            }

            body += read;
        }

        return text;
    }

    private static int IndexOf(byte[] haystack, int count, byte[] needle)
    {
        for (var i = 0; i <= count - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
