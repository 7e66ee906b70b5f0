using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;

namespace ChainPay.Http;

/// <summary>
/// The four <c>Wechatpay-*</c> headers WeChat Pay signs its answers and notifications with, and the checks on them
/// (spec §5): the clock window, the key lookup by serial and the RSA signature over <c>TIMESTAMP\nNONCE\nBODY\n</c>.
/// </summary>
internal sealed class SignatureHeaders
{
    /// <summary>How the failure for a serial not among the keys starts (PHP's words).</summary>
    internal const string UnknownSerial = "Cannot found the serial(";

    /// <summary>The largest clock difference, in seconds, that still passes.</summary>
    public const int MaxSkewSeconds = 300;

    /// <summary>PHP's message for a missing header.</summary>
    public const string Incomplete = "The response's Headers incomplete, must have(`Wechatpay-Nonce`, `Wechatpay-Serial`, `Wechatpay-Signature` and `Wechatpay-Timestamp`).";

    private SignatureHeaders(string nonce, string serial, string signature, string timestamp)
    {
        Nonce = nonce;
        Serial = serial;
        Signature = signature;
        Timestamp = timestamp;
    }

    public string Nonce { get; }

    public string Serial { get; }

    public string Signature { get; }

    public string Timestamp { get; }

    /// <summary>Reads the four headers through <paramref name="header"/>; <c>null</c> when any is missing.</summary>
    public static SignatureHeaders? Read(Func<string, string?> header)
    {
        var nonce = header("Wechatpay-Nonce");
        var serial = header("Wechatpay-Serial");
        var signature = header("Wechatpay-Signature");
        var timestamp = header("Wechatpay-Timestamp");
        return Of(nonce, serial, signature, timestamp);
    }

    /// <summary>The four headers already read; <c>null</c> when any is missing.</summary>
    public static SignatureHeaders? Of(string? nonce, string? serial, string? signature, string? timestamp) =>
        nonce is null || serial is null || signature is null || timestamp is null ? null : new SignatureHeaders(nonce, serial, signature, timestamp);

    /// <summary>
    /// The check that every header holds something (as the official Go SDK checks): the failure message naming the
    /// first header that is empty or white space only, in <paramref name="subject"/>'s words, or <c>null</c>.
    /// </summary>
    /// <param name="subject">Whose headers: <c>response</c> or <c>notification</c>.</param>
    public string? CheckFilled(string subject)
    {
        var blank = string.IsNullOrWhiteSpace(Nonce) ? "Wechatpay-Nonce"
            : string.IsNullOrWhiteSpace(Serial) ? "Wechatpay-Serial"
            : string.IsNullOrWhiteSpace(Signature) ? "Wechatpay-Signature"
            : string.IsNullOrWhiteSpace(Timestamp) ? "Wechatpay-Timestamp"
            : null;
        return blank is null ? null : $"The {subject}'s `{blank}` header is empty; WeChat Pay always fills it.";
    }

    /// <summary>The clock check; the failure message, or <c>null</c> within ±300 s.</summary>
    public string? CheckTime(long now) =>
        long.TryParse(Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts) && Math.Abs(now - ts) <= MaxSkewSeconds
            ? null
            : $"It's allowed time offset in ± {MaxSkewSeconds} seconds, the response was on {Timestamp}, your's localtime on {now}.";

    /// <summary>
    /// Looks the serial up and verifies the signature over <paramref name="body"/>; the failure message, or <c>null</c>.
    /// An answer's message is PHP's, quoting the signature; a notification's does not quote it (its sender is anyone
    /// who can reach <c>notify_url</c>, and the message goes to logs).
    /// </summary>
    public string? Verify(IReadOnlyDictionary<string, object> keys, byte[] body, out Exception? inner, bool notification = false)
    {
        inner = null;
        if (!keys.TryGetValue(Serial, out var key))
        {
            return $"{UnknownSerial}`{Serial}`)'s configuration, which's from the response(header:Wechatpay-Serial), your's {string.Join(",", keys.Keys)}.";
        }

        var verified = false;
#if !NETSTANDARD2_0
        var done = key is RSA rsa && TryVerifyInPlace(rsa, body, out verified);
#else
        var done = false;
#endif
        if (!done)
        {
            try
            {
                var head = SignedLines.ToArray(Timestamp, Nonce);
                verified = SigningScheme.Verify(key, head, body, RequestSigner.LineFeed, Convert.FromBase64String(Signature));
            }
            catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException or Org.BouncyCastle.Crypto.CryptoException)
            {
                inner = e;
            }
        }

        return verified ? null
            : notification ? $"Verify the notification's data with: timestamp={Timestamp}, nonce={Nonce}, cert=[{Serial} => ...] failed."
            : $"Verify the response's data with: timestamp={Timestamp}, nonce={Nonce}, signature={Signature}, cert=[{Serial} => ...] failed.";
    }

#if !NETSTANDARD2_0
    // Answers whose timestamp and nonce take up to this many UTF-8 bytes are checked with the head on the stack.
    private const int StackHead = 512;

    // The usual answer: its head and signature decoded on the stack, the message hashed in one call. Anything else —
    // a signature that is not base64 or too long, a head over 512 bytes, a key that fails — is left to the arrays in Verify,
    // which reports it (with its inner exception) exactly as before.
    private bool TryVerifyInPlace(RSA rsa, byte[] body, out bool verified)
    {
        verified = false;
        var headLength = SignedLines.Length(Timestamp, Nonce);
        if (headLength > StackHead)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[Crypto.Internal.RsaSignature.MaxStackSignature];
        if (!Convert.TryFromBase64String(Signature, signature, out var length))
        {
            return false;
        }

        Span<byte> head = stackalloc byte[StackHead];
        SignedLines.Write(head, Timestamp, Nonce);
        try
        {
            verified = Crypto.Internal.RsaSignature.Verify(head.Slice(0, headLength), body, RequestSigner.LineFeed, signature.Slice(0, length), rsa);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
#endif
}
