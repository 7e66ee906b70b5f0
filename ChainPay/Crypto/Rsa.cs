using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

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
public static partial class Rsa
{
    // The parts: Rsa.KeyLoading.cs (From and the bare-body loaders), Rsa.Signing.cs (sha256WithRSAEncryption),
    // Rsa.Encryption.cs (OAEP); this file holds what they share.

    /// <summary>Type string of a public key, the second argument of <see cref="From(object, string)"/>.</summary>
    public const string KeyTypePublic = "public";

    /// <summary>Type string of a private key, the second argument of <see cref="From(object, string)"/> (the default).</summary>
    public const string KeyTypePrivate = "private";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    private static T WithKey<T>(object thing, string type, Func<RSA, T> action)
    {
        if (thing is RSA rsa)
        {
            return action(rsa);
        }

        using RSA loaded = From(thing, type);
        return action(loaded);
    }
}
