using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChainPay.Crypto.Internal;

namespace ChainPay.Crypto;

/// <summary>
/// RSA key loading, <c>sha256WithRSAEncryption</c> (PKCS#1 v1.5) signing/verification and OAEP (SHA-1/MGF1)
/// encryption, mirroring wechatpay-php's <c>WeChatPay\Crypto\Rsa</c>.
/// </summary>
/// <remarks>
/// Key inputs accepted by <see cref="From(object, string)"/> (and therefore by every method taking an <see cref="object"/> key):
/// an <see cref="RSA"/>; an <see cref="X509Certificate2"/>; a PEM string (PKCS#1/PKCS#8 private key, SPKI or PKCS#1
/// public key, X.509 certificate); <c>file://</c> plus a path to such a PEM file, or its absolute path alone
/// (<c>/etc/wechatpay/apiclient_key.pem</c>, <c>C:\keys\apiclient_key.pem</c>; a relative path is refused); the
/// <c>private.pkcs1://</c>, <c>private.pkcs8://</c>, <c>public.pkcs1://</c> and <c>public.spki://</c> schemes followed
/// by the bare base64 body; and an encrypted PKCS#8 key as <c>(thing, passphrase)</c> or
/// <c>new[] { thing, passphrase }</c>. A failure says what was found (a public key where a private one belongs, a
/// certificate, a PKCS#12 bundle, an encrypted key without passphrase, an SM2 key, a missing file and its path…) and
/// what was expected; error messages never contain key material, file contents or passphrases.
/// </remarks>
public static class Rsa
{
    /// <summary>Type string of a public key, the second argument of <see cref="From(object, string)"/>.</summary>
    public const string KeyTypePublic = "public";

    /// <summary>Type string of a private key, the second argument of <see cref="From(object, string)"/> (the default).</summary>
    public const string KeyTypePrivate = "private";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>
    /// The loader used by the public API: the base class library on net8.0+, BouncyCastle on netstandard2.0.
    /// </summary>
    internal static IKeyLoader DefaultLoader =>
#if NETSTANDARD2_0
        BouncyKeyLoader.Instance;
#else
        BclKeyLoader.Instance;
#endif

    /// <summary>
    /// Loads a public or private RSA key from any of the supported inputs (see the class remarks).
    /// </summary>
    /// <param name="thing">The key input. An <see cref="RSA"/> is returned as is; anything else yields a new
    /// <see cref="RSA"/> that the caller owns and should dispose.</param>
    /// <param name="type"><see cref="KeyTypePrivate"/> (default) or <see cref="KeyTypePublic"/>.</param>
    /// <returns>The loaded key.</returns>
    /// <exception cref="InvalidArgumentException"><paramref name="type"/> is neither <c>public</c> nor <c>private</c>
    /// (ParamName <c>type</c>), or the input cannot be loaded as that kind of key (ParamName <c>thing</c>): PHP's
    /// <c>Cannot load privateKey from(String), please take care about the \$thing input.</c>, then what was found (for a
    /// file, its path), what was expected and, when known, how to fix it.</exception>
    /// <example>
    /// <code>
    /// RSA merchantKey = Rsa.From("file:///path/to/apiclient_key.pem");
    /// RSA sameKey = Rsa.From("/path/to/apiclient_key.pem"); // an absolute path works without file:// too
    /// RSA platformKey = Rsa.From("file:///path/to/pub_key.pem", Rsa.KeyTypePublic);
    /// RSA fromBody = Rsa.From("public.spki://MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAt0gDQYDXYXZc...", Rsa.KeyTypePublic);
    /// RSA encrypted = Rsa.From(("file:///path/to/encrypted.pkcs8.pem", "passphrase"));
    /// </code>
    /// </example>
    public static RSA From(object thing, string type = KeyTypePrivate)
    {
        return From(thing, type, DefaultLoader);
    }

    /// <summary><see cref="From(object, string)"/> with an explicit key loader (tests run every input through each one).</summary>
    internal static RSA From(object thing, string type, IKeyLoader loader)
    {
        return RsaKeyReader.From(thing, IsPublicType(type), loader);
    }

    /// <summary>Loads a PKCS#8 private key from its bare base64 body (no envelope, no line breaks).</summary>
    /// <param name="b64">The base64 of the <c>PrivateKeyInfo</c> DER.</param>
    /// <returns>The private key; the caller owns it.</returns>
    /// <exception cref="InvalidArgumentException">The body is not a PKCS#8 RSA private key.</exception>
    /// <example><code>RSA key = Rsa.FromPkcs8("MIIEvAIBADANBgkqhkiG9w0BAQEFAASC...");</code></example>
    public static RSA FromPkcs8(string b64)
    {
        return From(RsaKeyReader.Scheme(false, false, b64), KeyTypePrivate);
    }

