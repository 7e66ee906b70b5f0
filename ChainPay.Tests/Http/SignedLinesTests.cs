using System.Text;
using ChainPay.Http;

namespace ChainPay.Tests.Http;

/// <summary><see cref="SignedLines"/> makes exactly the bytes of the string concatenation it replaces.</summary>
public class SignedLinesTests
{
    [TestCase("GET", "/v3/certificates", "1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242")]
    [TestCase("POST", "/v3/pay/transactions/out-trade-no/商品-1?x=%E5%95%86&y=😀", "0", "n")]
    [TestCase("", "", "", "")]
    public void ARequestsHead_IsTheUtf8OfItsFourLines(string method, string target, string timestamp, string nonce)
    {
        var expected = Encoding.UTF8.GetBytes(method + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n");

        Assert.That(SignedLines.ToArray(method, target, timestamp, nonce), Is.EqualTo(expected));
        Assert.That(SignedLines.Length(method, target, timestamp, nonce), Is.EqualTo(expected.Length));
    }

    [TestCase("1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242")]
    [TestCase("0", "随机串😀")]
    [TestCase("", "")]
    public void AnAnswersHead_IsTheUtf8OfItsTwoLines(string timestamp, string nonce)
    {
        var expected = Encoding.UTF8.GetBytes(timestamp + "\n" + nonce + "\n");

        Assert.That(SignedLines.ToArray(timestamp, nonce), Is.EqualTo(expected));
        Assert.That(SignedLines.Length(timestamp, nonce), Is.EqualTo(expected.Length));
    }

    [TestCase("GET", "/v3/certificates", "1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242")]
    [TestCase("POST", "/v3/pay/transactions/out-trade-no/商品-1?x=%E5%95%86&y=😀", "0", "n")]
    public void Write_IntoASpan_IsTheArray_AndNoMore(string method, string target, string timestamp, string nonce)
    {
        var destination = new byte[SignedLines.Length(method, target, timestamp, nonce) + 3];

        var written = SignedLines.Write(destination, method, target, timestamp, nonce);

        Assert.That(destination.Take(written), Is.EqualTo(SignedLines.ToArray(method, target, timestamp, nonce)));
        Assert.That(written, Is.EqualTo(destination.Length - 3));
        Assert.That(destination.Skip(written), Is.All.EqualTo((byte)0));
        Assert.That(SignedLines.Write(destination, timestamp, nonce), Is.EqualTo(SignedLines.Length(timestamp, nonce)));
    }
}
