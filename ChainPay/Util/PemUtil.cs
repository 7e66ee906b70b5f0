using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using ChainPay.Crypto.Internal;

namespace ChainPay.Util;

/// <summary>
/// Certificate and private key loading helpers, as wechatpay-php's <c>WeChatPay\Util\PemUtil</c>.
/// </summary>
public static class PemUtil
{
    private const string SerialFailed = "Read the $certificate failed, please check it whether or nor correct";

    /// <summary>Loads a PEM X.509 certificate from a file.</summary>
    /// <param name="filepath">The path, with or without a leading <c>file://</c>.</param>
    /// <returns>The certificate; the caller owns it.</returns>
    /// <exception cref="InvalidArgumentException"><c>Loading the certificate failed, please checking your {filepath} input.</c>
    /// (ParamName <c>filepath</c>) when the file cannot be read or holds no valid certificate.</exception>
    /// <example>
    /// <code>
    /// using X509Certificate2 platform = PemUtil.LoadCertificate("/path/to/wechatpay_cert.pem");
    /// </code>
    /// </example>
    public static X509Certificate2 LoadCertificate(string filepath)
    {
        if (filepath is null)
        {
            throw new ArgumentNullException(nameof(filepath));
        }

        string message = $"Loading the certificate failed, please checking your {filepath} input.";
        string content;
        try
        {
            content = CertificateReader.ReadText(filepath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            throw new InvalidArgumentException(message, nameof(filepath), e);
        }

        try
        {
            return CertificateReader.FromPem(content);
        }
        catch (CryptographicException)
        {
            throw new InvalidArgumentException(message, nameof(filepath));
        }
    }

    /// <summary>Loads a PEM X.509 certificate from a string (or, like PHP, from a <c>file://</c> path).</summary>
    /// <param name="pem">The <c>-----BEGIN CERTIFICATE-----</c> text, or <c>file://</c> plus a path.</param>
    /// <returns>The certificate; the caller owns it.</returns>
    /// <exception cref="InvalidArgumentException"><c>Loading the certificate failed, please checking your $pem input.</c>
    /// (ParamName <c>pem</c>); the message never echoes the input.</exception>
    /// <example>
    /// <code>
    /// using X509Certificate2 platform = PemUtil.LoadCertificateFromString(pemText);
    /// </code>
    /// </example>
    public static X509Certificate2 LoadCertificateFromString(string pem)
    {
        if (pem is null)
        {
            throw new ArgumentNullException(nameof(pem));
        }

        try
        {
            return FromText(pem);
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            throw new InvalidArgumentException("Loading the certificate failed, please checking your $pem input.", nameof(pem));
        }
    }

    /// <summary>Loads a private key from a file (PHP marks this deprecated in favour of <c>Rsa.From</c>).</summary>
    /// <param name="filepath">The path, with or without a leading <c>file://</c>.</param>
    /// <returns>The private key; the caller owns it.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded (see <see cref="Rsa.From(object, string)"/>).</exception>
    /// <example>
    /// <code>
    /// using RSA key = PemUtil.LoadPrivateKey("/path/to/apiclient_key.pem"); // = Rsa.From("file:///path/to/apiclient_key.pem")
    /// </code>
    /// </example>
    public static RSA LoadPrivateKey(string filepath)
    {
        if (filepath is null)
        {
            throw new ArgumentNullException(nameof(filepath));
        }

        string uri = filepath.StartsWith(CertificateReader.FileScheme, StringComparison.Ordinal)
            ? filepath
            : CertificateReader.FileScheme + filepath;
        return Rsa.From(uri);
    }

    /// <summary>Loads a private key from a string (PHP marks this deprecated in favour of <c>Rsa.From</c>).</summary>
    /// <param name="content">Anything <see cref="Rsa.From(object, string)"/> accepts as a private key string.</param>
    /// <returns>The private key; the caller owns it.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded (see <see cref="Rsa.From(object, string)"/>).</exception>
    /// <example>
    /// <code>
    /// using RSA key = PemUtil.LoadPrivateKeyFromString(pemText);
    /// </code>
    /// </example>
    public static RSA LoadPrivateKeyFromString(string content)
    {
        return Rsa.From(content);
    }

    /// <summary>
    /// The certificate's serial number as OpenSSL prints it: upper-case hex, big-endian, without the sign byte .NET's
    /// <c>X509Certificate2.SerialNumber</c> adds (<c>00C057…</c> becomes <c>C057…</c>).
    /// </summary>
    /// <param name="certificate">An <see cref="X509Certificate"/>, a PEM string, or <c>file://</c> plus a path.</param>
    /// <returns>The serial, e.g. <c>5157F09EFDC096DE15EBE81A47057A7232F4B0F9</c>.</returns>
    /// <exception cref="InvalidArgumentException"><c>Read the $certificate failed, please check it whether or nor correct</c>
    /// (ParamName <c>certificate</c>).</exception>
    /// <example>
    /// <code>
    /// string serial = PemUtil.ParseCertificateSerialNo("file:///path/to/apiclient_cert.pem");
    /// </code>
    /// </example>
    public static string ParseCertificateSerialNo(object certificate)
    {
        X509Certificate2? owned = null;
        try
        {
            X509Certificate x509 = certificate switch
            {
                X509Certificate given => given,
                string text => owned = FromText(text),
                _ => throw new InvalidArgumentException(SerialFailed, nameof(certificate)),
            };

            byte[] serial = x509.GetSerialNumber(); // little-endian
            if (serial.Length == 0)
            {
                throw new InvalidArgumentException(SerialFailed, nameof(certificate));
            }

            Array.Reverse(serial);
            int start = 0;
            while (start < serial.Length - 1 && serial[start] == 0)
            {
                start++;
            }

            return Hex.Upper(serial, start);
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            throw new InvalidArgumentException(SerialFailed, nameof(certificate));
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private static X509Certificate2 FromText(string text)
    {
        string content = text.StartsWith(CertificateReader.FileScheme, StringComparison.Ordinal)
            ? CertificateReader.ReadText(text)
            : text;
        return CertificateReader.FromPem(content);
    }

    private static bool IsLoadFailure(Exception e)
    {
        return e is CryptographicException or IOException or UnauthorizedAccessException or NotSupportedException
            or System.Security.SecurityException
            || (e is ArgumentException && e is not InvalidArgumentException);
    }
}
