using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Crypto.Internal;

namespace ChainPay.Http;

/// <summary>
/// Signs an APIv3 request at send time (spec §4): RSA-SHA256 over
/// <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n</c>, where TARGET is the wire target
/// (<see cref="Uri.PathAndQuery"/>) and BODY the exact bytes sent; sets <c>Authorization</c>.
/// </summary>
internal sealed class RequestSigner
{
    /// <summary>The line feed that ends every signed message.</summary>
    internal static readonly byte[] LineFeed = { (byte)'\n' };

#if !NETSTANDARD2_0
    private const int StackHead = 1024;
#endif

    private readonly string mchid;
    private readonly string serial;
    private readonly object privateKey;
    private readonly string scheme;
    private readonly Func<DateTimeOffset> clock;
    private readonly Func<string> nonce;

    /// <summary>Creates the signer for one merchant; <paramref name="privateKey"/> is a loaded key or an <see cref="ISigner"/>.</summary>
    public RequestSigner(string mchid, string serial, object privateKey, Func<DateTimeOffset> clock, Func<string> nonce, string scheme = BuilderOptions.SchemeRsa)
    {
        this.scheme = scheme;
        this.mchid = mchid;
        this.serial = serial;
        this.privateKey = privateKey;
        this.clock = clock;
        this.nonce = nonce;
    }

    /// <summary>Signs <paramref name="request"/> in place, replacing any <c>Authorization</c> it carries.</summary>
    public async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var timestamp = clock().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonceStr = nonce();
        var body = request.Content switch
        {
            null => Array.Empty<byte>(),
            SignedContent signed => signed.SignatureBody,
            var other => await other.ReadAsByteArrayAsync().ConfigureAwait(false),
        };

        var target = request.RequestUri!.PathAndQuery;
#if !NETSTANDARD2_0
        if (privateKey is RSA rsa && SignInPlace(rsa, request.Method.Method, target, timestamp, nonceStr, body) is { } value)
        {
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", value);
            return;
        }
#endif

        var head = SignedLines.ToArray(request.Method.Method, target, timestamp, nonceStr);
        var signature = privateKey is ISigner external
            ? await external.SignAsync(SigningScheme.Concat(head, body, LineFeed), cancellationToken).ConfigureAwait(false)
            : SigningScheme.Sign(privateKey, head, body, LineFeed);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", AuthorizationValue.Build(scheme, mchid, nonceStr, signature, timestamp, serial));
    }

#if !NETSTANDARD2_0
    // Head and signature on the stack (the usual case: a head under 1 KB, a key up to 4,096 bits), the message hashed
    // in one call: the same Authorization value as the arrays above, whose path this falls back to otherwise (null).
    private string? SignInPlace(RSA rsa, string method, string target, string timestamp, string nonceStr, byte[] body)
    {
        var headLength = SignedLines.Length(method, target, timestamp, nonceStr);
        if (headLength > StackHead || (rsa.KeySize + 7) / 8 > RsaSignature.MaxStackSignature)
        {
            return null;
        }

        Span<byte> head = stackalloc byte[StackHead];
        SignedLines.Write(head, method, target, timestamp, nonceStr);
        Span<byte> signature = stackalloc byte[RsaSignature.MaxStackSignature];
        var written = RsaSignature.Sign(head.Slice(0, headLength), body, LineFeed, rsa, signature);
        return written < 0 ? null : AuthorizationValue.Build(scheme, mchid, nonceStr, signature.Slice(0, written), timestamp, serial);
    }
#endif
}
