using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChainPay.Crypto.Internal;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace ChainPay.Crypto;

/// <summary>
/// SM2 (GM/T 0003, GB/T 32918) on the recommended curve <c>sm2p256v1</c>, computed with BouncyCastle on every target
/// framework: key loading, <c>SM2-with-SM3</c> signatures and public-key encryption — the 国密 counterparts of
/// <see cref="Rsa"/>.
/// </summary>
/// <remarks>
/// <para><b>Keys.</b> Keys are <see cref="Sm2PrivateKey"/> / <see cref="Sm2PublicKey"/>, small wrappers over
/// BouncyCastle's <c>ECPrivateKeyParameters</c> / <c>ECPublicKeyParameters</c>. Every method taking an
/// <see cref="object"/> key also accepts what <see cref="PrivateKeyFrom"/> / <see cref="PublicKeyFrom"/> accept,
/// but loading once and reusing the key is cheaper.</para>
/// <para><b>Signatures</b> are SM2 over SM3 with the user id <see cref="DefaultUserId"/> (the Z value of GM/T 0003),
/// DER-encoded <c>SEQUENCE { r INTEGER, s INTEGER }</c>, base64 in the string overloads — what OpenSSL's
/// <c>pkeyutl -digest sm3 -pkeyopt distid:1234567812345678</c> and Tencent Kona's <c>SM2-WITH-SM3</c> produce.</para>
/// <para><b>Ciphertexts</b> are C1C3C2 in the GM/T 0009 ASN.1 form
/// <c>SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING (C3), ciphertext OCTET STRING (C2) }</c>, base64 in the
/// string overloads — what OpenSSL's <c>pkeyutl -encrypt</c> produces.</para>
/// <para>Error messages never contain key material, plaintexts or file contents.</para>
/// </remarks>
public static class Sm2
{
    /// <summary>The default SM2 user id (distinguishing identifier) of GM/T 0009, used by WeChat Pay.</summary>
    /// <example><code>byte[] der = Sm2.Sign(data, key, Sm2.DefaultUserId);</code></example>
    public const string DefaultUserId = "1234567812345678";

