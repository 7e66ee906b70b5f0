using ChainPay.Http;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Http;

public class QueryStringTests
{
    [Test]
    public void Build_FollowsHttpBuildQueryRfc3986()
    {
        // Spec §3.2 request-shape vector.
        var query = new Dictionary<string, object?>
        {
            ["bill_date"] = "2019-06-11",
            ["bill_type"] = "ALL",
            ["tar_type"] = null,
            ["x"] = true,
            ["y"] = false,
            ["z"] = "a b+c/中",
            ["arr"] = new[] { "a", "b" },
        };
        Assert.That(QueryString.Build(query), Is.EqualTo("bill_date=2019-06-11&bill_type=ALL&x=1&y=0&z=a%20b%2Bc%2F%E4%B8%AD&arr%5B0%5D=a&arr%5B1%5D=b"));
    }

    [Test]
    public void Build_AnonymousObjectsAndJObjectsAndNestedMaps()
    {
        Assert.That(QueryString.Build(new { mchid = "1230000109", n = 5 }), Is.EqualTo("mchid=1230000109&n=5"));
        Assert.That(QueryString.Build(JObject.Parse("{\"a\":{\"b\":\"c d\"},\"f\":false}")), Is.EqualTo("a%5Bb%5D=c%20d&f=0"));
    }

    [Test]
    public void Build_StringIsUsedVerbatim()
    {
        Assert.That(QueryString.Build("?a=1&b=%20"), Is.EqualTo("a=1&b=%20"));
        Assert.That(QueryString.Build("a=1"), Is.EqualTo("a=1"));
    }

    [Test]
    public void Build_ScalarIsRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => QueryString.Build(42));
        Assert.That(e!.ParamName, Is.EqualTo("query"));
    }
}
