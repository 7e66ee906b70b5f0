using System.CommandLine;

namespace ChainPay.Cli;

/// <summary>
/// A merchant's configuration, read as docs/quickstart.cs reads it: the <c>WECHATPAY_*</c> environment variables,
/// each overridden by its option. No <c>WECHATPAY_MCHID</c> (and no <c>--mchid</c>) means the built-in sandbox.
/// </summary>
internal sealed class MerchantSettings
{
    public string? Mchid { get; set; }

    public string? Serial { get; set; }

    /// <summary>A path, a <c>file://</c> URL or PEM text; never printed.</summary>
    public string? PrivateKey { get; set; }

    public string? PublicKeyId { get; set; }

    /// <summary>A path, a <c>file://</c> URL or PEM text.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Never printed.</summary>
    public string? ApiV3Key { get; set; }

    /// <summary>The merchant API certificate (apiclient_cert.pem), optional.</summary>
    public string? MerchantCertificate { get; set; }

    /// <summary>A platform certificate (wechatpay_….pem), for merchants without a public key.</summary>
    public string? PlatformCertificate { get; set; }

    public string? BaseUri { get; set; }

    /// <summary>Whether no merchant id is set: the commands use the built-in sandbox.</summary>
    public bool IsSandbox => string.IsNullOrEmpty(Mchid);

    /// <summary>A key value as ChainPay takes it: PEM text and URLs as they are, a path made absolute.</summary>
    public static string Key(string value) =>
        value.Contains("-----BEGIN", StringComparison.Ordinal) || value.Contains("://", StringComparison.Ordinal) ? value : "file://" + Path.GetFullPath(value);

    /// <summary>Where a value came from, for messages: the option or the variable, never the value.</summary>
    public static string Source(string variable) => $"{variable} (or --{Options.OptionName(variable)})";

    /// <summary>The options every merchant command takes, one per variable.</summary>
    internal sealed class Options
    {
        private static readonly string[] Variables =
        {
            "WECHATPAY_MCHID", "WECHATPAY_SERIAL", "WECHATPAY_PRIVATE_KEY", "WECHATPAY_PUBLIC_KEY_ID", "WECHATPAY_PUBLIC_KEY",
            "WECHATPAY_APIV3_KEY", "WECHATPAY_CERTIFICATE", "WECHATPAY_PLATFORM_CERTIFICATE", "WECHATPAY_BASE_URI",
        };

        private static readonly string[] Descriptions =
        {
            "商户号, the merchant id; unset: the built-in sandbox",
            "商户API证书序列号, the serial of the merchant API certificate",
            "apiclient_key.pem: a path or PEM text (prefer the variable: it is a secret)",
            "微信支付公钥ID, PUB_KEY_ID_…",
            "pub_key.pem, the WeChat Pay public key: a path or PEM text",
            "APIv3密钥, 32 characters (prefer the variable: it is a secret)",
            "apiclient_cert.pem, the merchant API certificate (optional: checks the key and the serial locally)",
            "wechatpay_<serial>.pem (merchants without a public key), a PEM file of several certificates, or the folder `chainpay certificates download` wrote; each is listed with its expiry",
            "the API's base URI, https://api.mch.weixin.qq.com/ by default",
        };

        private readonly Option<string>[] options;

        public Options()
        {
            options = Variables.Select((v, i) => new Option<string>("--" + OptionName(v)) { Description = $"{Descriptions[i]} [env: {v}]" }).ToArray();
        }

        public IEnumerable<Option> All => options;

        public static string OptionName(string variable) => variable.Substring("WECHATPAY_".Length).ToLowerInvariant().Replace('_', '-');

        public MerchantSettings Read(ParseResult result, Func<string, string?> environment)
        {
            string? Get(int i)
            {
                var value = result.GetValue(options[i]);
                return string.IsNullOrEmpty(value) ? NullIfEmpty(environment(Variables[i])) : value;
            }

            return new MerchantSettings
            {
                Mchid = Get(0), Serial = Get(1), PrivateKey = Get(2), PublicKeyId = Get(3), PublicKey = Get(4),
                ApiV3Key = Get(5), MerchantCertificate = Get(6), PlatformCertificate = Get(7), BaseUri = Get(8),
            };
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
