using ChainPay.Http;

namespace ChainPay.Tests.Http;

public class RequestOptionsTests
{
    [Test]
    public void From_SplitsReservedKeysFromPlaceholders()
    {
        var o = RequestOptions.From(new { out_trade_no = "1", json = new { a = 1 }, query = new { b = 2 }, headers = new { X = "y" }, base_uri = "https://api2.mch.weixin.qq.com/" });
        Assert.Multiple(() =>
        {
            Assert.That(o.Variables.Keys, Is.EqualTo(new[] { "out_trade_no" }));
            Assert.That(o.Json, Is.Not.Null);
            Assert.That(o.Query, Is.Not.Null);
            Assert.That(o.Headers.Single().Key, Is.EqualTo("X"));
            Assert.That(o.BaseUri, Is.EqualTo("https://api2.mch.weixin.qq.com/"));
        });
    }

    [Test]
    public void From_Null_IsEmpty()
    {
        var o = RequestOptions.From(null);
        Assert.That(o.Variables, Is.Empty);
        Assert.That(o.Json, Is.Null);
    }

    [Test]
    public void From_NullReservedValue_CountsAsAbsent()
    {
        var o = RequestOptions.From(new Dictionary<string, object?> { ["json"] = null, ["body"] = "x" });
        Assert.That(o.Json, Is.Null);
        Assert.That(o.Body, Is.EqualTo("x"));
    }

    [TestCase("ftp://x/")]
    [TestCase("relative/")]
    public void From_BadBaseUri_IsRefused(string value)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new { base_uri = value }));
        Assert.That(e!.ParamName, Is.EqualTo("base_uri"));
    }

    [Test]
    public void From_HeadersThatAreNotAMap_AreRefused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => RequestOptions.From(new { headers = "X: y" }));
        Assert.That(e!.ParamName, Is.EqualTo("headers"));
    }
}
