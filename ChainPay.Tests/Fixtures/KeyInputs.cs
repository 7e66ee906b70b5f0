using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainPay.Crypto;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// Every key input kind of spec §7.1 for the §11.4 test key, with the files they need in a private temp directory.
/// </summary>
internal sealed class KeyInputs : IDisposable
{
    /// <summary>The spec's PKCS#1 public key.</summary>
    public const string Pkcs1PublicKeyPem = TestKeys.Pkcs1PublicKey;

    public const string Passphrase = "ChainPay-test-passphrase-9c1e";
    public const string WrongPassphrase = "Wrong-passphrase-77ab";

    /// <summary>Private inputs that go through a key loader.</summary>
    public static readonly string[] PrivateKinds =
    {
        "PKCS#8 PEM", "PKCS#8 PEM (CRLF)", "PKCS#1 PEM", "file:// PKCS#8", "file:// PKCS#1",
        "private.pkcs8://", "private.pkcs1://",
        "encrypted PKCS#8 (tuple)", "encrypted PKCS#8 (array)", "encrypted PKCS#8 file:// (tuple)",
        "encrypted PKCS#8 AES-128/SHA-1 (tuple)", "encrypted PKCS#8 3DES/PKCS#12 (tuple)",
        "unencrypted PKCS#8 with passphrase (tuple)", "certificate + PKCS#8 bundle",
    };

    /// <summary>Private inputs handled without a loader.</summary>
    public static readonly string[] PrivateObjectKinds = { "RSA instance", "X509Certificate2 with private key" };

    /// <summary>Public inputs that go through a key loader.</summary>
    public static readonly string[] PublicKinds =
    {
        "SPKI file://", "SPKI PEM", "SPKI PEM (CRLF)", "PKCS#1 public PEM", "PKCS#1 public file://",
        "public.spki://", "public.pkcs1://", "certificate file://", "certificate PEM", "certificate PEM (CRLF)",
        "certificate + PKCS#8 bundle",
    };

    /// <summary>Public inputs handled without a loader.</summary>
    public static readonly string[] PublicObjectKinds = { "RSA instance", "X509Certificate2" };

    public KeyInputs()
    {
        Directory = Path.Combine(Path.GetTempPath(), "chainpay-crypto-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);

        using var reference = Reference();
        Pkcs1PrivatePem = reference.ExportRSAPrivateKeyPem();
        EncryptedPkcs8Pem = reference.ExportEncryptedPkcs8PrivateKeyPem(
            Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048));
        EncryptedPkcs8Sha1Pem = reference.ExportEncryptedPkcs8PrivateKeyPem(
            Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA1, 1000));
        EncryptedPkcs8TripleDesPem = reference.ExportEncryptedPkcs8PrivateKeyPem(
            Passphrase, new PbeParameters(PbeEncryptionAlgorithm.TripleDes3KeyPkcs12, HashAlgorithmName.SHA1, 1000));

