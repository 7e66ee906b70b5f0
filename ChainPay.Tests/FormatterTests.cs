namespace ChainPay.Tests;

public class FormatterTests
{
    [TestCase(32)]
    [TestCase(16)]
    [TestCase(100)]
    [TestCase(1)]
    public void Nonce_HasTheSizeAndAlphabet(int size)
    {
        Assert.That(Formatter.Nonce(size), Does.Match($"^[a-zA-Z0-9]{{{size}}}$"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Nonce_NonPositiveSize_IsRefused(int size)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Formatter.Nonce(size));
        Assert.That(e!.Message, Does.StartWith("Size must be a positive integer."));
    }

    [Test]
    public void Nonce_UsesTheWholeAlphabet()
    {
        var seen = new HashSet<char>(Enumerable.Range(0, 200).SelectMany(_ => Formatter.Nonce()));
        Assert.That(seen, Has.Count.EqualTo(62));
    }

    [Test]
    public void Timestamp_IsUnixSeconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var ts = Formatter.Timestamp();
        Assert.That(ts, Is.InRange(before, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Assert.That(ts.ToString(), Has.Length.EqualTo(10));
    }

    [Test]
    public void Authorization_HasTheFixedFieldOrder()
    {
        Assert.That(
            Formatter.Authorization("1900009191", "593BEC0C930BF1AFEB40B4A08C8FB242", "SIG", "1554208460", "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"),
            Is.EqualTo("WECHATPAY2-SHA256-RSA2048 mchid=\"1900009191\",serial_no=\"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\",timestamp=\"1554208460\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\",signature=\"SIG\""));
    }

    [Test]
    public void Request_And_Response_Messages()
    {
        Assert.That(Formatter.Request("GET", "/v3/certificates", "1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242"), Is.EqualTo("GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n"));
        Assert.That(Formatter.Response("1554209980", "c5ac7061fccab6bf3e254dcf98995b8c", "{\"data\":[]}"), Is.EqualTo("1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n{\"data\":[]}\n"));
    }

    [Test]
    public void JoinedByLineFeed_CastsAsPhp()
    {
        Assert.That(Formatter.JoinedByLineFeed(), Is.EqualTo(string.Empty));
        Assert.That(Formatter.JoinedByLineFeed("a", true, false, null, 2.5, 3), Is.EqualTo("a\n1\n\n\n2.5\n3\n"));
    }

    // Spec §11.3 ksort vectors.
    [TestCase(new[] { "a", "b", "aa" }, new[] { "a", "aa", "b" })]
    [TestCase(new[] { "rfc1", "b", "rfc822", "rfc2086" }, new[] { "b", "rfc1", "rfc2086", "rfc822" })]
    [TestCase(new[] { "re_openid", "remark" }, new[] { "re_openid", "remark" })]
    [TestCase(new[] { "remark", "RE_OPENID", "re_openid", "REMARK" }, new[] { "REMARK", "RE_OPENID", "re_openid", "remark" })]
    [TestCase(new[] { "b", "a", "A", "a_b", "aB", "ab", "a1", "10", "9", "_x" }, new[] { "10", "9", "A", "_x", "a", "a1", "aB", "a_b", "ab", "b" })]
    [TestCase(
        new[] { "wxappid", "mch_billno", "mch_id", "send_name", "re_openid", "total_amount", "total_num", "wishing", "client_ip", "act_name", "remark" },
        new[] { "act_name", "client_ip", "mch_billno", "mch_id", "re_openid", "remark", "send_name", "total_amount", "total_num", "wishing", "wxappid" })]
    public void Ksort_SortsByteWise(string[] keys, string[] expected)
    {
        var sorted = Formatter.Ksort(keys.Select(k => new KeyValuePair<string, object?>(k, "v")));
        Assert.That(sorted.Keys, Is.EqualTo(expected));
    }

    // Spec §11.3 queryStringLike vectors.
    [Test]
    public void QueryStringLike_DropsSignNullsAndEmpties_KeepsOrder()
    {
        static List<KeyValuePair<string, object?>> P(params (string K, object? V)[] pairs) => pairs.Select(p => new KeyValuePair<string, object?>(p.K, p.V)).ToList();
        Assert.That(Formatter.QueryStringLike(P(("a", 1), ("b", 3), ("aa", 2))), Is.EqualTo("a=1&b=3&aa=2"));
        Assert.That(Formatter.QueryStringLike(P(("a", 1), ("b", 3), ("sign", 2))), Is.EqualTo("a=1&b=3"));
        Assert.That(Formatter.QueryStringLike(P(("a", 1), ("b", 3), ("c", ""))), Is.EqualTo("a=1&b=3"));
        Assert.That(Formatter.QueryStringLike(P(("a", 1), ("b", null), ("c", 2))), Is.EqualTo("a=1&c=2"));
        Assert.That(Formatter.QueryStringLike(P(("bob", 1), ("alice", null), ("tom", ""), ("sign", "mock"))), Is.EqualTo("bob=1"));
        Assert.That(Formatter.QueryStringLike(P(("f", false), ("t", true))), Is.EqualTo("f=&t=1"));
    }
}
