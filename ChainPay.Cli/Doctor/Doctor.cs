using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using ChainPay.Crypto;

namespace ChainPay.Cli.Doctor;

/// <summary>
/// The checks of <c>chainpay doctor</c>, in order: the private key, the merchant certificate and serial, the
/// platform key, the APIv3 key, the clock against WeChat Pay's <c>Date</c>, and one signed read-only call. Each
/// gives a verdict and a fix; none prints a key, a key's bytes or the APIv3 key.
/// </summary>
internal sealed partial class Doctor
{
    /// <summary>WeChat Pay refuses a request whose timestamp is more than 5 minutes away from its clock.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private const string PrivateKeyCheck = "private key";
    private const string SerialCheck = "private key ↔ Serial";
    private const string PlatformCheck = "platform key";
    private const string ApiV3Check = "APIv3 key";
    private const string ClockCheck = "clock";
    private const string CallCheck = "signed call";

    private readonly MerchantSettings settings;
    private readonly Func<DateTimeOffset> clock;
    private readonly Action<string> progress;

    public Doctor(MerchantSettings settings, Func<DateTimeOffset> clock, Action<string> progress)
    {
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
    }

    /// <summary>Runs every check; the list is in the order above.</summary>
    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken)
    {
        progress("loading the keys");
        var privateKey = LoadPrivateKey(out var keyCheck);
        var checks = new List<DoctorCheck> { keyCheck };
        var serialCheck = CheckCertificate(privateKey);
        var platformKey = LoadPlatformKey(privateKey, out var platformCheck);
        checks.Add(platformCheck);
        checks.Add(CheckApiV3Key());
        progress($"reading WeChat Pay's clock at {BaseUri}");
        var clockCheck = await CheckClockAsync(cancellationToken).ConfigureAwait(false);
        checks.Add(clockCheck);
        progress("making one signed read-only call");
        var (call, refusedSignature) = await CallAsync(privateKey, platformKey, clockCheck.Passed, cancellationToken).ConfigureAwait(false);
        checks.Add(call);
        if (serialCheck is null)
        {
            serialCheck = privateKey is null || settings.Serial is null ? SerialUnknown()
                : refusedSignature ? DoctorCheck.Fail(SerialCheck, $"WeChat Pay refused the signature made with this key under serial {settings.Serial}",
                    $"{MerchantSettings.Source("WECHATPAY_SERIAL")} must be the serial of the certificate issued with apiclient_key.pem (商户平台 → API安全 → 管理证书; `openssl x509 -in apiclient_cert.pem -noout -serial`); give {MerchantSettings.Source("WECHATPAY_CERTIFICATE")} to check locally")
                : call.Passed ? DoctorCheck.Pass(SerialCheck, $"WeChat Pay accepted a request signed with this key under serial {settings.Serial}")
                : DoctorCheck.Fail(SerialCheck, "not proven: the signed call did not get through", "fix the signed call below, or give apiclient_cert.pem to check locally");
        }

        checks.Insert(1, serialCheck);
        return checks;
    }

    private string BaseUri => settings.BaseUri ?? BuilderOptions.DefaultBaseUri;

    private RSA? LoadPrivateKey(out DoctorCheck check)
    {
        if (settings.PrivateKey is null)
        {
            check = DoctorCheck.Fail(PrivateKeyCheck, "not set", $"set {MerchantSettings.Source("WECHATPAY_PRIVATE_KEY")} to the path of apiclient_key.pem");
            return null;
        }

        try
        {
            var key = Rsa.From(MerchantSettings.Key(settings.PrivateKey));
            check = DoctorCheck.Pass(PrivateKeyCheck, $"loads: RSA {key.KeySize}-bit private key");
            return key;
        }
        catch (Exception e) when (e is InvalidArgumentException or CryptographicException or IOException)
        {
            check = DoctorCheck.Fail(PrivateKeyCheck, "does not load: " + FirstLine(e.Message),
                "use apiclient_key.pem from the merchant API certificate download (-----BEGIN PRIVATE KEY-----), not the certificate or WeChat Pay's public key");
            return null;
        }
    }

    private DoctorCheck? CheckCertificate(RSA? privateKey)
    {
        if (settings.Serial is null)
        {
            return DoctorCheck.Fail(SerialCheck, "WECHATPAY_SERIAL is not set", $"set {MerchantSettings.Source("WECHATPAY_SERIAL")} to the merchant API certificate's serial (40 hex digits)");
        }

        if (!Regex.IsMatch(settings.Serial, "^[0-9A-Fa-f]{8,40}$"))
        {
            return DoctorCheck.Fail(SerialCheck, $"the serial `{settings.Serial}` is not hexadecimal",
                "the serial is 40 hex digits (`openssl x509 -in apiclient_cert.pem -noout -serial`), not a PUB_KEY_ID_… or the merchant id");
        }

        if (settings.MerchantCertificate is null || privateKey is null)
        {
            return null; // proven by the signed call
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(ReadPem(settings.MerchantCertificate));
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            return DoctorCheck.Fail(SerialCheck, "the merchant certificate does not load: " + FirstLine(e.Message), "WECHATPAY_CERTIFICATE is apiclient_cert.pem (-----BEGIN CERTIFICATE-----)");
        }

        using (certificate)
        {
            using var certificateKey = certificate.GetRSAPublicKey();
            if (certificateKey is null || !SameKey(certificateKey, privateKey))
            {
                return DoctorCheck.Fail(SerialCheck, "the private key does not belong to the merchant certificate",
                    "apiclient_key.pem and apiclient_cert.pem must come from the same certificate application (商户平台 → API安全 → 管理证书)");
            }

            if (!string.Equals(certificate.SerialNumber, settings.Serial, StringComparison.OrdinalIgnoreCase))
            {
                return DoctorCheck.Fail(SerialCheck, $"the merchant certificate's serial is {certificate.SerialNumber}, not {settings.Serial}",
                    $"set {MerchantSettings.Source("WECHATPAY_SERIAL")} to {certificate.SerialNumber}");
            }

            var now = clock();
            if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
            {
                return DoctorCheck.Fail(SerialCheck, $"the merchant certificate expired on {certificate.NotAfter:yyyy-MM-dd}", "apply for a new merchant API certificate (商户平台 → API安全 → 申请证书)");
            }

            return DoctorCheck.Pass(SerialCheck, $"the key matches the merchant certificate {certificate.SerialNumber} (valid until {certificate.NotAfter:yyyy-MM-dd})");
        }
    }

    private DoctorCheck SerialUnknown() =>
        DoctorCheck.Fail(SerialCheck, "not proven: the private key did not load", "fix the private key first");

    private DoctorCheck CheckApiV3Key()
    {
        if (settings.ApiV3Key is null)
        {
            return DoctorCheck.Fail(ApiV3Check, "not set (notifications and /v3/certificates cannot be decrypted)",
                $"set {MerchantSettings.Source("WECHATPAY_APIV3_KEY")} to the APIv3 key (商户平台 → API安全 → 设置APIv3密钥)");
        }

        var length = Encoding.UTF8.GetByteCount(settings.ApiV3Key);
        return length == 32
            ? DoctorCheck.Pass(ApiV3Check, "32 bytes")
            : DoctorCheck.Fail(ApiV3Check, $"{length} bytes; an APIv3 key is 32",
                "copy the APIv3 key (APIv3密钥, 32 characters) from 商户平台 → API安全; it is neither the APIv2 key nor a serial, and it has no spaces or line breaks");
    }

    private static bool SameKey(RSA a, RSA b) =>
        a.ExportParameters(false).Modulus.AsSpan().SequenceEqual(b.ExportParameters(false).Modulus);

    private static string ReadPem(string value) =>
        value.Contains("-----BEGIN", StringComparison.Ordinal) ? value : File.ReadAllText(value.StartsWith("file://", StringComparison.Ordinal) ? new Uri(value).LocalPath : value);

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