        Pkcs8Path = Write("apiclient_key.pem", TestKeys.Pkcs8PrivateKey);
        Pkcs1Path = Write("pkcs1.key", Pkcs1PrivatePem);
        EncryptedPath = Write("encrypted.pkcs8.key", EncryptedPkcs8Pem);
        SpkiPath = Write("pub_key.pem", TestKeys.SpkiPublicKey);
        Pkcs1PublicPath = Write("pkcs1.pub.pem", Pkcs1PublicKeyPem);
        CertificatePath = Write("cert.pem", TestKeys.Certificate);
    }

    public string Directory { get; }

    public string Pkcs1PrivatePem { get; }

    public string EncryptedPkcs8Pem { get; }

    public string EncryptedPkcs8Sha1Pem { get; }

    public string EncryptedPkcs8TripleDesPem { get; }

    public string Pkcs8Path { get; }

    public string Pkcs1Path { get; }

    public string EncryptedPath { get; }

    public string SpkiPath { get; }

    public string Pkcs1PublicPath { get; }

    public string CertificatePath { get; }

    /// <summary>The BCL's own reading of the §11.4 key, as the reference.</summary>
    public static RSA Reference()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Pkcs8PrivateKey);
        return rsa;
    }

    /// <summary>The base64 body of a PEM, without envelope or line breaks.</summary>
    public static string Body(string pem) =>
        string.Concat(pem.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)));

    public static string Crlf(string pem) => pem.Replace("\n", "\r\n", StringComparison.Ordinal);

    public object Private(string kind) => kind switch
    {
        "PKCS#8 PEM" => TestKeys.Pkcs8PrivateKey,
        "PKCS#8 PEM (CRLF)" => Crlf(TestKeys.Pkcs8PrivateKey),
        "PKCS#1 PEM" => Pkcs1PrivatePem,
        "file:// PKCS#8" => "file://" + Pkcs8Path,
        "file:// PKCS#1" => "file://" + Pkcs1Path,
        "private.pkcs8://" => "private.pkcs8://" + Body(TestKeys.Pkcs8PrivateKey),
        "private.pkcs1://" => "private.pkcs1://" + Body(Pkcs1PrivatePem),
        "encrypted PKCS#8 (tuple)" => (EncryptedPkcs8Pem, Passphrase),
        "encrypted PKCS#8 (array)" => new[] { EncryptedPkcs8Pem, Passphrase },
        "encrypted PKCS#8 file:// (tuple)" => ("file://" + EncryptedPath, Passphrase),
        "encrypted PKCS#8 AES-128/SHA-1 (tuple)" => (EncryptedPkcs8Sha1Pem, Passphrase),
        "encrypted PKCS#8 3DES/PKCS#12 (tuple)" => (EncryptedPkcs8TripleDesPem, Passphrase),
        "unencrypted PKCS#8 with passphrase (tuple)" => (TestKeys.Pkcs8PrivateKey, Passphrase),
        "certificate + PKCS#8 bundle" => TestKeys.Certificate + "\n" + TestKeys.Pkcs8PrivateKey,
        "RSA instance" => Reference(),
        "X509Certificate2 with private key" => CertificateWithPrivateKey(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public object Public(string kind) => kind switch
    {
        "SPKI file://" => "file://" + SpkiPath,
        "SPKI PEM" => TestKeys.SpkiPublicKey,
        "SPKI PEM (CRLF)" => Crlf(TestKeys.SpkiPublicKey),
        "PKCS#1 public PEM" => Pkcs1PublicKeyPem,
        "PKCS#1 public file://" => "file://" + Pkcs1PublicPath,
        "public.spki://" => "public.spki://" + Body(TestKeys.SpkiPublicKey),
        "public.pkcs1://" => "public.pkcs1://" + Body(Pkcs1PublicKeyPem),
        "certificate file://" => "file://" + CertificatePath,
        "certificate PEM" => TestKeys.Certificate,
        "certificate PEM (CRLF)" => Crlf(TestKeys.Certificate),
        "certificate + PKCS#8 bundle" => TestKeys.Pkcs8PrivateKey + "\n" + TestKeys.Certificate,
        "RSA instance" => Reference(),
        "X509Certificate2" => X509Certificate2.CreateFromPem(TestKeys.Certificate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Failing inputs that carry secrets: every resulting exception must be free of them.</summary>
    public IEnumerable<(object Thing, string Type)> LeakyFailures()
    {
        string body = Body(TestKeys.Pkcs8PrivateKey);
        string corrupted = TestKeys.Pkcs8PrivateKey.Replace("MIIEvAIBADAN", "MIIEvQIBADAN", StringComparison.Ordinal);
        string truncated = TestKeys.Pkcs8PrivateKey.Replace("dXME7AOT+VJtiEn0bl7+wQ==\n", "", StringComparison.Ordinal);

        yield return (corrupted, Rsa.KeyTypePrivate);
        yield return (truncated, Rsa.KeyTypePrivate);
        yield return (TestKeys.Pkcs8PrivateKey, Rsa.KeyTypePublic);
        yield return (Pkcs1PrivatePem, Rsa.KeyTypePublic);
        yield return ("private.pkcs8://" + body.Substring(0, body.Length - 40), Rsa.KeyTypePrivate);
        yield return ("private.pkcs1://" + body, Rsa.KeyTypePrivate);
        yield return ("public.spki://" + body, Rsa.KeyTypePublic);
        yield return ("file://" + Pkcs8Path, Rsa.KeyTypePublic);
        yield return ("file://" + EncryptedPath, Rsa.KeyTypePrivate);
        yield return (EncryptedPkcs8Pem, Rsa.KeyTypePrivate);
        yield return ((EncryptedPkcs8Pem, WrongPassphrase), Rsa.KeyTypePrivate);
        yield return (new[] { EncryptedPkcs8Pem, WrongPassphrase }, Rsa.KeyTypePrivate);
        yield return (("file://" + EncryptedPath, WrongPassphrase), Rsa.KeyTypePrivate);
        yield return ((EncryptedPkcs8Pem, ""), Rsa.KeyTypePrivate);
        yield return ((EncryptedPkcs8Pem, Passphrase), Rsa.KeyTypePublic);
    }

    /// <summary>Asserts that neither the message nor <c>ToString()</c> (inner exceptions included) holds key material or a passphrase.</summary>
    public void AssertNoSecretsOfAnyKind(Exception e)
    {
        AssertNoSecrets(e, Body(TestKeys.Pkcs8PrivateKey), Body(Pkcs1PrivatePem), Body(EncryptedPkcs8Pem), Passphrase, WrongPassphrase);
    }

    public static void AssertNoSecrets(Exception e, params string[] secrets)
    {
        string everything = e.Message + "\n" + e;
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            everything += "\n" + inner.Message;
        }

        foreach (string secret in secrets)
        {
            const int window = 16;
            if (secret.Length <= window)
            {
                Assert.That(everything, Does.Not.Contain(secret));
                continue;
            }

            for (int i = 0; i + window <= secret.Length; i += 8)
            {
                Assert.That(everything.Contains(secret.Substring(i, window), StringComparison.Ordinal), Is.False,
                    $"The exception text holds a piece of a secret (offset {i}).");
            }
        }
    }

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, true);
    }

    private static X509Certificate2 CertificateWithPrivateKey()
    {
        using var certificate = X509Certificate2.CreateFromPem(TestKeys.Certificate);
        using var key = Reference();
        return certificate.CopyWithPrivateKey(key);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
