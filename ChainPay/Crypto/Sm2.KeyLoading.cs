using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto.Internal;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace ChainPay.Crypto;

// SM2 key loading (PEM text, files, objects) and key generation.
public static partial class Sm2
{
    /// <summary>Loads an SM2 private key.</summary>
    /// <param name="thing">An <see cref="Sm2PrivateKey"/> (returned as is); BouncyCastle <c>ECPrivateKeyParameters</c>;
    /// a PEM text holding a PKCS#8 <c>PRIVATE KEY</c> or a SEC1 <c>EC PRIVATE KEY</c> / <c>SM2 PRIVATE KEY</c> block; or
    /// <c>file://</c> plus the path of such a file, or its absolute path alone.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidArgumentException"><c>Cannot load privateKey from(String), please take care about the
    /// \$thing input.</c> (ParamName <c>thing</c>) — unreadable, not a private key, or not on the SM2 curve; for text and
    /// files followed by what was found (and where) and what was expected.</exception>
    /// <example>
    /// <code>
    /// Sm2PrivateKey key = Sm2.PrivateKeyFrom("file:///path/to/apiclient_sm2_key.pem");
    /// Sm2PrivateKey same = Sm2.PrivateKeyFrom(File.ReadAllText("/path/to/apiclient_sm2_key.pem"));
    /// </code>
    /// </example>
    public static Sm2PrivateKey PrivateKeyFrom(object thing)
    {
        try
        {
            return thing switch
            {
                Sm2PrivateKey key => key,
                ECPrivateKeyParameters parameters => new Sm2PrivateKey(parameters),
                string text => new Sm2PrivateKey(FromText(text, KeyExpectation.Sm2Private, Sm2KeyReader.PrivateFromPem)),
                _ => throw CannotLoad(false, thing),
            };
        }
        catch (KeyProblem problem)
        {
            throw KeyExpectation.Sm2Private.Error(thing, problem);
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            throw CannotLoad(false, thing, e);
        }
    }

    /// <summary>Loads an SM2 public key.</summary>
    /// <param name="thing">An <see cref="Sm2PublicKey"/> (returned as is); an <see cref="Sm2PrivateKey"/> (its public
    /// key); BouncyCastle <c>ECPublicKeyParameters</c> or <c>ECPrivateKeyParameters</c>; an
    /// <see cref="X509Certificate2"/> with an SM2 key; a PEM text holding an SPKI <c>PUBLIC KEY</c>, a
    /// <c>CERTIFICATE</c> or a private key; or <c>file://</c> plus the path of such a file, or its absolute path alone.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidArgumentException"><c>Cannot load publicKey from(String), please take care about the
    /// \$thing input.</c> (ParamName <c>thing</c>).</exception>
    /// <example>
    /// <code>
    /// Sm2PublicKey platform = Sm2.PublicKeyFrom("file:///path/to/wechatpay_sm2_cert.pem");
    /// </code>
    /// </example>
    public static Sm2PublicKey PublicKeyFrom(object thing)
    {
        try
        {
            return thing switch
            {
                Sm2PublicKey key => key,
                Sm2PrivateKey key => key.PublicKey,
                ECPublicKeyParameters parameters => new Sm2PublicKey(parameters),
                ECPrivateKeyParameters parameters => new Sm2PrivateKey(parameters).PublicKey,
                X509Certificate2 certificate => new Sm2PublicKey(Sm2KeyReader.FromCertificate(certificate.RawData)),
                string text => new Sm2PublicKey(FromText(text, KeyExpectation.Sm2Public, Sm2KeyReader.PublicFromPem)),
                _ => throw CannotLoad(true, thing),
            };
        }
        catch (KeyProblem problem)
        {
            throw KeyExpectation.Sm2Public.Error(thing, problem);
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            throw CannotLoad(true, thing, e);
        }
    }

    /// <summary>Generates a new SM2 key pair (e.g. for tests; WeChat Pay issues merchant keys through its certificate tool).</summary>
    /// <returns>The private key and its public key.</returns>
    /// <example>
    /// <code>
    /// var (privateKey, publicKey) = Sm2.GenerateKeyPair();
    /// bool ok = Sm2.Verify("hi", Sm2.Sign("hi", privateKey), publicKey); // true
    /// </code>
    /// </example>
    public static (Sm2PrivateKey PrivateKey, Sm2PublicKey PublicKey) GenerateKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Sm2KeyReader.Domain, Random));
        while (true)
        {
            AsymmetricCipherKeyPair pair = generator.GenerateKeyPair();
            var d = ((ECPrivateKeyParameters)pair.Private).D;
            if (d.CompareTo(Sm2KeyReader.Domain.N.Subtract(BigInteger.One)) < 0)
            {
                var key = new Sm2PrivateKey((ECPrivateKeyParameters)pair.Private);
                return (key, key.PublicKey);
            }
        }
    }

    /// <summary>Reads a key from PEM text or the file a path names; a failure is a <see cref="KeyProblem"/> saying what was found.</summary>
    private static T FromText<T>(string text, KeyExpectation want, Func<string, T?> read)
        where T : class
    {
        string? path = KeySource.PathOf(text);
        string content = path is null ? text : KeySource.Read(path, want);
        T? key;
        try
        {
            key = read(content);
        }
        catch (Exception e) when (IsLoadFailure(e) || e is KeyProblem)
        {
            key = null; // no inner exception: parser messages may describe the key
        }

        if (key is not null)
        {
            return key;
        }

        var (found, hint) = KeyDiagnosis.OfText(content, want, false);
        throw new KeyProblem($"Found {found}{(path is null ? "" : $" in the file `{path}`")}.", hint);
    }

    private static bool IsLoadFailure(Exception e) => e is not InvalidArgumentException
        && (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException
            or InvalidCastException or NotSupportedException or CryptographicException or System.Security.SecurityException);

    private static InvalidArgumentException CannotLoad(bool isPublic, object? thing, Exception? inner = null)
    {
        string kind = thing is null ? "null" : thing.GetType().Name;
        return new InvalidArgumentException(
            $"Cannot load {(isPublic ? "publicKey" : "privateKey")} from({kind}), please take care about the \\$thing input.",
            "thing",
            inner);
    }
}