    private const int CoordinateSize = 32;
    private const string SignFailed = "Signing the input $message failed, please checking your $privateKey whether or nor correct.";
    private const string EncryptFailed = "Encrypting the input $plaintext failed, please checking your $publicKey whether or nor correct.";
    private const string DecryptFailed = "Decrypting the input $ciphertext failed, please checking your $privateKey whether or nor correct.";

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);
    private static readonly SecureRandom Random = new();

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

    /// <summary>Signs <paramref name="message"/> with SM2-with-SM3.</summary>
    /// <param name="message">The bytes to sign.</param>
    /// <param name="privateKey">An <see cref="Sm2PrivateKey"/> or anything <see cref="PrivateKeyFrom"/> accepts.</param>
    /// <param name="userId">The signer's user id (default <see cref="DefaultUserId"/>), as UTF-8.</param>
    /// <returns>The DER signature (<c>SEQUENCE { r, s }</c>); randomised, so it differs on every call.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <exception cref="CryptographicException"><c>Signing the input $message failed, please checking your $privateKey whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// byte[] der = Sm2.Sign(Encoding.UTF8.GetBytes(message), merchantKey);
    /// </code>
    /// </example>
    public static byte[] Sign(byte[] message, object privateKey, string userId = DefaultUserId)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(PrivateKeyFrom(privateKey).Parameters, Random), UserId(userId)));
        signer.BlockUpdate(message, 0, message.Length);
        try
        {
            return signer.GenerateSignature();
        }
        catch (CryptoException e)
        {
            throw new CryptographicException(SignFailed, e);
        }
    }

    /// <summary>Signs the UTF-8 bytes of <paramref name="message"/> with SM2-with-SM3.</summary>
    /// <param name="message">The text to sign, e.g. <c>Formatter.Request(...)</c>.</param>
    /// <param name="privateKey">An <see cref="Sm2PrivateKey"/> or anything <see cref="PrivateKeyFrom"/> accepts.</param>
    /// <param name="userId">The signer's user id (default <see cref="DefaultUserId"/>).</param>
    /// <returns>The base64 DER signature.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <exception cref="CryptographicException">The signature could not be made.</exception>
    /// <example>
    /// <code>
    /// string signature = Sm2.Sign(Formatter.Request("GET", "/v3/certificates", ts, nonce), merchantKey);
    /// </code>
    /// </example>
    public static string Sign(string message, object privateKey, string userId = DefaultUserId)
    {
        return Convert.ToBase64String(Sign(Bytes(message, nameof(message)), privateKey, userId));
    }

    /// <summary>Verifies a DER SM2-with-SM3 signature.</summary>
    /// <param name="message">The signed bytes.</param>
    /// <param name="signature">The DER signature; a malformed one simply does not verify.</param>
    /// <param name="publicKey">An <see cref="Sm2PublicKey"/> or anything <see cref="PublicKeyFrom"/> accepts.</param>
    /// <param name="userId">The signer's user id (default <see cref="DefaultUserId"/>).</param>
    /// <returns>True when the signature is valid.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <example>
    /// <code>
    /// bool ok = Sm2.Verify(Encoding.UTF8.GetBytes(message), der, platformKey);
    /// </code>
    /// </example>
    public static bool Verify(byte[] message, byte[] signature, object publicKey, string userId = DefaultUserId)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var verifier = new SM2Signer();
        verifier.Init(false, new ParametersWithID(PublicKeyFrom(publicKey).Parameters, UserId(userId)));
        if (signature is null || signature.Length == 0)
        {
            return false;
        }

        verifier.BlockUpdate(message, 0, message.Length);
        try
        {
            return verifier.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or CryptoException)
        {
            return false;
        }
    }

    /// <summary>Verifies a base64 DER SM2-with-SM3 signature over the UTF-8 bytes of <paramref name="message"/>.</summary>
    /// <param name="message">The signed text, e.g. <c>Formatter.Response(...)</c>.</param>
    /// <param name="signature">The base64 signature; anything malformed simply does not verify.</param>
    /// <param name="publicKey">An <see cref="Sm2PublicKey"/> or anything <see cref="PublicKeyFrom"/> accepts.</param>
    /// <param name="userId">The signer's user id (default <see cref="DefaultUserId"/>).</param>
    /// <returns>True when the signature is valid.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <example>
    /// <code>
    /// bool ok = Sm2.Verify(Formatter.Response(timestamp, nonce, body), signatureHeader, platformKey);
    /// </code>
    /// </example>
    public static bool Verify(string message, string signature, object publicKey, string userId = DefaultUserId)
    {
        byte[] raw;
        try
        {
            raw = signature is null ? Array.Empty<byte>() : Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            raw = Array.Empty<byte>();
        }

        return Verify(Bytes(message, nameof(message)), raw, publicKey, userId);
    }

    /// <summary>Encrypts <paramref name="plaintext"/> with SM2 (C1C3C2, ASN.1).</summary>
    /// <param name="plaintext">The bytes to encrypt; must not be empty.</param>
    /// <param name="publicKey">An <see cref="Sm2PublicKey"/> or anything <see cref="PublicKeyFrom"/> accepts.</param>
    /// <returns>The DER ciphertext <c>SEQUENCE { x, y, C3, C2 }</c>; randomised.</returns>
    /// <exception cref="InvalidArgumentException">An empty plaintext (ParamName <c>plaintext</c>), or the key cannot be loaded.</exception>
    /// <exception cref="CryptographicException"><c>Encrypting the input $plaintext failed, please checking your $publicKey whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// byte[] der = Sm2.Encrypt(Encoding.UTF8.GetBytes("张三"), platformKey);
    /// </code>
    /// </example>
    public static byte[] Encrypt(byte[] plaintext, object publicKey)
    {
        if (plaintext is null)
        {
            throw new ArgumentNullException(nameof(plaintext));
        }

        if (plaintext.Length == 0)
        {
            throw new InvalidArgumentException("The $plaintext must not be empty for SM2 encryption.", nameof(plaintext));
        }

        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(PublicKeyFrom(publicKey).Parameters, Random));
        byte[] raw;
        try
        {
            raw = engine.ProcessBlock(plaintext, 0, plaintext.Length);
        }
        catch (Exception e) when (e is CryptoException or ArgumentException or InvalidOperationException)
        {
            throw new CryptographicException(EncryptFailed, e);
        }

        // raw = 04 || x || y || C3 (32) || C2
        int c3At = 1 + (2 * CoordinateSize);
        int c2At = c3At + Sm3.HashSize;
        return new DerSequence(
            new DerInteger(new BigInteger(1, raw, 1, CoordinateSize)),
            new DerInteger(new BigInteger(1, raw, 1 + CoordinateSize, CoordinateSize)),
            new DerOctetString(Arrays.CopyOfRange(raw, c3At, c2At)),
            new DerOctetString(Arrays.CopyOfRange(raw, c2At, raw.Length))).GetDerEncoded();
    }

    /// <summary>Encrypts the UTF-8 bytes of <paramref name="plaintext"/> with SM2 (C1C3C2, ASN.1), e.g. a sensitive field.</summary>
    /// <param name="plaintext">The text to encrypt; must not be empty.</param>
    /// <param name="publicKey">An <see cref="Sm2PublicKey"/> or anything <see cref="PublicKeyFrom"/> accepts.</param>
    /// <returns>The base64 DER ciphertext.</returns>
    /// <exception cref="InvalidArgumentException">An empty plaintext, or the key cannot be loaded.</exception>
    /// <exception cref="CryptographicException">The encryption failed.</exception>
    /// <example>
    /// <code>
    /// string name = Sm2.Encrypt("张三", platformKey); // send with the header Wechatpay-Serial
    /// </code>
    /// </example>
    public static string Encrypt(string plaintext, object publicKey)
    {
        return Convert.ToBase64String(Encrypt(Bytes(plaintext, nameof(plaintext)), publicKey));
    }

    /// <summary>Decrypts an SM2 ciphertext (C1C3C2, ASN.1).</summary>
    /// <param name="ciphertext">The DER <c>SEQUENCE { x, y, C3, C2 }</c>.</param>
    /// <param name="privateKey">An <see cref="Sm2PrivateKey"/> or anything <see cref="PrivateKeyFrom"/> accepts.</param>
    /// <returns>The plaintext bytes.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <exception cref="CryptographicException">A malformed ciphertext or the wrong key: <c>Decrypting the input
    /// $ciphertext failed, please checking your $privateKey whether or nor correct.</c></exception>
    /// <example>
    /// <code>
    /// byte[] data = Sm2.Decrypt(der, merchantKey);
    /// </code>
    /// </example>
    public static byte[] Decrypt(byte[] ciphertext, object privateKey)
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(false, PrivateKeyFrom(privateKey).Parameters);
        try
        {
            byte[] raw = FromAsn1(ciphertext);
            return engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception e) when (e is CryptoException or ArgumentException or IOException or InvalidOperationException or FormatException)
        {
            throw new CryptographicException(DecryptFailed, e);
        }
    }

    /// <summary>Decrypts a base64 SM2 ciphertext (C1C3C2, ASN.1) into UTF-8 text.</summary>
    /// <param name="ciphertext">The base64 DER ciphertext.</param>
    /// <param name="privateKey">An <see cref="Sm2PrivateKey"/> or anything <see cref="PrivateKeyFrom"/> accepts.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="InvalidArgumentException">The key cannot be loaded.</exception>
    /// <exception cref="CryptographicException">Not base64, malformed, or the wrong key.</exception>
    /// <example>
    /// <code>
    /// string name = Sm2.Decrypt(encryptedName, merchantKey);
    /// </code>
    /// </example>
    public static string Decrypt(string ciphertext, object privateKey)
    {
        if (ciphertext is null)
        {
            throw new ArgumentNullException(nameof(ciphertext));
        }

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException)
        {
            // Still load the key, so a bad key input is reported the same way whatever the ciphertext.
            PrivateKeyFrom(privateKey);
            throw new CryptographicException(DecryptFailed);
        }

        return Utf8.GetString(Decrypt(raw, privateKey));
    }

    /// <summary>A PEM block: the label, the base64 body in 64-character lines, a final line feed.</summary>
    internal static string Pem(string label, byte[] der)
    {
        string body = Convert.ToBase64String(der);
        var pem = new StringBuilder().Append("-----BEGIN ").Append(label).Append("-----\n");
        for (int i = 0; i < body.Length; i += 64)
        {
            pem.Append(body, i, Math.Min(64, body.Length - i)).Append('\n');
        }

        return pem.Append("-----END ").Append(label).Append("-----\n").ToString();
    }

    /// <summary>The raw C1C3C2 bytes BouncyCastle's engine reads, from the ASN.1 form.</summary>
    private static byte[] FromAsn1(byte[] ciphertext)
    {
        var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(ciphertext));
        if (sequence.Count != 4)
        {
            throw new FormatException("An SM2 ciphertext is a SEQUENCE of four elements.");
        }

        BigInteger x = DerInteger.GetInstance(sequence[0]).Value;
        BigInteger y = DerInteger.GetInstance(sequence[1]).Value;
        byte[] c3 = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
        byte[] c2 = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
        if (x.SignValue < 0 || y.SignValue < 0 || c3.Length != Sm3.HashSize || c2.Length == 0)
        {
            throw new FormatException("The SM2 ciphertext is malformed.");
        }

        return Arrays.ConcatenateAll(
            new byte[] { 0x04 },
            BigIntegers.AsUnsignedByteArray(CoordinateSize, x),
            BigIntegers.AsUnsignedByteArray(CoordinateSize, y),
            c3,
            c2);
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

    private static byte[] UserId(string userId) => Bytes(userId, nameof(userId));

    private static byte[] Bytes(string value, string name)
    {
        return value is null ? throw new ArgumentNullException(name) : Utf8.GetBytes(value);
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
