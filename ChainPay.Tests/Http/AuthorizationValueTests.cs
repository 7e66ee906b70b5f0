using ChainPay.Http;

namespace ChainPay.Tests.Http;

/// <summary><see cref="AuthorizationValue"/> builds exactly the text <see cref="Formatter.Authorization(string, string, string, string, string, string)"/> makes.</summary>
public class AuthorizationValueTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(64)]
    [TestCase(256)]
    [TestCase(512)]
    public void Build_IsFormatterAuthorizationWithTheBase64Signature(int signatureLength)
    {
        var signature = Enumerable.Range(0, signatureLength).Select(i => (byte)((i * 37) + 11)).ToArray();
        var expected = Formatter.Authorization(
            "WECHATPAY2-SM2-WITH-SM3", "1900009191", "593BEC0C930BF1AFEB40B4A08C8FB242", Convert.ToBase64String(signature), "1554208460", "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C");

        var built = AuthorizationValue.Build("WECHATPAY2-SM2-WITH-SM3", "1900009191", "593BEC0C930BF1AFEB40B4A08C8FB242", signature, "1554208460", "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C");

        Assert.That(built, Is.EqualTo(expected));
    }

    // 600 characters of mchid make a value over the 1,024 characters built on the stack: built in a pooled array instead.
    [TestCase(10)]
    [TestCase(600)]
    public void Build_FromASpan_IsFormatterAuthorization(int mchidLength)
    {
        var signature = Enumerable.Range(0, 256).Select(i => (byte)(i * 7)).ToArray();
        var mchid = new string('9', mchidLength);

        var built = AuthorizationValue.Build("WECHATPAY2-SHA256-RSA2048", mchid, "n", signature.AsSpan(), "1554208460", "serial");

        Assert.That(built, Is.EqualTo(Formatter.Authorization("WECHATPAY2-SHA256-RSA2048", mchid, "n", Convert.ToBase64String(signature), "1554208460", "serial")));
    }
}
