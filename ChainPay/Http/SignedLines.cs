using System.Text;

namespace ChainPay.Http;

/// <summary>
/// The lines a WeChat Pay signature's message starts with, as UTF-8: each part followed by a line feed. A request's
/// is <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\n</c>, an answer's or a notification's <c>TIMESTAMP\nNONCE\n</c>; the body
/// and its line feed follow. The bytes are exactly those of <c>Encoding.UTF8.GetBytes(a + "\n" + b + "\n" …)</c>.
/// </summary>
internal static class SignedLines
{
    /// <summary>The UTF-8 bytes of the parts, each followed by <c>\n</c>; <c>null</c> parts are left out.</summary>
    public static byte[] ToArray(string first, string second, string? third = null, string? fourth = null)
    {
        var lines = new byte[Length(first, second, third, fourth)];
#if NETSTANDARD2_0
        var at = Put(lines, 0, first);
        at = Put(lines, at, second);
        at = third is null ? at : Put(lines, at, third);
        _ = fourth is null ? at : Put(lines, at, fourth);
#else
        Write(lines, first, second, third, fourth);
#endif
        return lines;
    }

    /// <summary>The UTF-8 length of the lines <see cref="ToArray"/> makes.</summary>
    public static int Length(string first, string second, string? third = null, string? fourth = null)
    {
        var utf8 = Encoding.UTF8;
        return utf8.GetByteCount(first) + utf8.GetByteCount(second) + (third is null ? 0 : utf8.GetByteCount(third)) + (fourth is null ? 0 : utf8.GetByteCount(fourth))
            + 2 + (third is null ? 0 : 1) + (fourth is null ? 0 : 1);
    }

#if NETSTANDARD2_0
    private static int Put(byte[] lines, int at, string part)
    {
        at += Encoding.UTF8.GetBytes(part, 0, part.Length, lines, at);
        lines[at] = (byte)'\n';
        return at + 1;
    }
#else
    /// <summary>
    /// Writes the lines into <paramref name="destination"/> (at least <see cref="Length"/> bytes long); returns the
    /// number of bytes written.
    /// </summary>
    public static int Write(Span<byte> destination, string first, string second, string? third = null, string? fourth = null)
    {
        var at = Put(destination, 0, first);
        at = Put(destination, at, second);
        at = third is null ? at : Put(destination, at, third);
        return fourth is null ? at : Put(destination, at, fourth);
    }

    private static int Put(Span<byte> lines, int at, string part)
    {
        at += Encoding.UTF8.GetBytes(part, lines.Slice(at));
        lines[at] = (byte)'\n';
        return at + 1;
    }
#endif
}
