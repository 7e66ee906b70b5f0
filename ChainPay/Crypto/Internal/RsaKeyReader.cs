using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// <see cref="Rsa.From(object, string)"/>'s loading: objects, PEM text, files (<c>file://</c> or an absolute path),
/// the <c>private.pkcs1://</c>-style schemes and encrypted PKCS#8 with a passphrase. Every failure is an
/// <see cref="InvalidArgumentException"/> (ParamName <c>thing</c>) saying what was found and what was expected
/// (<see cref="KeyExpectation"/>, <see cref="KeyDiagnosis"/>), without key material, file contents or passphrases.
/// </summary>
internal static class RsaKeyReader
{
    private const string SchemePrivatePkcs1 = "private.pkcs1";
    private const string SchemePrivatePkcs8 = "private.pkcs8";
    private const string SchemePublicPkcs1 = "public.pkcs1";
    private const string SchemePublicSpki = "public.spki";
    private const string SchemeSeparator = "://";

    private const string LabelPrivateKey = "PRIVATE KEY";
    private const string LabelRsaPrivateKey = "RSA PRIVATE KEY";
    private const string LabelEncryptedPrivateKey = "ENCRYPTED PRIVATE KEY";
    private const string LabelPublicKey = "PUBLIC KEY";
    private const string LabelRsaPublicKey = "RSA PUBLIC KEY";
    private const string LabelCertificate = "CERTIFICATE";

    /// <summary>The scheme-prefixed form of a bare base64 body, as <c>Rsa.FromPkcs8</c> and friends build it.</summary>
    public static string Scheme(bool isPublic, bool pkcs1, string body) =>
        (isPublic ? (pkcs1 ? SchemePublicPkcs1 : SchemePublicSpki) : (pkcs1 ? SchemePrivatePkcs1 : SchemePrivatePkcs8)) + SchemeSeparator + body;

    /// <summary>Loads <paramref name="thing"/> as a public or private key.</summary>
    /// <exception cref="InvalidArgumentException">It cannot be loaded (ParamName <c>thing</c>).</exception>
    public static RSA From(object thing, bool isPublic, IKeyLoader loader)
    {
        KeyExpectation want = isPublic ? KeyExpectation.RsaPublic : KeyExpectation.RsaPrivate;
        try
        {
            return thing switch
            {
                RSA rsa => rsa,
                X509Certificate2 certificate => FromCertificate(certificate, isPublic),
                string text => FromText(text, null, want, loader),
                ValueTuple<string, string> pair when pair.Item1 is not null && pair.Item2 is not null => FromText(pair.Item1, pair.Item2, want, loader),
                string[] { Length: 2 } array when array[0] is not null && array[1] is not null => FromText(array[0], array[1], want, loader),
                ValueTuple<string, string> => throw new KeyProblem("Found a (key, passphrase) pair with a null item."),
                string[] array => throw new KeyProblem($"Found an array of {array.Length} string(s).", "An encrypted key with its passphrase is `new[] { pem, passphrase }` (two non-null strings) or `(pem, passphrase)`."),
                null => throw new KeyProblem("Found null."),
                _ => throw new KeyProblem($"Found a value of type {thing.GetType().Name}.", "Keys are an RSA, an X509Certificate2, a string (PEM, path or scheme) or a (pem, passphrase) pair."),
            };
        }
        catch (KeyProblem problem)
        {
            throw want.Error(thing, problem);
        }
    }

    private static RSA FromCertificate(X509Certificate2 certificate, bool isPublic)
    {
        if (!isPublic && !certificate.HasPrivateKey)
        {
            throw new KeyProblem("Found an X509Certificate2 without a private key.", "A certificate alone holds only the public key; load the PKCS#12 bundle (with its private key) or pass the PEM private key.");
        }

        RSA? key;
        try
        {
            key = isPublic ? certificate.GetRSAPublicKey() : certificate.GetRSAPrivateKey();
        }
        catch (CryptographicException)
        {
            key = null;
        }

        return key ?? throw new KeyProblem($"Found an X509Certificate2 whose {(isPublic ? "public" : "private")} key is not a usable RSA key.");
    }

