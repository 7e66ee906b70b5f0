using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChainPay.Cli.Doctor;

// The platform certificates (merchants without a WeChat Pay public key): every one listed with its serial and expiry;
// a warning when one expires within 30 days, a failure when all have expired.
internal sealed partial class Doctor
{
    /// <summary>A platform certificate expiring sooner than this gets a warning (⚠, still passing).</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    private const string DownloadFix = "download the current ones (`chainpay certificates download`), or switch to the WeChat Pay public key (商户平台 → API安全 → 微信支付公钥)";

    private RSA? LoadPlatformCertificates(out DoctorCheck check)
    {
        List<(string Serial, DateTime NotAfter, RSA Key)> certificates;
        try
        {
            certificates = ReadCertificates(settings.PlatformCertificate!);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            check = DoctorCheck.Fail(PlatformCheck, "the platform certificate does not load: " + FirstLine(e.Message),
                "WECHATPAY_PLATFORM_CERTIFICATE is a wechatpay_<serial>.pem written by `chainpay certificates download` (or the folder holding them)");
            return null;
        }

        if (certificates.Count == 0)
        {
            check = DoctorCheck.Fail(PlatformCheck, $"no certificate in {settings.PlatformCertificate}",
                "WECHATPAY_PLATFORM_CERTIFICATE is a wechatpay_<serial>.pem written by `chainpay certificates download` (or the folder holding them)");
            return null;
        }

        var now = clock().UtcDateTime;
        foreach (var certificate in certificates)
        {
            platformKeys[certificate.Serial] = certificate.Key;
        }

        platformKeyId = string.Join(" or ", certificates.Select(c => c.Serial));
        var valid = certificates.Where(c => c.NotAfter >= now).ToList();
        if (valid.Count == 0)
        {
            check = DoctorCheck.Fail(PlatformCheck, certificates.Count == 1
                ? $"the platform certificate {certificates[0].Serial} expired on {Day(certificates[0].NotAfter)}"
                : $"every platform certificate has expired: {List(certificates, now)}", DownloadFix);
            return certificates[0].Key;
        }

        var verdict = certificates.Count == 1 ? "platform certificate " + List(certificates, now) : $"{certificates.Count} platform certificates: {List(certificates, now)}";
        var soon = valid.Where(c => c.NotAfter - now < ExpiryWarning).OrderBy(c => c.NotAfter).ToList();
        check = soon.Count == 0
            ? DoctorCheck.Pass(PlatformCheck, verdict)
            : DoctorCheck.Warn(PlatformCheck, verdict,
                $"{soon[0].Serial} expires within {ExpiryWarning.TotalDays:0} days: download the current certificates (`chainpay certificates download`) before {Day(soon[0].NotAfter)} so the newer one is configured, or switch to the WeChat Pay public key");
        return valid.OrderByDescending(c => c.NotAfter).First().Key;
    }

    /// <summary>"SERIAL, valid until yyyy-MM-dd (N days)" or "SERIAL, expired on yyyy-MM-dd", joined with "; ".</summary>
    private static string List(IEnumerable<(string Serial, DateTime NotAfter, RSA Key)> certificates, DateTime now) =>
        string.Join("; ", certificates.Select(c => c.NotAfter < now
            ? $"{c.Serial}, expired on {Day(c.NotAfter)}"
            : $"{c.Serial}, valid until {Day(c.NotAfter)} ({((int)(c.NotAfter - now).TotalDays).ToString(CultureInfo.InvariantCulture)} days)"));

    private static string Day(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every certificate in PEM text, a file (one or several certificates) or a folder of <c>*.pem</c> files.</summary>
    private static List<(string Serial, DateTime NotAfter, RSA Key)> ReadCertificates(string value)
    {
        var path = value.StartsWith("file://", StringComparison.Ordinal) ? new Uri(value).LocalPath : value;
        var texts = value.Contains("-----BEGIN", StringComparison.Ordinal) ? new[] { value }
            : Directory.Exists(path) ? Directory.GetFiles(path, "*.pem").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray()
            : new[] { File.ReadAllText(path) };
        var found = new List<(string, DateTime, RSA)>();
        foreach (var text in texts)
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(text);
            foreach (var certificate in collection)
            {
                using (certificate)
                {
                    var key = certificate.GetRSAPublicKey() ?? throw new CryptographicException($"the certificate {certificate.SerialNumber} has no RSA key");
                    found.Add((certificate.SerialNumber, certificate.NotAfter.ToUniversalTime(), key));
                }
            }
        }

        return found;
    }
}
