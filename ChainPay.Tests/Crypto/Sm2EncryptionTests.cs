using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using static ChainPay.Tests.Fixtures.Sm2Fixture;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace ChainPay.Tests.Crypto;

/// <summary>
/// <see cref="Sm2"/> C1C3C2 ASN.1 encryption, checked against BouncyCastle's engine used directly, OpenSSL's vector and
/// the openssl CLI when present.
/// </summary>
public class Sm2EncryptionTests
{
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
}
