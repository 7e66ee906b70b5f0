using System.Buffers;
using System.Text;

namespace ChainPay.Http;

/// <summary>
/// The <c>Authorization</c> value of a signed request, built without intermediate copies: the signature's base64
/// written straight into it (the signed head is <see cref="SignedLines"/>). The text is exactly that of
/// <see cref="Formatter.Authorization(string, string, string, string, string, string)"/>.
/// </summary>
internal static class AuthorizationValue
{
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
#endif

#if !NETSTANDARD2_0
    // Values this long (about 1 KB of UTF-16) are built on the stack; RSA-4096's is about 900 characters.
    private const int StackChars = 1024;

    private static void Append(Span<char> span, ref int at, string text)
    {
        text.AsSpan().CopyTo(span.Slice(at));
        at += text.Length;
    }
#endif
}
