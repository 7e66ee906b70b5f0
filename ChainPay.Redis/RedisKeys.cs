using System.Security.Cryptography;
using System.Text;

namespace ChainPay.Redis;

/// <summary>
/// The names of ChainPay's Redis keys (docs/scaling-out.md has the table). Nonces come from headers anyone can send, so
/// one that is long or not plain printable ASCII is named by its SHA-256 instead: a key's length stays bounded.
/// </summary>
internal static class RedisKeys
{
    /// <summary>The longest nonce kept as it is; longer ones become <c>sha256:</c> and 64 hex digits (71 characters, so never equal to a kept one).</summary>
    internal const int MaxPlainNonce = 64;

    /// <summary><c>{prefix}:{merchant}:nonce:{purpose}:{nonce}</c>.</summary>
    public static string Nonce(string prefix, string merchant, string purpose, string nonce) =>
        prefix + ":" + merchant + ":nonce:" + purpose + ":" + NoncePart(nonce);

    /// <summary><c>{prefix}:{merchant}:certificates</c>.</summary>
    public static string Certificates(string prefix, string merchant) => prefix + ":" + merchant + ":certificates";

    /// <summary><c>{prefix}:{merchant}:certificates:lock</c>.</summary>
    public static string CertificatesLock(string prefix, string merchant) => Certificates(prefix, merchant) + ":lock";

    /// <summary><c>{prefix}:{merchant}:ratelimit:{METHOD template}</c>, e.g. <c>chainpay:1900000001:ratelimit:POST v3/…/cancel</c>.</summary>
    public static string RateLimit(string prefix, string merchant, string api) => prefix + ":" + merchant + ":ratelimit:" + api;

    /// <summary>The nonce as it is when short and printable ASCII, else <c>sha256:</c> and its hex digest.</summary>
    internal static string NoncePart(string nonce)
    {
        if (nonce.Length <= MaxPlainNonce && nonce.All(c => c > ' ' && c < 127))
        {
            return nonce;
        }

        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(nonce));
        var hex = new StringBuilder("sha256:", 7 + 64);
        foreach (var b in digest)
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
