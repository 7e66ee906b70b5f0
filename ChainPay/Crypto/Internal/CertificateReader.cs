using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChainPay.Crypto.Internal;

/// <summary>Loads X.509 certificates from DER, PEM text or <c>file://</c> paths on every target framework.</summary>
internal static class CertificateReader
{
    /// <summary>The scheme PHP's OpenSSL functions treat as "read this file".</summary>
    public const string FileScheme = "file://";

    /// <summary>Loads one DER-encoded certificate.</summary>
    public static X509Certificate2 FromDer(byte[] der)
    {
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadCertificate(der);
#else
        return new X509Certificate2(der);
#endif
    }

    /// <summary>Loads the first <c>CERTIFICATE</c> block of a PEM text.</summary>
    /// <exception cref="CryptographicException">No certificate block, or it does not parse.</exception>
    public static X509Certificate2 FromPem(string text)
    {
        PemBlock? block;
        try
        {
            block = PemBlock.Find(text, "CERTIFICATE");
        }
        catch (FormatException)
        {
            block = null;
        }

        if (block is null)
        {
            throw new CryptographicException("No PEM encoded certificate found.");
        }

        return FromDer(block.Der);
    }

    /// <summary>Reads a text file, accepting both a plain path and a <c>file://</c> prefixed one.</summary>
    public static string ReadText(string path)
    {
        return File.ReadAllText(StripFileScheme(path));
    }

    /// <summary>Removes a leading <c>file://</c>, if any.</summary>
    public static string StripFileScheme(string path)
    {
        return path.StartsWith(FileScheme, StringComparison.Ordinal) ? path.Substring(FileScheme.Length) : path;
    }
}
