using System.Security.Cryptography.X509Certificates;
using ChainPay.Util;

namespace ChainPay.AspNetCore.HealthChecks;

/// <summary>When a <see cref="BuilderOptions.Certs"/> value stops being valid: a certificate's <c>NotAfter</c>; a bare public key (<c>PUB_KEY_ID_…</c>) has none.</summary>
internal static class PlatformKeyExpiry
{
    /// <summary>The expiry of <paramref name="value"/> when it is (or names a file holding) an X.509 certificate; otherwise <c>null</c>.</summary>
    public static DateTimeOffset? Of(object? value)
    {
        switch (value)
        {
            case X509Certificate2 certificate:
                return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            case string text when text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal) || text.StartsWith("file://", StringComparison.Ordinal):
                return Load(text);
            case string path when Path.IsPathRooted(path) && File.Exists(path):
                return Load("file://" + path);
            default:
                return null;
        }
    }

    private static DateTimeOffset? Load(string pemOrFile)
    {
        try
        {
            using var certificate = PemUtil.LoadCertificateFromString(pemOrFile);
            return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (InvalidArgumentException)
        {
            return null; // a public key, not a certificate: it does not expire
        }
    }
}
