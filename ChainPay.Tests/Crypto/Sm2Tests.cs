using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace ChainPay.Tests.Crypto;

/// <summary>
/// <see cref="Sm2"/>: key loading in every form, SM2-with-SM3 signatures and C1C3C2 ASN.1 encryption, each checked
/// against an independent path — BouncyCastle used directly in the test, OpenSSL's vectors, and the openssl CLI when present.
/// </summary>
public class Sm2Tests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes(Sm2TestKeys.SignedMessage);

    private static readonly object[] PrivateInputs =
    {
        new object[] { "pkcs8", Sm2TestKeys.Pkcs8PrivateKey },
        new object[] { "sec1 (SM2 label)", Sm2TestKeys.Sec1Sm2PrivateKey },
        new object[] { "sec1 (EC label)", Sm2TestKeys.Sec1EcPrivateKey },
        new object[] { "pem with text around", "a comment\n" + Sm2TestKeys.Pkcs8PrivateKey + "trailer" },
    };

    private static readonly object[] PublicInputs =
    {
        new object[] { "spki", Sm2TestKeys.SpkiPublicKey },
        new object[] { "certificate", Sm2TestKeys.Certificate },
        new object[] { "private pkcs8", Sm2TestKeys.Pkcs8PrivateKey },
        new object[] { "private sec1", Sm2TestKeys.Sec1Sm2PrivateKey },
    };

    private static Sm2PrivateKey FixturePrivate => Sm2.PrivateKeyFrom(Sm2TestKeys.Pkcs8PrivateKey);

    private static Sm2PublicKey FixturePublic => Sm2.PublicKeyFrom(Sm2TestKeys.SpkiPublicKey);

    [TestCaseSource(nameof(PrivateInputs))]
    public void PrivateKeyFrom_ReadsEveryPemForm(string kind, string pem)
    {
        var key = Sm2.PrivateKeyFrom(pem);
        Assert.That(Convert.ToHexString(key.PublicKey.GetEncoded()).ToLowerInvariant(), Is.EqualTo(Sm2TestKeys.PublicPointHex), kind);
    }

    [TestCaseSource(nameof(PublicInputs))]
    public void PublicKeyFrom_ReadsEveryPemForm(string kind, string pem)
    {
        var key = Sm2.PublicKeyFrom(pem);
        Assert.That(Convert.ToHexString(key.GetEncoded()).ToLowerInvariant(), Is.EqualTo(Sm2TestKeys.PublicPointHex), kind);
    }

    [Test]
    public void KeysLoadFromFileUris()
    {
        string dir = Path.Combine(Path.GetTempPath(), "chainpay-sm2-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "key.pem"), Sm2TestKeys.Sec1Sm2PrivateKey);
            File.WriteAllText(Path.Combine(dir, "cert.pem"), Sm2TestKeys.Certificate);
            var privateKey = Sm2.PrivateKeyFrom("file://" + Path.Combine(dir, "key.pem"));
            var publicKey = Sm2.PublicKeyFrom("file://" + Path.Combine(dir, "cert.pem"));
            Assert.That(privateKey.PublicKey, Is.EqualTo(publicKey));

            var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom("file://" + Path.Combine(dir, "missing.pem")));
            Assert.That(e!.ParamName, Is.EqualTo("thing"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void KeysLoadFromObjects()
    {
        var privateKey = FixturePrivate;
        Assert.Multiple(() =>
        {
            Assert.That(Sm2.PrivateKeyFrom(privateKey), Is.SameAs(privateKey));
            Assert.That(Sm2.PrivateKeyFrom(privateKey.Parameters).Parameters.D, Is.EqualTo(privateKey.Parameters.D));
            Assert.That(Sm2.PublicKeyFrom(privateKey), Is.SameAs(privateKey.PublicKey));
            Assert.That(Sm2.PublicKeyFrom(privateKey.PublicKey), Is.SameAs(privateKey.PublicKey));
            Assert.That(Sm2.PublicKeyFrom(privateKey.PublicKey.Parameters), Is.EqualTo(privateKey.PublicKey));
            Assert.That(Sm2.PublicKeyFrom(privateKey.Parameters), Is.EqualTo(privateKey.PublicKey));
        });

        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(
            Sm2TestKeys.Certificate.Replace("-----BEGIN CERTIFICATE-----", string.Empty).Replace("-----END CERTIFICATE-----", string.Empty)));
        Assert.That(Sm2.PublicKeyFrom(certificate), Is.EqualTo(privateKey.PublicKey));
    }

    [TestCase(Sm2TestKeys.P256PrivateKey)]
    [TestCase("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n")]
    [TestCase("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [TestCase(Sm2TestKeys.SpkiPublicKey)]
    [TestCase("")]
    [TestCase("garbage")]
    public void PrivateKeyFrom_RefusesWhatIsNotAnSm2PrivateKey(string input)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom(input));
        Assert.That(e!.ParamName, Is.EqualTo("thing"));
        Assert.That(e.Message, Does.StartWith("Cannot load privateKey from(String), please take care about the \\$thing input."));
        AssertNoKeyMaterial(e);
    }

    [Test]
    public void PublicKeyFrom_RefusesWhatIsNotAnSm2PublicKey()
    {
        Assert.Multiple(() =>
        {
            foreach (object input in new object[] { Sm2TestKeys.P256PrivateKey, "garbage", 42, new byte[] { 1 } })
            {
                var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PublicKeyFrom(input));
                Assert.That(e!.ParamName, Is.EqualTo("thing"));
                Assert.That(e.Message, Does.StartWith($"Cannot load publicKey from({input.GetType().Name})"));
                AssertNoKeyMaterial(e);
            }

            Assert.Throws<InvalidArgumentException>(() => Sm2.PublicKeyFrom(null!));
            Assert.Throws<InvalidArgumentException>(() => Sm2.PrivateKeyFrom(null!));
        });
    }

    [Test]
    public void AnRsaCertificateIsNotAnSm2Key()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=rsa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.PublicKeyFrom(certificate));
        Assert.That(e!.Message, Does.StartWith("Cannot load publicKey from(X509Certificate2)"));
    }

    [Test]
    public void SignAndVerifyRoundTrip()
    {
        var (privateKey, publicKey) = Sm2.GenerateKeyPair();
        string signature = Sm2.Sign("hello wechatpay", privateKey);

        Assert.That(Sm2.Verify("hello wechatpay", signature, publicKey), Is.True);
        Assert.That(Sm2.Verify("hello wechatpay", signature, privateKey.PublicKey.ToPem()), Is.True);
        Assert.That(Sm2.Sign("hello wechatpay", privateKey), Is.Not.EqualTo(signature), "SM2 signatures are randomised");
    }

    [Test]
    public void TheSignatureIsDerAndVerifiesWithBouncyCastleDirectly()
    {
        byte[] signature = Sm2.Sign(Message, Sm2TestKeys.Pkcs8PrivateKey);

        var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(signature));
        Assert.That(sequence.Count, Is.EqualTo(2));
        Assert.That(sequence[0], Is.InstanceOf<DerInteger>());
        Assert.That(sequence[1], Is.InstanceOf<DerInteger>());

        // An independent key path too: BouncyCastle's own SPKI factory, not ChainPay's reader.
        var publicKey = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(Der(Sm2TestKeys.SpkiPublicKey));
        var verifier = new SM2Signer(StandardDsaEncoding.Instance, new SM3Digest());
        verifier.Init(false, new ParametersWithID(publicKey, Encoding.ASCII.GetBytes("1234567812345678")));
        verifier.BlockUpdate(Message, 0, Message.Length);
        Assert.That(verifier.VerifySignature(signature), Is.True);
    }

    [Test]
    public void ABouncyCastleSignatureVerifies()
    {
        var privateKey = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(Der(Sm2TestKeys.Pkcs8PrivateKey));
        var signer = new SM2Signer(StandardDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), Encoding.ASCII.GetBytes("1234567812345678")));
        signer.BlockUpdate(Message, 0, Message.Length);
        byte[] signature = signer.GenerateSignature();

        Assert.That(Sm2.Verify(Message, signature, FixturePublic), Is.True);
    }

    [Test]
    public void TheOpensslSignatureVerifies()
    {
        Assert.That(Sm2.Verify(Sm2TestKeys.SignedMessage, Sm2TestKeys.OpensslSignature, Sm2TestKeys.SpkiPublicKey), Is.True);
        Assert.That(Sm2.Verify(Sm2TestKeys.SignedMessage, Sm2TestKeys.OpensslSignature, Sm2TestKeys.Certificate), Is.True);
        Assert.That(Sm2.Verify(Sm2TestKeys.SignedMessage + " ", Sm2TestKeys.OpensslSignature, Sm2TestKeys.SpkiPublicKey), Is.False);
    }

    [Test]
    public void OpensslVerifiesOurSignature()
    {
        string dir = OpensslWorkspace();
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "msg"), Message);
            File.WriteAllBytes(Path.Combine(dir, "sig"), Sm2.Sign(Message, FixturePrivate));
            File.WriteAllText(Path.Combine(dir, "pub.pem"), FixturePrivate.PublicKey.ToPem());

            var (code, output) = Openssl(dir, "pkeyutl -verify -pubin -inkey pub.pem -rawin -in msg -sigfile sig -digest sm3 -pkeyopt distid:1234567812345678");
            Assert.That(code, Is.EqualTo(0), output);
            Assert.That(output, Does.Contain("Signature Verified Successfully"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void OpensslDecryptsOurCiphertext()
    {
        string dir = OpensslWorkspace();
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "ct"), Sm2.Encrypt(Encoding.UTF8.GetBytes("国密 round trip"), FixturePublic));
            File.WriteAllText(Path.Combine(dir, "key.pem"), Sm2TestKeys.Pkcs8PrivateKey);

            var (code, output) = Openssl(dir, "pkeyutl -decrypt -inkey key.pem -in ct");
            Assert.That(code, Is.EqualTo(0), output);
            Assert.That(output, Is.EqualTo("国密 round trip"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void VerifyIsFalseForAnythingElse()
    {
        var (privateKey, publicKey) = Sm2.GenerateKeyPair();
        byte[] signature = Sm2.Sign(Message, privateKey);
        byte[] flipped = (byte[])signature.Clone();
        flipped[^1] ^= 1;

        Assert.Multiple(() =>
        {
            Assert.That(Sm2.Verify(Message, signature, publicKey), Is.True);
            Assert.That(Sm2.Verify(Message.Concat(new byte[] { 0 }).ToArray(), signature, publicKey), Is.False, "another message");
            Assert.That(Sm2.Verify(Message, signature, FixturePublic), Is.False, "another key");
            Assert.That(Sm2.Verify(Message, signature, publicKey, "another-user-id"), Is.False, "another user id");
            Assert.That(Sm2.Verify(Message, flipped, publicKey), Is.False, "a flipped byte");
            Assert.That(Sm2.Verify(Message, new byte[] { 0x30, 0x03, 0x02, 0x01 }, publicKey), Is.False, "truncated DER");
            Assert.That(Sm2.Verify(Message, new byte[64], publicKey), Is.False, "raw zeros");
            Assert.That(Sm2.Verify(Message, Array.Empty<byte>(), publicKey), Is.False, "empty");
            Assert.That(Sm2.Verify("x", "not base64!", publicKey), Is.False, "not base64");
            Assert.That(Sm2.Verify("x", null!, publicKey), Is.False, "null");
        });
    }

    [Test]
    public void AnotherUserIdSignsAndVerifies()
    {
        const string userId = "ALICE123@YAHOO.COM";
        byte[] signature = Sm2.Sign(Message, FixturePrivate, userId);
        Assert.That(Sm2.Verify(Message, signature, FixturePublic, userId), Is.True);
        Assert.That(Sm2.Verify(Message, signature, FixturePublic), Is.False);

        var verifier = new SM2Signer();
        verifier.Init(false, new ParametersWithID(FixturePublic.Parameters, Encoding.ASCII.GetBytes(userId)));
        verifier.BlockUpdate(Message, 0, Message.Length);
        Assert.That(verifier.VerifySignature(signature), Is.True);
    }

    [Test]
    public void EncryptAndDecryptRoundTrip()
    {
        var (privateKey, publicKey) = Sm2.GenerateKeyPair();
        foreach (string text in new[] { "a", "张三", "{\"id_card_number\":\"110101199003077777\"}", new string('x', 1000) })
        {
            string ciphertext = Sm2.Encrypt(text, publicKey);
            Assert.That(Sm2.Decrypt(ciphertext, privateKey), Is.EqualTo(text));
            Assert.That(Sm2.Encrypt(text, publicKey), Is.Not.EqualTo(ciphertext), "SM2 encryption is randomised");
        }
    }

    [Test]
    public void TheCiphertextIsC1C3C2InAsn1()
    {
        byte[] plaintext = Encoding.UTF8.GetBytes("hello 国密");
        byte[] ciphertext = Sm2.Encrypt(plaintext, FixturePublic);

        var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(ciphertext));
        Assert.That(sequence.Count, Is.EqualTo(4));
        var x = DerInteger.GetInstance(sequence[0]).Value;
        var y = DerInteger.GetInstance(sequence[1]).Value;
        byte[] c3 = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
        byte[] c2 = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
        Assert.That(c3, Has.Length.EqualTo(32));
        Assert.That(c2, Has.Length.EqualTo(plaintext.Length));

        // Decrypt with BouncyCastle's engine directly, fed the raw C1C3C2 bytes.
        byte[] raw = Arrays.ConcatenateAll(new byte[] { 0x04 }, BigIntegers.AsUnsignedByteArray(32, x), BigIntegers.AsUnsignedByteArray(32, y), c3, c2);
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(false, (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(Der(Sm2TestKeys.Pkcs8PrivateKey)));
        Assert.That(engine.ProcessBlock(raw, 0, raw.Length), Is.EqualTo(plaintext));
    }

    [Test]
    public void DecryptsABouncyCastleCiphertext()
    {
        byte[] plaintext = Encoding.UTF8.GetBytes("{\"name\":\"张三\"}");
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        var publicKey = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(Der(Sm2TestKeys.SpkiPublicKey));
        engine.Init(true, new ParametersWithRandom(publicKey, new SecureRandom()));
        byte[] raw = engine.ProcessBlock(plaintext, 0, plaintext.Length);

        byte[] der = new DerSequence(
            new DerInteger(new BigInteger(1, raw, 1, 32)),
            new DerInteger(new BigInteger(1, raw, 33, 32)),
            new DerOctetString(Arrays.CopyOfRange(raw, 65, 97)),
            new DerOctetString(Arrays.CopyOfRange(raw, 97, raw.Length))).GetDerEncoded();

        Assert.That(Sm2.Decrypt(der, FixturePrivate), Is.EqualTo(plaintext));
        Assert.That(Sm2.Decrypt(Convert.ToBase64String(der), Sm2TestKeys.Sec1EcPrivateKey), Is.EqualTo("{\"name\":\"张三\"}"));
    }

    [Test]
    public void DecryptsTheOpensslCiphertext()
    {
        Assert.That(Sm2.Decrypt(Sm2TestKeys.OpensslCiphertext, Sm2TestKeys.Pkcs8PrivateKey), Is.EqualTo(Sm2TestKeys.EncryptedPlaintext));
    }

    [Test]
    public void TheWrongKeyOrABadCiphertextFailsClearly()
    {
        const string expected = "Decrypting the input $ciphertext failed, please checking your $privateKey whether or nor correct.";
        var (other, _) = Sm2.GenerateKeyPair();
        byte[] ciphertext = Convert.FromBase64String(Sm2TestKeys.OpensslCiphertext);
        byte[] tampered = (byte[])ciphertext.Clone();
        tampered[^1] ^= 1;

        Assert.Multiple(() =>
        {
            var e = Assert.Throws<CryptographicException>(() => Sm2.Decrypt(Sm2TestKeys.OpensslCiphertext, other));
            Assert.That(e!.Message, Is.EqualTo(expected));
            Assert.That(e.Message, Does.Not.Contain(Sm2TestKeys.EncryptedPlaintext));
            Assert.That(e.ToString(), Does.Not.Contain(Sm2TestKeys.EncryptedPlaintext));

            Assert.That(Assert.Throws<CryptographicException>(() => Sm2.Decrypt(tampered, FixturePrivate))!.Message, Is.EqualTo(expected));
            Assert.That(Assert.Throws<CryptographicException>(() => Sm2.Decrypt(new byte[] { 1, 2, 3 }, FixturePrivate))!.Message, Is.EqualTo(expected));
            Assert.That(Assert.Throws<CryptographicException>(() => Sm2.Decrypt(new DerSequence(DerInteger.One).GetDerEncoded(), FixturePrivate))!.Message, Is.EqualTo(expected));
            Assert.That(Assert.Throws<CryptographicException>(() => Sm2.Decrypt("not base64!", FixturePrivate))!.Message, Is.EqualTo(expected));
            Assert.Throws<InvalidArgumentException>(() => Sm2.Decrypt("not base64!", "not a key"));
            Assert.Throws<InvalidArgumentException>(() => Sm2.Decrypt(Sm2TestKeys.OpensslCiphertext, Sm2TestKeys.SpkiPublicKey));
        });
    }

    [Test]
    public void AnEmptyPlaintextIsRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.Encrypt(string.Empty, FixturePublic));
        Assert.That(e!.ParamName, Is.EqualTo("plaintext"));
    }

    [Test]
    public void SigningWithAPublicKeyIsRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.Sign("x", FixturePublic));
        Assert.That(e!.Message, Does.StartWith("Cannot load privateKey from(Sm2PublicKey)"));
    }

    [Test]
    public void NullsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Sm2.Sign((byte[])null!, FixturePrivate));
        Assert.Throws<ArgumentNullException>(() => Sm2.Sign((string)null!, FixturePrivate));
        Assert.Throws<ArgumentNullException>(() => Sm2.Sign("x", FixturePrivate, null!));
        Assert.Throws<ArgumentNullException>(() => Sm2.Verify((byte[])null!, new byte[1], FixturePublic));
        Assert.Throws<ArgumentNullException>(() => Sm2.Encrypt((byte[])null!, FixturePublic));
        Assert.Throws<ArgumentNullException>(() => Sm2.Decrypt((byte[])null!, FixturePrivate));
        Assert.Throws<ArgumentNullException>(() => Sm2.Decrypt((string)null!, FixturePrivate));
    }

    [Test]
    public void GenerateKeyPair_GivesAMatchingPair()
    {
        var (privateKey, publicKey) = Sm2.GenerateKeyPair();
        Assert.That(privateKey.PublicKey, Is.EqualTo(publicKey));
        Assert.That(Sm2.GenerateKeyPair().PublicKey, Is.Not.EqualTo(publicKey));
    }

    private static void AssertNoKeyMaterial(Exception e)
    {
        string all = e.ToString();
        foreach (string secret in new[] { "MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQg", "qBow6DvK2boK0wSS", "hqQXyFGpDRqSeB4A" })
        {
            Assert.That(all, Does.Not.Contain(secret));
        }
    }

    private static byte[] Der(string pem)
    {
        var lines = pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
        return Convert.FromBase64String(string.Concat(lines));
    }

    /// <summary>A temporary directory, or <see cref="OpenSsl.Unavailable"/> when no openssl with SM2/SM3 is on the PATH.</summary>
    private static string OpensslWorkspace()
    {
        var (code, output) = Openssl(Path.GetTempPath(), "list -public-key-algorithms");
        if (code != 0 || output.IndexOf("sm2", StringComparison.OrdinalIgnoreCase) < 0)
        {
            OpenSsl.Unavailable("openssl 3 with SM2 support is not available: " + output);
        }

        string dir = Path.Combine(Path.GetTempPath(), "chainpay-openssl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static (int Code, string Output) Openssl(string workingDirectory, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("openssl", arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
