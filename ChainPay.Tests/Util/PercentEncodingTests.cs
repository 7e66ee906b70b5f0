using System.Text;
using ChainPay.Util;

namespace ChainPay.Tests.Util;

public class PercentEncodingTests
{
    [TestCase("AZaz09-._~", "AZaz09-._~")]
    [TestCase("a b+c/中", "a%20b%2Bc%2F%E4%B8%AD")]
    [TestCase("%2F", "%252F")]
    [TestCase("😀", "%F0%9F%98%80")]
    public void Encode_IsRawUrlEncode(string input, string expected)
    {
        Assert.That(PercentEncoding.Encode(input), Is.EqualTo(expected));
    }

    [TestCase("a/b?c=d&e#f", "a/b%3Fc=d&e%23f")]
    [TestCase("%2F%zz", "%2F%25zz")]
    [TestCase("a b", "a%20b")]
    public void Append_WithReserved_KeepsReservedAndTriplets(string input, string expected)
    {
        Assert.That(PercentEncoding.Append(new StringBuilder(), input, allowReserved: true).ToString(), Is.EqualTo(expected));
    }

    [TestCase("/v3/a[0]]?q=[x]", "/v3/a%5B0%5D%5D?q=%5Bx%5D")]
    [TestCase("/v3/%41%7e%zz%", "/v3/%41%7e%25zz%25")]
    [TestCase("/v3/a b\\中😀#", "/v3/a%20b%5C%E4%B8%AD%F0%9F%98%80%23")]
    public void EncodeTarget_EncodesWhatRfc3986DoesNotAllow_KeepingTriplets(string input, string expected)
    {
        Assert.That(PercentEncoding.EncodeTarget(input), Is.EqualTo(expected));
    }

    [Test]
    public void EncodeTarget_ReturnsAValidTargetItself()
    {
        var target = "/v3/a:b@c!$&'()*+,;=-._~%41?x=/?y";
        Assert.That(PercentEncoding.EncodeTarget(target), Is.SameAs(target));
    }

    [TestCase("https://api.mch.weixin.qq.com/v3/a%41b?q=1&x=y", 29, true)]
    [TestCase("https://api.mch.weixin.qq.com/v3/a b", 29, false)]
    [TestCase("https://api.mch.weixin.qq.com/v3/a%4", 29, false)]
    [TestCase("https://api.mch.weixin.qq.com/v3/[0]", 29, false)]
    [TestCase("http://[::1]/v3/a", 0, false)]
    [TestCase("http://[::1]/v3/a", 12, true)]
    [TestCase("/v3/商品", 0, false)]
    [TestCase("", 0, true)]
    public void IsEncodedTarget_IsWhetherEncodeTargetWouldKeepTheRest(string text, int start, bool encoded)
    {
        var rest = text.Substring(start);
        Assert.That(PercentEncoding.IsEncodedTarget(text, start), Is.EqualTo(encoded));
        Assert.That(ReferenceEquals(PercentEncoding.EncodeTarget(rest), rest), Is.EqualTo(encoded));
    }
}
