using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto.Internal;

namespace ChainPay.Crypto;

/// <summary>
/// The APIv2 hashing helpers of wechatpay-php's <c>WeChatPay\Crypto\Hash</c>: MD5 and HMAC signatures over
/// <c>stringA&amp;key=SECRET</c>, and a constant-time string comparison. Strings are UTF-8; hex is lower-case
/// (upper-case from <see cref="Sign"/>).
/// </summary>
public static class Hash
{
    /// <summary>The APIv2 <c>sign_type</c> value for MD5 signatures.</summary>
    public const string AlgoMd5 = "MD5";

    /// <summary>The APIv2 <c>sign_type</c> value for HMAC-SHA256 signatures.</summary>
    public const string AlgoHmacSha256 = "HMAC-SHA256";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    private static readonly Dictionary<string, Func<byte[], HMAC>> HmacFactories =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["md5"] = key => new HMACMD5(key),
            ["sha1"] = key => new HMACSHA1(key),
            ["sha256"] = key => new HMACSHA256(key),
            ["sha384"] = key => new HMACSHA384(key),
            ["sha512"] = key => new HMACSHA512(key),
        };

    /// <summary>
    /// Lower-case hex MD5 of <paramref name="thing"/>, followed by <c>&amp;key=</c> (or <c>&amp;secret=</c> when
    /// <paramref name="agency"/>) and <paramref name="key"/> when a key is given.
    /// </summary>
    /// <param name="thing">The input, e.g. the APIv2 sorted query-string-like text.</param>
    /// <param name="key">The secret; like PHP, an empty key (or the PHP-falsy <c>"0"</c>) means a plain MD5.</param>
    /// <param name="agency">Use <c>&amp;secret=</c> (WeWork red packets) instead of <c>&amp;key=</c>.</param>
    /// <returns>32 lower-case hex characters.</returns>
    /// <example>
    /// <code>
    /// Hash.Md5("appid=wxd930ea5d5a258f4f&amp;body=test&amp;device_info=1000&amp;mch_id=10000100&amp;nonce_str=ibuaiVcKdpRxkhJA",
    ///     "192006250b4c09247ec02edce69f6a2d"); // "9a0a8659f005d6984697e2ca0a9cf3b7"
    /// </code>
    /// </example>
    public static string Md5(string thing, string key = "", bool agency = false)
    {
        if (thing is null)
        {
            throw new ArgumentNullException(nameof(thing));
        }

        string input = IsPhpTruthy(key) ? thing + (agency ? "&secret=" : "&key=") + key : thing;
        using var md5 = MD5.Create();
        return Hex.Lower(md5.ComputeHash(Utf8.GetBytes(input)));
    }

    /// <summary>
    /// Lower-case hex <c>HMAC-{algorithm}</c>, keyed with <paramref name="key"/>, over
    /// <c><paramref name="thing"/> + "&amp;key=" + <paramref name="key"/></c>.
    /// </summary>
    /// <param name="thing">The input text.</param>
    /// <param name="key">The secret; must not be empty.</param>
    /// <param name="algorithm">One of <c>md5</c>, <c>sha1</c>, <c>sha256</c> (default), <c>sha384</c>, <c>sha512</c> (case-insensitive).</param>
    /// <returns>The lower-case hex digest.</returns>
    /// <exception cref="InvalidArgumentException">An empty <paramref name="key"/> (ParamName <c>key</c>) or an
    /// unsupported <paramref name="algorithm"/> (ParamName <c>algorithm</c>).</exception>
    /// <example>
    /// <code>
    /// Hash.Hmac(stringA, apiV2Key);            // 64 hex characters
    /// Hash.Hmac(stringA, apiV2Key, "sha512");  // 128 hex characters
    /// </code>
    /// </example>
    public static string Hmac(string thing, string key, string algorithm = "sha256")
    {
        if (thing is null)
        {
            throw new ArgumentNullException(nameof(thing));
        }

        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidArgumentException("hash_init(): Argument #3 ($key) cannot be empty when HMAC is requested.", nameof(key));
        }

        if (algorithm is null || !HmacFactories.TryGetValue(algorithm, out Func<byte[], HMAC>? factory))
        {
            throw new InvalidArgumentException("The $algorithm must be one of md5, sha1, sha256, sha384 or sha512.", nameof(algorithm));
        }

        using HMAC hmac = factory(Utf8.GetBytes(key));
        return Hex.Lower(hmac.ComputeHash(Utf8.GetBytes(thing + "&key=" + key)));
    }

    /// <summary>
    /// The APIv2 signature: upper-case <see cref="Md5"/> for <c>MD5</c>, upper-case <see cref="Hmac"/> (SHA-256) for
    /// <c>HMAC-SHA256</c>, null for any other (case-sensitive) type.
    /// </summary>
    /// <param name="type"><see cref="AlgoMd5"/> or <see cref="AlgoHmacSha256"/>, exactly.</param>
    /// <param name="data">The text to sign.</param>
    /// <param name="key">The APIv2 secret.</param>
    /// <returns>The upper-case signature, or null for an unknown type.</returns>
    /// <exception cref="InvalidArgumentException"><c>HMAC-SHA256</c> with an empty key.</exception>
    /// <example>
    /// <code>
    /// Hash.Sign(Hash.AlgoMd5, stringA, apiV2Key); // "9A0A8659F005D6984697E2CA0A9CF3B7"
    /// Hash.Sign("md5", stringA, apiV2Key);        // null
    /// </code>
    /// </example>
    public static string? Sign(string type, string data, string key)
    {
        return type switch
        {
            AlgoMd5 => Md5(data, key).ToUpperInvariant(),
            AlgoHmacSha256 => Hmac(data, key).ToUpperInvariant(),
            _ => null,
        };
    }

    /// <summary>
    /// Compares two strings (as UTF-8 bytes) in time independent of where they differ, like PHP's <c>hash_equals</c>.
    /// </summary>
    /// <param name="known">The expected value, e.g. the locally computed signature.</param>
    /// <param name="user">The value received; null never matches.</param>
    /// <returns>True when both are equal.</returns>
    /// <example><code>bool ok = Hash.Equals(Hash.Sign(Hash.AlgoMd5, stringA, key)!, received["sign"]);</code></example>
    public static bool Equals(string known, string? user)
    {
        if (known is null || user is null)
        {
            return false;
        }

        return FixedTimeEquals(Utf8.GetBytes(known), Utf8.GetBytes(user));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private static bool FixedTimeEquals(byte[] left, byte[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        int difference = 0;
        for (int i = 0; i < left.Length; i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
    }

    private static bool IsPhpTruthy(string? value) => !string.IsNullOrEmpty(value) && value != "0";
}