    /// <summary>Loads a PKCS#1 private (default) or public key from its bare base64 body.</summary>
    /// <param name="b64">The base64 of the <c>RSAPrivateKey</c> or <c>RSAPublicKey</c> DER.</param>
    /// <param name="type"><see cref="KeyTypePrivate"/> (default) or <see cref="KeyTypePublic"/>.</param>
    /// <returns>The key; the caller owns it.</returns>
    /// <exception cref="InvalidArgumentException">Bad <paramref name="type"/> or an unloadable body.</exception>
    /// <example><code>RSA pub = Rsa.FromPkcs1("MIIBCgKCAQEAt0gDQYDXYXZc...", Rsa.KeyTypePublic);</code></example>
    public static RSA FromPkcs1(string b64, string type = KeyTypePrivate)
    {
        return From(RsaKeyReader.Scheme(IsPublicType(type), true, b64), type);
    }

    /// <summary>Loads an SPKI public key from its bare base64 body.</summary>
    /// <param name="b64">The base64 of the <c>SubjectPublicKeyInfo</c> DER.</param>
    /// <returns>The public key; the caller owns it.</returns>
    /// <exception cref="InvalidArgumentException">The body is not an SPKI RSA public key.</exception>
    /// <example><code>RSA pub = Rsa.FromSpki("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...");</code></example>
    public static RSA FromSpki(string b64)
    {
        return From(RsaKeyReader.Scheme(true, false, b64), KeyTypePublic);
    }

    /// <summary>
    /// Wraps a PKCS#1 <c>RSAPublicKey</c> into an SPKI <c>SubjectPublicKeyInfo</c>:
    /// <c>SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING (0x00 || pkcs1) }</c>, DER lengths.
    /// </summary>
    /// <param name="base64">The base64 PKCS#1 body, without envelope.</param>
    /// <returns>The base64 SPKI body, without envelope or line breaks.</returns>
    /// <exception cref="InvalidArgumentException"><paramref name="base64"/> is not base64.</exception>
    /// <example>
    /// <code>
    /// string spki = Rsa.Pkcs1ToSpki("MIIBCgKCAQEAt0gDQYDXYXZc..."); // "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAt0gDQYDXYXZc..."
    /// </code>
    /// </example>
    public static string Pkcs1ToSpki(string base64)
    {
        if (base64 is null)
        {
            throw new ArgumentNullException(nameof(base64));
        }

        byte[] pkcs1;
        try
        {
            pkcs1 = PemBlock.DecodeBase64(base64);
        }
        catch (FormatException)
        {
            throw new InvalidArgumentException("The $base64 input is not a valid base64 string.", nameof(base64));
        }

        return Convert.ToBase64String(SpkiEncoder.FromPkcs1(pkcs1));
    }

