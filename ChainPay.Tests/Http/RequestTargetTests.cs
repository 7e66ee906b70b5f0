using ChainPay.Http;

namespace ChainPay.Tests.Http;

public class RequestTargetTests
{
    [TestCase("https://api.mch.weixin.qq.com/", "v3/x", "https://api.mch.weixin.qq.com/v3/x")]
    [TestCase("https://api.mch.weixin.qq.com/hk/", "v3/statements", "https://api.mch.weixin.qq.com/hk/v3/statements")]
    [TestCase("https://api.mch.weixin.qq.com/hk/", "/v3/statements", "https://api.mch.weixin.qq.com/v3/statements")]
    [TestCase("https://api.mch.weixin.qq.com", "v3/x", "https://api.mch.weixin.qq.com/v3/x")]
    [TestCase("https://api.mch.weixin.qq.com/", "v3/x?a=1", "https://api.mch.weixin.qq.com/v3/x?a=1")]
    public void Resolve_FollowsRfc3986(string baseUri, string path, string expected)
    {
        Assert.That(RequestTarget.Resolve(baseUri, path, null), Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_QueryReplacesTheTemplateQuery()
    {
        Assert.That(RequestTarget.Resolve("https://h/", "v3/x?old=1", new { a = 1 }), Is.EqualTo("https://h/v3/x?a=1"));
        Assert.That(RequestTarget.Resolve("https://h/", "v3/x?old=1", new Dictionary<string, object?>()), Is.EqualTo("https://h/v3/x"));
    }

    [TestCase("https://other.example/v3/x")]
    [TestCase("//other.example/v3/x")]
    [TestCase("HTTP://other.example/")]
    public void Resolve_AbsoluteUrls_AreRefused(string path)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestTarget.Resolve("https://h/", path, null));
        Assert.That(e!.ParamName, Is.EqualTo("base_uri"));
    }

    [TestCase("v3/{x}/../y")]
    [TestCase("v3/./y")]
    [TestCase("v3/%2E%2e/y")]
    [TestCase("..")]
    [TestCase("v3/x/.%2e")]
    [TestCase("v3/%2e./x?q")]
    [TestCase("v3/%2E#f")]
    [TestCase("./v3")]
    public void Resolve_DotSegmentsAnywhere_AreRefused(string path)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestTarget.Resolve("https://h/", path, null));
        Assert.That(e!.ParamName, Is.EqualTo("path"));
    }

    [TestCase("v3/a/%2E%2e/b", "%2E%2e")]
    [TestCase("v3/a/./b/../c", ".")]
    public void Resolve_ADotSegment_IsNamedInTheMessage(string path, string segment)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestTarget.Resolve("https://h/", path, null));
        Assert.That(e!.Message, Does.Contain($"the dot segment `{segment}`"));
    }

    [TestCase("v3/.well/x..y/...")]
    [TestCase("v3/x?a=../b")]
    [TestCase("v3/%2E%2E%2E/%2F/%2Ex/x%2E%2E/.%2F")]
    [TestCase("v3//x/")]
    public void Resolve_DotsThatAreNotSegments_AreFine(string path)
    {
        Assert.That(RequestTarget.Resolve("https://h/", path, null), Is.EqualTo("https://h/" + path));
    }

    [Test]
    public void Resolve_AColonLaterInThePath_IsNotAScheme()
    {
        Assert.That(RequestTarget.Resolve("https://h/", "v3/a:b/c", null), Is.EqualTo("https://h/v3/a:b/c"));
    }

    [TestCase("v3/a[0]/b]", "https://h/v3/a%5B0%5D/b%5D")]
    [TestCase("v3/x?a[0]=1&b=]", "https://h/v3/x?a%5B0%5D=1&b=%5D")]
    [TestCase("v3/a b\\c{d}|中", "https://h/v3/a%20b%5Cc%7Bd%7D%7C%E4%B8%AD")]
    [TestCase("v3/50%/x%zz", "https://h/v3/50%25/x%25zz")]
    public void Resolve_EncodesWhatAPathOrQueryCannotHold_AsPhp(string path, string expected)
    {
        Assert.That(RequestTarget.Resolve("https://h/", path, null), Is.EqualTo(expected));
    }

    [TestCase("v3/a%41b%7e%2F/c")]
    [TestCase("v3/x?q=%41&r=%7E%2f")]
    [TestCase("v3/a:b@c!$&'()*+,;=/x?y=/?z")]
    public void Resolve_KeepsTripletsAndAllowedCharacters_AsWritten(string path)
    {
        Assert.That(RequestTarget.Resolve("https://h/", path, null), Is.EqualTo("https://h/" + path));
    }

    [Test]
    public void Resolve_AStringQueryOption_IsEncodedTheSameWay()
    {
        Assert.That(RequestTarget.Resolve("https://h/", "v3/x", "a[b]=%41&c=d e"), Is.EqualTo("https://h/v3/x?a%5Bb%5D=%41&c=d%20e"));
    }

    [TestCase("v3/x#frag", null, "https://h/v3/x")]
    [TestCase("v3/x?a=1#frag[0]", null, "https://h/v3/x?a=1")]
    [TestCase("v3/x#frag", "b=2", "https://h/v3/x?b=2")]
    public void Resolve_DropsTheFragment_WhichIsNeverSent(string path, string? query, string expected)
    {
        Assert.That(RequestTarget.Resolve("https://h/", path, query), Is.EqualTo(expected));
    }
}
