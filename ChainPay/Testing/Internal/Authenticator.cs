using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Util;

namespace ChainPay.Testing.Internal;

/// <summary>
/// Checks a request's <c>Authorization</c> as WeChat Pay does: the scheme and its five fields, the merchant's
/// public key for <c>mchid</c> + <c>serial_no</c>, a timestamp within ±300 s and a nonce not seen before.
/// </summary>
internal sealed class Authenticator
{
    private const string Scheme = "WECHATPAY2-SHA256-RSA2048 ";
    private readonly Dictionary<string, (string Serial, RSA PublicKey)> merchants = new(StringComparer.Ordinal);
    private readonly NonceCache seenNonces = new(600);

    public void Add(string mchid, string serial, RSA publicKey)
    {
        lock (merchants)
        {
            merchants[mchid] = (serial, publicKey);
        }
    }

    /// <summary>The public key of merchant <paramref name="mchid"/>, or <c>null</c>.</summary>
    public RSA? PublicKeyOf(string mchid)
    {
        lock (merchants)
        {
            return merchants.TryGetValue(mchid, out var merchant) ? merchant.PublicKey : null;
        }
    }

    /// <summary>Returns the proven merchant id, or throws a <c>SIGN_ERROR</c>.</summary>
    public string Authenticate(string method, string target, string? authorization, byte[] body, long now)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw SandboxError.Sign("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》");
        }

        var fields = Parse(authorization.Substring(Scheme.Length));
        if (!fields.TryGetValue("mchid", out var mchid) || !fields.TryGetValue("serial_no", out var serial)
            || !fields.TryGetValue("timestamp", out var timestamp) || !fields.TryGetValue("nonce_str", out var nonce)
            || !fields.TryGetValue("signature", out var signature) || fields.Count != 5)
        {
            throw SandboxError.Sign("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》");
        }

        (string Serial, RSA PublicKey) merchant;
        lock (merchants)
        {
            if (!merchants.TryGetValue(mchid, out merchant) || merchant.Serial != serial)
            {
                throw SandboxError.Sign("商户证书序列号有误。请使用签名私钥匹配的证书序列号");
            }
        }

        if (!long.TryParse(timestamp, out var ts) || Math.Abs(now - ts) > 300)
        {
            throw SandboxError.Sign("Http头Authorization中的timestamp与当前时间相差超过5分钟");
        }

        var head = Encoding.UTF8.GetBytes($"{method}\n{target}\n{timestamp}\n{nonce}\n");
        bool valid;
        try
        {
            valid = Rsa.Verify(head, body, Http.RequestSigner.LineFeed, Convert.FromBase64String(signature), merchant.PublicKey);
        }
        catch (FormatException)
        {
            valid = false;
        }

        if (!valid)
        {
            throw SandboxError.Sign("签名错误，请检查后再试");
        }

        if (!seenNonces.TryAdd(mchid + "\n" + nonce, now))
        {
            throw SandboxError.Sign("请求的nonce_str已被使用，请勿重放请求");
        }

        return mchid;
    }

    private static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || part.Length < eq + 3 || part[eq + 1] != '"' || part[part.Length - 1] != '"')
            {
                throw SandboxError.Sign("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》");
            }

            result[part.Substring(0, eq)] = part.Substring(eq + 2, part.Length - eq - 3);
        }

        return result;
    }
}