    /// <summary>
    /// Signs <paramref name="message"/> (UTF-8) with <c>sha256WithRSAEncryption</c> (RSASSA-PKCS1-v1_5, SHA-256).
    /// </summary>
    /// <param name="message">The message, e.g. <c>Formatter.Request(...)</c>.</param>
    /// <param name="privateKey">An <see cref="RSA"/> or anything <see cref="From(object, string)"/> accepts as a private key.</param>
    /// <returns>The base64 signature.</returns>
    /// <exception cref="InvalidArgumentException">The key input cannot be loaded.</exception>
    /// <exception cref="CryptographicException"><c>Signing the input $message failed, please checking your
    /// $privateKey whether or nor correct.</c> (e.g. a public-only key).</exception>
    /// <example>
    /// <code>
    /// string paySign = Rsa.Sign(Formatter.JoinedByLineFeed(appId, timeStamp, nonceStr, package), merchantPrivateKey);
    /// </code>
    /// </example>
    public static string Sign(string message, object privateKey)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        byte[] data = Utf8.GetBytes(message);
        return WithKey(privateKey, KeyTypePrivate, key => Convert.ToBase64String(Sign(data, key)));
    }

    /// <summary>Signs raw bytes with SHA-256 / PKCS#1 v1.5 (the hot path; no key parsing).</summary>
    /// <exception cref="CryptographicException">The key cannot sign.</exception>
    internal static byte[] Sign(byte[] message, RSA key) => RsaSignature.Sign(message, key);

    /// <summary>
    /// Signs <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/> without concatenating them:
    /// the same bytes as <see cref="Sign(byte[], RSA)"/> over the concatenation, without a copy of the body.
    /// </summary>
    /// <exception cref="CryptographicException">The key cannot sign.</exception>
    internal static byte[] Sign(byte[] head, byte[] body, byte[] tail, RSA key) => RsaSignature.Sign(head, body, tail, key);

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/>
    /// without concatenating them: the same result as <see cref="Verify(byte[], byte[], RSA)"/> over the concatenation.
    /// </summary>
    /// <exception cref="CryptographicException">The key cannot verify.</exception>
    internal static bool Verify(byte[] head, byte[] body, byte[] tail, byte[] signature, RSA key) =>
        RsaSignature.Verify(head, body, tail, signature, key);

    /// <summary>
    /// Verifies a base64 <c>sha256WithRSAEncryption</c> signature over <paramref name="message"/> (UTF-8).
    /// </summary>
    /// <param name="message">The signed message, e.g. <c>Formatter.Response(...)</c>.</param>
    /// <param name="signature">The base64 signature; anything that is not base64 simply fails verification.</param>
    /// <param name="publicKey">An <see cref="RSA"/> or anything <see cref="From(object, string)"/> accepts as a public key
    /// (certificate, SPKI/PKCS#1 PEM, <c>file://</c>, <c>public.spki://</c>, <c>public.pkcs1://</c>).</param>
    /// <returns>True when the signature is valid.</returns>
    /// <exception cref="InvalidArgumentException">The key input cannot be loaded.</exception>
    /// <exception cref="CryptographicException"><c>Verified the input $message failed, please checking your
    /// $publicKey whether or nor correct.</c> when the key itself cannot be used.</exception>
    /// <example>
    /// <code>
    /// bool ok = Rsa.Verify(Formatter.Response(timestamp, nonce, body), signature, "file:///path/to/pub_key.pem");
    /// </code>
    /// </example>
    public static bool Verify(string message, string signature, object publicKey)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        byte[] data = Utf8.GetBytes(message);
        byte[] raw;
        try
        {
            raw = signature is null ? Array.Empty<byte>() : Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            raw = Array.Empty<byte>();
        }

        if (raw.Length == 0)
        {
            // Still load the key, so a bad key input is reported the same way whatever the signature.
            return WithKey(publicKey, KeyTypePublic, _ => false);
        }

        return WithKey(publicKey, KeyTypePublic, key => Verify(data, raw, key));
    }

    /// <summary>Verifies raw bytes with SHA-256 / PKCS#1 v1.5 (the hot path; no key parsing).</summary>
    /// <exception cref="CryptographicException">The key cannot verify.</exception>
    internal static bool Verify(byte[] message, byte[] signature, RSA key) => RsaSignature.Verify(message, signature, key);

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> (UTF-8) with RSAES-OAEP (SHA-1, MGF1-SHA-1, no label), e.g. the sensitive
    /// fields WeChat Pay wants encrypted with the platform certificate / public key.
    /// </summary>
    /// <param name="plaintext">The text to encrypt.</param>
    /// <param name="publicKey">An <see cref="RSA"/> or anything <see cref="From(object, string)"/> accepts as a public key.</param>
    /// <param name="padding">Null or <see cref="RSAEncryptionPadding.OaepSHA1"/>; nothing else is supported.</param>
    /// <returns>The base64 ciphertext.</returns>
    /// <exception cref="InvalidArgumentException">Another padding: <c>Here's only support the
    /// OPENSSL_PKCS1_OAEP_PADDING(4) mode, yours(Pkcs1).</c> (ParamName <c>padding</c>), or an unloadable key.</exception>
    /// <exception cref="CryptographicException"><c>Encrypting the input $plaintext failed, please checking your
    /// $publicKey whether or nor correct.</c> (e.g. the plaintext is too long).</exception>
    /// <example>
    /// <code>
    /// string name = Rsa.Encrypt("张三", platformCertificate); // send with the header Wechatpay-Serial
    /// </code>
    /// </example>
    public static string Encrypt(string plaintext, object publicKey, RSAEncryptionPadding? padding = null)
    {
        RsaOaep.CheckPadding(padding);
        if (plaintext is null)
        {
            throw new ArgumentNullException(nameof(plaintext));
        }

        byte[] data = Utf8.GetBytes(plaintext);
        return WithKey(publicKey, KeyTypePublic, key => RsaOaep.Encrypt(data, key));
    }

    /// <summary>
    /// Decrypts a base64 RSAES-OAEP (SHA-1, MGF1-SHA-1, no label) ciphertext and returns the UTF-8 text.
    /// </summary>
    /// <param name="ciphertext">The base64 ciphertext.</param>
    /// <param name="privateKey">An <see cref="RSA"/> or anything <see cref="From(object, string)"/> accepts as a private key.</param>
    /// <param name="padding">Null or <see cref="RSAEncryptionPadding.OaepSHA1"/>; nothing else is supported.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="InvalidArgumentException">Another padding (ParamName <c>padding</c>), or an unloadable key.</exception>
    /// <exception cref="CryptographicException"><c>Decrypting the input $ciphertext failed, please checking your
    /// $privateKey whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// string name = Rsa.Decrypt(encryptedName, merchantPrivateKey);
    /// </code>
    /// </example>
    public static string Decrypt(string ciphertext, object privateKey, RSAEncryptionPadding? padding = null)
    {
        RsaOaep.CheckPadding(padding);
        byte[]? data = RsaOaep.DecodeCiphertext(ciphertext);
        return WithKey(privateKey, KeyTypePrivate, key => RsaOaep.Decrypt(data, key));
    }

    private static T WithKey<T>(object thing, string type, Func<RSA, T> action)
    {
        if (thing is RSA rsa)
        {
            return action(rsa);
        }

        using RSA loaded = From(thing, type);
        return action(loaded);
    }

    private static bool IsPublicType(string type)
    {
        return type switch
        {
            KeyTypePublic => true,
            KeyTypePrivate => false,
            _ => throw new InvalidArgumentException(
                "The $type must be either `" + KeyTypePublic + "` or `" + KeyTypePrivate + "`.", nameof(type)),
        };
    }
}
