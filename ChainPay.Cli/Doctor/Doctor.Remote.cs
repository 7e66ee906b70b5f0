using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;
using Flurl.Http;

namespace ChainPay.Cli.Doctor;

// The platform key, and what needs WeChat Pay (or the sandbox): its clock and one signed call.
internal sealed partial class Doctor
{
    private string? platformKeyId;
    private Dictionary<string, object?> platformKeys = new(StringComparer.Ordinal);

    private RSA? LoadPlatformKey(RSA? privateKey, out DoctorCheck check)
    {
        if (settings.PublicKeyId is null && settings.PlatformCertificate is null)
        {
            check = DoctorCheck.Fail(PlatformCheck, "neither a WeChat Pay public key nor a platform certificate is set",
                $"set {MerchantSettings.Source("WECHATPAY_PUBLIC_KEY_ID")} and {MerchantSettings.Source("WECHATPAY_PUBLIC_KEY")} (商户平台 → API安全 → 微信支付公钥), or {MerchantSettings.Source("WECHATPAY_PLATFORM_CERTIFICATE")} (`chainpay certificates download`)");
            return null;
        }

        if (settings.PublicKeyId is not null)
        {
            return LoadPublicKey(privateKey, out check);
        }

        return LoadPlatformCertificates(out check);
    }

    private RSA? LoadPublicKey(RSA? privateKey, out DoctorCheck check)
    {
        var id = settings.PublicKeyId!;
        if (!id.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal))
        {
            check = DoctorCheck.Fail(PlatformCheck, $"`{id}` is not a WeChat Pay public key id",
                "a public key id starts with PUB_KEY_ID_ (商户平台 → API安全 → 微信支付公钥); a 40-hex serial is a certificate's: give the certificate as WECHATPAY_PLATFORM_CERTIFICATE instead");
            return null;
        }

        if (settings.PublicKey is null)
        {
            check = DoctorCheck.Fail(PlatformCheck, $"{id} is set but not its key", $"set {MerchantSettings.Source("WECHATPAY_PUBLIC_KEY")} to the path of pub_key.pem");
            return null;
        }

        try
        {
            var key = Rsa.From(MerchantSettings.Key(settings.PublicKey), Rsa.KeyTypePublic);
            if (privateKey is not null && SameKey(key, privateKey))
            {
                check = DoctorCheck.Fail(PlatformCheck, "WECHATPAY_PUBLIC_KEY is your merchant key, not WeChat Pay's",
                    "WeChat Pay's public key is pub_key.pem downloaded from 商户平台 → API安全 → 微信支付公钥, beside its PUB_KEY_ID_…");
                return null;
            }

            platformKeyId = id;
            platformKeys[id] = key;
            check = DoctorCheck.Pass(PlatformCheck, $"{id}: RSA {key.KeySize}-bit public key loads");
            return key;
        }
        catch (Exception e) when (e is InvalidArgumentException or CryptographicException or IOException)
        {
            check = DoctorCheck.Fail(PlatformCheck, $"the key of {id} does not load: " + FirstLine(e.Message),
                "WECHATPAY_PUBLIC_KEY is pub_key.pem (-----BEGIN PUBLIC KEY-----) from 商户平台 → API安全 → 微信支付公钥, not apiclient_cert.pem");
            return null;
        }
    }

    private async Task<DoctorCheck> CheckClockAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            using var response = await http.GetAsync(new Uri(new Uri(BaseUri), "v3/certificates"), cancellationToken).ConfigureAwait(false);
            if (response.Headers.Date is not { } date)
            {
                return DoctorCheck.Fail(ClockCheck, $"{BaseUri} answered without a Date header", "check WECHATPAY_BASE_URI: it should be WeChat Pay's API (https://api.mch.weixin.qq.com/)");
            }

            var skew = clock() - date;
            var verdict = $"{Math.Abs(skew.TotalSeconds):0} s {(skew >= TimeSpan.Zero ? "ahead of" : "behind")} WeChat Pay's Date";
            return skew.Duration() > MaxSkew
                ? DoctorCheck.Fail(ClockCheck, verdict + $"; WeChat Pay refuses more than {MaxSkew.TotalMinutes:0} minutes", "synchronise this machine's clock (NTP: `timedatectl set-ntp true`, `w32tm /resync`); the time zone does not matter, the time does")
                : DoctorCheck.Pass(ClockCheck, verdict);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return DoctorCheck.Fail(ClockCheck, $"cannot reach {BaseUri}: {FirstLine(e.Message)}", "check the network, a proxy (HTTPS_PROXY) and WECHATPAY_BASE_URI");
        }
    }

    private async Task<(DoctorCheck Check, bool RefusedSignature)> CallAsync(RSA? privateKey, RSA? platformKey, bool clockOk, CancellationToken cancellationToken)
    {
        if (privateKey is null || platformKey is null || settings.Serial is null || settings.Mchid is null)
        {
            return (DoctorCheck.Fail(CallCheck, "not sent: the keys above are not usable", "fix the checks above"), false);
        }

        const string uri = "v3/pay/transactions/out-trade-no/{out_trade_no}";
        try
        {
            var instance = Builder.Factory(new BuilderOptions
            {
                Mchid = settings.Mchid, Serial = settings.Serial, PrivateKey = privateKey,
                Certs = platformKeys, BaseUri = BaseUri, Clock = clock,
            });
            var response = await instance.Chain(uri).GetAsync(new { out_trade_no = "chainpay-doctor-probe", query = new { mchid = settings.Mchid } }, cancellationToken).ConfigureAwait(false);
            return (DoctorCheck.Pass(CallCheck, $"GET /v3/pay/transactions/out-trade-no/… answered HTTP {response.StatusCode}, signature verified with {platformKeyId}"), false);
        }
        catch (ApiException e) when (e.StatusCode == 401 && (e.Verified || !clockOk))
        {
            // With a skewed clock ChainPay also refuses the answer's timestamp: the refusal is still the clock's.
            var fix = clockOk ? "the private key, the serial and the merchant id must belong together (see the line above)" : "synchronise the clock (see the clock line)";
            return (DoctorCheck.Fail(CallCheck, $"WeChat Pay refused the request: HTTP 401 {e.Code} {e.ErrorMessage}", fix), clockOk);
        }
        catch (ApiException e) when (e.Verified)
        {
            // Any other verified answer (404 ORDER_NOT_EXIST for the probe) proves the whole round trip.
            return (DoctorCheck.Pass(CallCheck, $"GET /v3/pay/transactions/out-trade-no/… answered HTTP {e.StatusCode} {e.Code}, signature verified with {platformKeyId}"), false);
        }
        catch (ApiException e)
        {
            return (DoctorCheck.Fail(CallCheck, $"HTTP {e.StatusCode} {e.Code}, and the answer's signature did not verify", "check the platform key above: WeChat Pay signs with the key of its Wechatpay-Serial"), false);
        }
        catch (ResponseVerificationException e)
        {
            return (DoctorCheck.Fail(CallCheck, "WeChat Pay answered, but the answer did not verify: " + FirstLine(e.Message),
                $"the platform key must be WeChat Pay's key for {platformKeyId} (answer verification failed: do not use the merchant certificate or key here)"), false);
        }
        catch (Exception e) when (e is InvalidArgumentException or FlurlHttpException or WeChatPayException)
        {
            return (DoctorCheck.Fail(CallCheck, $"{e.GetType().Name}: {FirstLine(e.Message)}", "check the network and WECHATPAY_BASE_URI"), false);
        }
    }
}
