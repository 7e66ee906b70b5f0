using System.Security.Cryptography;
using ChainPay.Crypto.Internal;

namespace ChainPay.Crypto;

// RSA key loading: every input of the class remarks, the bare-body loaders and PKCS#1 to SPKI.
public static partial class Rsa
{
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
