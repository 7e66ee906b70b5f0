using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Crypto;

/// <summary><see cref="Rsa"/> <c>sha256WithRSAEncryption</c> signing and verification against the spec's §11.4 vectors.</summary>
[TestFixture]
public class RsaSigningTests : KeyInputsFixture
{
    [Test]
    public void SignOfParts_IsTheSignatureOfTheirConcatenation()
    {
        using var key = Rsa.From(TestKeys.Pkcs8PrivateKey);
        using var pub = Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic);
        var head = Encoding.UTF8.GetBytes("POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n");
        var body = Encoding.UTF8.GetBytes("{\"description\":\"Image形象店-深圳腾大-QQ公仔\"}");
        var tail = new[] { (byte)'\n' };
        var whole = head.Concat(body).Concat(tail).ToArray();
        var signature = Rsa.Sign(head, body, tail, key);
        Assert.That(signature, Is.EqualTo(Rsa.Sign(whole, key))); // PKCS#1 v1.5 is deterministic
        Assert.That(Rsa.Verify(whole, signature, pub), Is.True);
        Assert.That(Rsa.Sign(head, Array.Empty<byte>(), tail, key), Is.EqualTo(Rsa.Sign(head.Concat(tail).ToArray(), key)));
    }

    [Test]
    public void SignOfParts_WithAPublicKey_FailsWithPhpsMessage()
    {
        using var pub = Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic);
        var e = Assert.Throws<CryptographicException>(() => Rsa.Sign(new byte[] { 1 }, new byte[] { 2 }, new byte[] { 3 }, pub));
        Assert.That(e!.Message, Does.StartWith("Signing the input $message failed"));
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PrivateKinds))]
    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PrivateObjectKinds))]
    public void SignReproducesEveryVectorFromEveryPrivateInput(string kind)
    {
        object key = inputs.Private(kind);
        try
        {
            Assert.That(Rsa.Sign(RsaVectors.GetMessage, key), Is.EqualTo(RsaVectors.GetSignature));
            Assert.That(Rsa.Sign(RsaVectors.PostMessage, key), Is.EqualTo(RsaVectors.PostSignature));
            Assert.That(Rsa.Sign(RsaVectors.JsapiMessage, key), Is.EqualTo(RsaVectors.JsapiSignature));
        }
        finally
        {
            (key as IDisposable)?.Dispose();
        }
    }

    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PublicKinds))]
    [TestCaseSource(typeof(KeyInputs), nameof(KeyInputs.PublicObjectKinds))]
    public void VerifyAcceptsTheResponseSignatureWithEveryPublicInput(string kind)
    {
        object key = inputs.Public(kind);
        try
        {
            Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.ResponseSignature, key), Is.True);
            Assert.That(Rsa.Verify(RsaVectors.ResponseMessage + " ", RsaVectors.ResponseSignature, key), Is.False);
        }
        finally
        {
            (key as IDisposable)?.Dispose();
        }
    }

    [Test]
    public void VerifyReturnsFalseForBadSignatures()
    {
        string spki = TestKeys.SpkiPublicKey;
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, "not base64!", spki), Is.False);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, "", spki), Is.False);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, "AAAA", spki), Is.False);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.GetSignature, spki), Is.False);

        using var other = RSA.Create(2048);
        Assert.That(Rsa.Verify(RsaVectors.ResponseMessage, RsaVectors.ResponseSignature, other), Is.False);
    }

    [Test]
    public void VerifyStillRejectsAnUnloadableKeyWhenTheSignatureIsBad()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Rsa.Verify(RsaVectors.ResponseMessage, "!", "public.spki://AAAA"));
        Assert.That(e!.Message, Does.StartWith(RsaVectors.CannotLoad(true, "String")));
    }

    [Test]
    public void SignWithAPublicOnlyKeyFailsWithThePhpMessage()
    {
        using RSA publicOnly = Rsa.From(TestKeys.SpkiPublicKey, Rsa.KeyTypePublic);
        var e = Assert.Throws<CryptographicException>(() => Rsa.Sign(RsaVectors.GetMessage, publicOnly));
        Assert.That(e!.Message, Is.EqualTo("Signing the input $message failed, please checking your $privateKey whether or nor correct."));
    }

    [Test]
    public void InternalByteOverloadsMatchTheStringApi()
    {
        using RSA key = Rsa.From(TestKeys.Pkcs8PrivateKey);
        byte[] signature = Rsa.Sign(Encoding.UTF8.GetBytes(RsaVectors.PostMessage), key);
        Assert.That(Convert.ToBase64String(signature), Is.EqualTo(RsaVectors.PostSignature));
        Assert.That(Rsa.Verify(Encoding.UTF8.GetBytes(RsaVectors.PostMessage), signature, key), Is.True);
        Assert.That(Rsa.Verify(Encoding.UTF8.GetBytes(RsaVectors.GetMessage), signature, key), Is.False);
    }
}
