using System.Net.Http.Headers;

namespace ChainPay.Http;

/// <summary>
/// A request body held as the exact bytes sent, so the signer signs them without reading the content again.
/// <see cref="SignatureBody"/> differs from the bytes only for uploads, which sign their meta JSON (spec §7.8).
/// </summary>
internal sealed class SignedContent : ByteArrayContent
{
    /// <summary>Creates the content.</summary>
    /// <param name="bytes">The bytes sent.</param>
    /// <param name="contentType">The <c>Content-Type</c> header value.</param>
    /// <param name="signatureBody">What is signed in place of the bytes; <c>null</c> signs the bytes.</param>
    public SignedContent(byte[] bytes, string contentType, byte[]? signatureBody = null)
        : base(bytes)
    {
        SignatureBody = signatureBody ?? bytes;
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    /// <summary>The bytes the request signature covers.</summary>
    public byte[] SignatureBody { get; }
}