    private static RSA FromText(string text, string? passphrase, KeyExpectation want, IKeyLoader loader)
    {
        string? path = KeySource.PathOf(text);
        if (path is not null)
        {
            string content = KeySource.Read(path, want);
            return FromPem(content, passphrase, want.IsPublic, loader) ?? throw Unreadable(content, passphrase, want, $" in the file `{path}`");
        }

        int separator = text.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        string scheme = separator > 0 ? text.Substring(0, separator) : "";
        if (scheme is SchemePrivatePkcs1 or SchemePrivatePkcs8 or SchemePublicPkcs1 or SchemePublicSpki)
        {
            return FromScheme(scheme, text.Substring(separator + SchemeSeparator.Length), want.IsPublic, loader);
        }

        // Unknown schemes pass through (like PHP) and fail as PEM.
        return FromPem(text, passphrase, want.IsPublic, loader) ?? throw Unreadable(text, passphrase, want, "");
    }

    private static KeyProblem Unreadable(string content, string? passphrase, KeyExpectation want, string where)
    {
        var (found, hint) = KeyDiagnosis.OfText(content, want, passphrase is not null);
        return new KeyProblem($"Found {found}{where}.", hint);
    }

    private static RSA FromScheme(string scheme, string body, bool isPublic, IKeyLoader loader)
    {
        bool schemeIsPublic = scheme is SchemePublicPkcs1 or SchemePublicSpki;
        if (schemeIsPublic != isPublic)
        {
            throw new KeyProblem(
                $"Found a `{scheme}://` body, which is a {(schemeIsPublic ? "public" : "private")} key.",
                isPublic ? "Use `public.spki://` or `public.pkcs1://` for a public key." : "Use `private.pkcs8://` or `private.pkcs1://` for a private key.");
        }

        RSA? key = Quietly(() =>
        {
            byte[] der = PemBlock.DecodeBase64(body);
            return scheme switch
            {
                SchemePrivatePkcs1 => loader.ImportRsaPrivateKey(der),
                SchemePrivatePkcs8 => loader.ImportPkcs8PrivateKey(der),
                SchemePublicPkcs1 => loader.ImportRsaPublicKey(der),
                _ => loader.ImportSubjectPublicKeyInfo(der),
            };
        });
        string format = scheme switch
        {
            SchemePrivatePkcs1 => "a PKCS#1 RSA private key (`RSA PRIVATE KEY`)",
            SchemePrivatePkcs8 => "a PKCS#8 RSA private key (`PRIVATE KEY`)",
            SchemePublicPkcs1 => "a PKCS#1 RSA public key (`RSA PUBLIC KEY`)",
            _ => "an SPKI RSA public key (`PUBLIC KEY`)",
        };
        return key ?? throw new KeyProblem(
            $"Found a `{scheme}://` body that is not the base64 of {format} (damaged, truncated, or another kind of key?).",
            "The body is the base64 between the `-----BEGIN …-----` and `-----END …-----` lines.");
    }

    /// <summary>Loads from PEM text; null when the text holds no loadable block of the wanted kind.</summary>
    private static RSA? FromPem(string text, string? passphrase, bool isPublic, IKeyLoader loader) => Quietly(() =>
    {
        if (isPublic)
        {
            // Like OpenSSL via PHP: a certificate is looked for first, then a public key.
            PemBlock? certificate = PemBlock.Find(text, LabelCertificate);
            if (certificate is not null)
            {
                return loader.ImportCertificatePublicKey(certificate.Der);
            }

            PemBlock? key = PemBlock.Find(text, LabelPublicKey, LabelRsaPublicKey);
            return key?.Label switch
            {
                LabelPublicKey => loader.ImportSubjectPublicKeyInfo(key.Der),
                LabelRsaPublicKey => loader.ImportRsaPublicKey(key.Der),
                _ => null,
            };
        }

        PemBlock? block = PemBlock.Find(text, LabelPrivateKey, LabelRsaPrivateKey, LabelEncryptedPrivateKey);
        return block?.Label switch
        {
            LabelPrivateKey => loader.ImportPkcs8PrivateKey(block.Der),
            LabelRsaPrivateKey => loader.ImportRsaPrivateKey(block.Der),
            LabelEncryptedPrivateKey when passphrase is not null => loader.ImportEncryptedPkcs8PrivateKey(block.Der, passphrase),
            _ => null,
        };
    });

    /// <summary>Runs a parse; any failure is null. Deliberately keeps no exception: parser messages may describe the key.</summary>
    private static RSA? Quietly(Func<RSA?> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception)
        {
            return null;
        }
    }
}
