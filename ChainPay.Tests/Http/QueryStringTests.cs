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

    [Test]
    public void Build_NumbersAndDates_AreWrittenAsInJson()
    {
        var query = new
        {
            amount = 100.00m,
            rate = 1.50m,
            ratio = 100.0,
            since = new DateTimeOffset(2018, 6, 8, 10, 34, 56, TimeSpan.FromHours(8)),
            id = Guid.Empty,
        };
        Assert.That(QueryString.Build(query), Is.EqualTo("amount=100&rate=1.5&ratio=100&since=2018-06-08T10%3A34%3A56%2B08%3A00&id=00000000-0000-0000-0000-000000000000"));
    }

    [Test]
    public void Build_ADateTime_IsOneValue_NotAMapOfItsProperties()
    {
        // Read as a map, DateTime.Date (another DateTime) nested without end and overflowed the stack.
        Assert.That(QueryString.Build(new { d = new DateTime(2019, 6, 11) }), Is.EqualTo("d=2019-06-11T00%3A00%3A00"));
    }
}
