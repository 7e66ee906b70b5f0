using System.Buffers;
using System.Text;

namespace ChainPay.Http;

/// <summary>
/// The two strings a request signature is made of, built without intermediate copies: the UTF-8 head
/// <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\n</c> that is hashed before the body, and the <c>Authorization</c> value with
/// the signature's base64 written straight into it. The bytes and the text are exactly those of
/// <c>Encoding.UTF8.GetBytes(method + "\n" + …)</c> and <see cref="Formatter.Authorization(string, string, string, string, string, string)"/>.
/// </summary>
internal static class AuthorizationValue
{
    /// <summary>The UTF-8 bytes of <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\n</c>.</summary>
    public static byte[] Head(string method, string target, string timestamp, string nonce)
    {
        var utf8 = Encoding.UTF8;
        var head = new byte[utf8.GetByteCount(method) + utf8.GetByteCount(target) + utf8.GetByteCount(timestamp) + utf8.GetByteCount(nonce) + 4];
        var at = Put(head, 0, method);
        at = Put(head, at, target);
        at = Put(head, at, timestamp);
        Put(head, at, nonce);
        return head;
    }

    /// <summary>
    /// <c>SCHEME mchid="…",serial_no="…",timestamp="…",nonce_str="…",signature="BASE64"</c>, the parameter order wechatpay-php's.
    /// </summary>
    public static string Build(string scheme, string mchid, string nonce, byte[] signature, string timestamp, string serial)
    {
#if NETSTANDARD2_0
        return Formatter.Authorization(scheme, mchid, nonce, Convert.ToBase64String(signature), timestamp, serial);
#else
        return Build(scheme, mchid, nonce, signature.AsSpan(), timestamp, serial);
#endif
    }

#if !NETSTANDARD2_0
    /// <summary>As <see cref="Build(string, string, string, byte[], string, string)"/>, the signature's base64 written straight into the one string made.</summary>
    public static string Build(string scheme, string mchid, string nonce, ReadOnlySpan<byte> signature, string timestamp, string serial)
    {
        var length = scheme.Length + " mchid=\"".Length + mchid.Length + "\",serial_no=\"".Length + serial.Length + "\",timestamp=\"".Length
            + timestamp.Length + "\",nonce_str=\"".Length + nonce.Length + "\",signature=\"".Length + (((signature.Length + 2) / 3) * 4) + 1;
        char[]? rented = null;
        var span = length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(length));
        var at = 0;
        Append(span, ref at, scheme);
        Append(span, ref at, " mchid=\"");
        Append(span, ref at, mchid);
        Append(span, ref at, "\",serial_no=\"");
        Append(span, ref at, serial);
        Append(span, ref at, "\",timestamp=\"");
        Append(span, ref at, timestamp);
        Append(span, ref at, "\",nonce_str=\"");
        Append(span, ref at, nonce);
        Append(span, ref at, "\",signature=\"");
        Convert.TryToBase64Chars(signature, span.Slice(at), out var written);
        at += written;
        span[at] = '"';
        var value = new string(span.Slice(0, length));
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return value;
    }

    /// <summary>
    /// Writes <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\n</c> as UTF-8 into <paramref name="destination"/> (at least
    /// <see cref="HeadLength"/> bytes long); returns the number of bytes written.
    /// </summary>
    public static int Head(string method, string target, string timestamp, string nonce, Span<byte> destination)
    {
        var at = Put(destination, 0, method);
        at = Put(destination, at, target);
        at = Put(destination, at, timestamp);
        return Put(destination, at, nonce);
    }

    /// <summary>The UTF-8 length of the head <see cref="Head(string, string, string, string, Span{byte})"/> writes.</summary>
    public static int HeadLength(string method, string target, string timestamp, string nonce)
    {
        var utf8 = Encoding.UTF8;
        return utf8.GetByteCount(method) + utf8.GetByteCount(target) + utf8.GetByteCount(timestamp) + utf8.GetByteCount(nonce) + 4;
    }
#endif

    /// <summary>Writes <paramref name="part"/> and a line feed at <paramref name="at"/>; returns the index after them.</summary>
    private static int Put(byte[] head, int at, string part)
    {
        at += Encoding.UTF8.GetBytes(part, 0, part.Length, head, at);
        head[at] = (byte)'\n';
        return at + 1;
    }

#if !NETSTANDARD2_0
    // Values this long (about 1 KB of UTF-16) are built on the stack; RSA-4096's is about 900 characters.
    private const int StackChars = 1024;

    private static int Put(Span<byte> head, int at, string part)
    {
        at += Encoding.UTF8.GetBytes(part, head.Slice(at));
        head[at] = (byte)'\n';
        return at + 1;
    }

    private static void Append(Span<char> span, ref int at, string text)
    {
        text.AsSpan().CopyTo(span.Slice(at));
        at += text.Length;
    }
#endif
}
