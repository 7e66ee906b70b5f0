using ChainPay.Http;

namespace ChainPay.Tests.Http;

public class ApiClientTests
{
    [TestCase("https://api.mch.weixin.qq.com/", "v3/x", "https://api.mch.weixin.qq.com/v3/x")]
    [TestCase("https://api.mch.weixin.qq.com/hk/", "v3/statements", "https://api.mch.weixin.qq.com/hk/v3/statements")]
    [TestCase("https://api.mch.weixin.qq.com/hk/", "/v3/statements", "https://api.mch.weixin.qq.com/v3/statements")]
    [TestCase("https://api.mch.weixin.qq.com", "v3/x", "https://api.mch.weixin.qq.com/v3/x")]
    [TestCase("https://api.mch.weixin.qq.com/", "v3/x?a=1", "https://api.mch.weixin.qq.com/v3/x?a=1")]
    public void Resolve_FollowsRfc3986(string baseUri, string path, string expected)
    {
        Assert.That(ApiClient.Resolve(baseUri, path, null), Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_QueryReplacesTheTemplateQuery()
    {
        Assert.That(ApiClient.Resolve("https://h/", "v3/x?old=1", new { a = 1 }), Is.EqualTo("https://h/v3/x?a=1"));
        Assert.That(ApiClient.Resolve("https://h/", "v3/x?old=1", new Dictionary<string, object?>()), Is.EqualTo("https://h/v3/x"));
    }

    [TestCase("https://other.example/v3/x")]
    [TestCase("//other.example/v3/x")]
    [TestCase("HTTP://other.example/")]
    public void Resolve_AbsoluteUrls_AreRefused(string path)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => ApiClient.Resolve("https://h/", path, null));
        Assert.That(e!.ParamName, Is.EqualTo("base_uri"));
    }

    [TestCase("v3/{x}/../y")]
    [TestCase("v3/./y")]
    [TestCase("v3/%2E%2e/y")]
    [TestCase("..")]
    public void Resolve_DotSegmentsAnywhere_AreRefused(string path)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => ApiClient.Resolve("https://h/", path, null));
        Assert.That(e!.ParamName, Is.EqualTo("path"));
    }

    [TestCase("v3/.well/x..y/...")]
    [TestCase("v3/x?a=../b")]
    public void Resolve_DotsThatAreNotSegments_AreFine(string path)
    {
        Assert.That(ApiClient.Resolve("https://h/", path, null), Is.EqualTo("https://h/" + path));
    }

    [Test]
    public void Resolve_AColonLaterInThePath_IsNotAScheme()
    {
        Assert.That(ApiClient.Resolve("https://h/", "v3/a:b/c", null), Is.EqualTo("https://h/v3/a:b/c"));
    }

    [TestCase("get", "GET")]
    [TestCase("Post", "POST")]
    [TestCase("PATCH", "PATCH")]
    [TestCase("head", null)]
    public void MethodOf_KnowsTheFiveVerbs(string verb, string? method)
    {
        Assert.That(ApiClient.MethodOf(verb)?.Method, Is.EqualTo(method));
    }
}
