using System.Text;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using static ChainPay.Tests.Fixtures.Sm2Fixture;

namespace ChainPay.Tests.Crypto;

/// <summary>
/// <see cref="Sm2"/> SM2-with-SM3 signatures, checked against BouncyCastle used directly, OpenSSL's vector and the
/// openssl CLI when present.
/// </summary>
public class Sm2SigningTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes(Sm2TestKeys.SignedMessage);

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
    public void SigningWithAPublicKeyIsRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Sm2.Sign("x", FixturePublic));
        Assert.That(e!.Message, Does.StartWith("Cannot load privateKey from(Sm2PublicKey)"));
    }
}
