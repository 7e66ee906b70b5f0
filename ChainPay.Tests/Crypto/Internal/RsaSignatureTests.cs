using System.Security.Cryptography;
using System.Text;
using ChainPay.Crypto.Internal;

namespace ChainPay.Tests.Crypto.Internal;

/// <summary>The span overloads of <see cref="RsaSignature"/> give the signatures and verdicts of the array ones.</summary>
public class RsaSignatureTests
{
    private static readonly RSA Key = RSA.Create(2048);

    // Below, at and above the size hashed in one call (64 KiB), where the parts are hashed one by one instead.
    [TestCase(0)]
    [TestCase(997)]
    [TestCase((64 * 1024) - 40)]
    [TestCase((64 * 1024) + 1)]
    [TestCase(300 * 1024)]
    public void Sign_IntoASpan_IsTheArraySignature(int bodyLength)
    {
        var head = Encoding.UTF8.GetBytes("POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n");
        var body = Enumerable.Range(0, bodyLength).Select(i => (byte)(i * 31)).ToArray();
        var tail = new[] { (byte)'\n' };
        var destination = new byte[RsaSignature.MaxStackSignature];

        var written = RsaSignature.Sign(head, body, tail, Key, destination);

        var expected = RsaSignature.Sign(head, body, tail, Key);
        Assert.Multiple(() =>
        {
            Assert.That(destination.AsSpan(0, written).ToArray(), Is.EqualTo(expected));
            Assert.That(RsaSignature.Verify(head.AsSpan(), body, tail, expected, Key), Is.True);
            Assert.That(RsaSignature.Verify(head.AsSpan(), body.Concat(new byte[] { 0 }).ToArray(), tail, expected, Key), Is.False);
        });
    }

    [Test]
    public void Sign_IntoASpanTooSmall_SaysSo()
    {
        Assert.That(RsaSignature.Sign(new byte[] { 1 }, default, default, Key, new byte[255]), Is.EqualTo(-1));
    }

    [Test]
    public void Sign_WithAPublicKeyOnly_FailsWithPhpsMessage()
    {
        using var publicOnly = RSA.Create();
        publicOnly.ImportParameters(Key.ExportParameters(false));

        var e = Assert.Throws<CryptographicException>(() => RsaSignature.Sign(new byte[] { 1 }, default, default, publicOnly, new byte[256]));

        Assert.That(e!.Message, Is.EqualTo(RsaSignature.SignFailed));
    }
}
