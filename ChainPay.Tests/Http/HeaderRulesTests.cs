using System.Collections;
using ChainPay.Resilience;
using ChainPay.Testing;
using ChainPay.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Http;

/// <summary>Header names and values, per request and per instance, checked before anything is sent (RFC 9110).</summary>
public class HeaderRulesTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private readonly List<TimeSpan> waits = new();
    private FakeWeChatPay fake = null!;
    private BuilderChain instance = null!;

    [SetUp]
    public void SetUp()
    {
        waits.Clear();
        fake = new FakeWeChatPay();
        instance = fake.Create(o => { o.Retry = Retry(); o.Secret = Secret; });
    }

    private RetryOptions Retry() => new()
    {
        MaxAttempts = 3,
        Jitter = false,
        BackupBaseUri = RetryOptions.BackupDomain,
        Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; },
    };

    private static Dictionary<string, object?> One(string name, object? value) => new() { [name] = value };

    private InvalidArgumentException RefusedV3(string name, object? value)
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v3/x").PostAsync(new { json = new { a = 1 }, headers = One(name, value) }));
        Assert.That(fake.Sent, Is.Empty, "nothing is sent");
        Assert.That(waits, Is.Empty, "bad input is not retried");
        return e!;
    }

    private InvalidArgumentException RefusedV2(string name, object? value)
    {
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => instance.Chain("v2/pay/orderquery").PostAsync(new { xml = new { mch_id = FakeWeChatPay.Mchid }, headers = One(name, value) }));
        Assert.That(fake.Sent, Is.Empty, "nothing is sent");
        Assert.That(waits, Is.Empty, "bad input is not retried");
        return e!;
    }

    public static readonly string[] BadNames = { "X(Bad)", "X Bad", "X\tBad", "Ä-Header", "X@y", "X:y", "X\"y", "X,y", "X/y", "[x]", "X{y}", "X=y", "X?y", "X\\y", "X;y", "X<y>", "X\u0000", "X\u007F", "X\u4E2D" };

    public static readonly string[] BadValues = { "\u0000", "a\u0001b", "a\u007Fb", "a\rb", "a\nb", "\u001F", "\u000B", "中文", "café", "\uD83D\uDE00", "\u0080", "\u00A0" };

    [TestCaseSource(nameof(BadNames))]
    public void APerRequestHeaderName_ThatIsNotAToken_IsRefused(string name)
    {
        var e = RefusedV3(name, "v");
        Assert.That(e.ParamName, Is.EqualTo(name));
        Assert.That(e.Message, Does.Contain("RFC 9110 token"));
        Assert.That(RefusedV2(name, "v").ParamName, Is.EqualTo(name));
    }

    [Test]
    public void AnEmptyHeaderName_IsRefused()
    {
        Assert.That(RefusedV3(string.Empty, "v").ParamName, Is.EqualTo("headers"));
    }

    [TestCaseSource(nameof(BadValues))]
    public void APerRequestHeaderValue_WithAControlCharacterOrNonAscii_IsRefused(string value)
    {
        var e = RefusedV3("X-Shop", value);
        Assert.That(e.ParamName, Is.EqualTo("X-Shop"));
        Assert.That(e.Message, Does.Contain("`X-Shop`"));
        Assert.That(e.Message.IndexOf(value, StringComparison.Ordinal), Is.EqualTo(-1), "the value may be a secret: never echoed");
        Assert.That(RefusedV2("X-Shop", value).ParamName, Is.EqualTo("X-Shop"));
    }

    [TestCase("中文")]
    [TestCase("café")]
    public void ANonAsciiValue_IsRefused_SayingToEncodeIt(string value)
    {
        Assert.That(RefusedV3("X-Shop", value).Message, Does.Contain("encode it"));
    }

    [Test]
    public async Task EveryTokenCharacter_AndTabsAndSpacesInValues_AreSent()
    {
        const string name = "!#$%&'*+-.^_`|~0123456789ABCXYZabcxyz";
        await instance.Chain("v3/x").PostAsync(new { json = new { a = 1 }, headers = new Dictionary<string, object?> { [name] = "a\tb c ~", ["X-Empty"] = string.Empty } });
        var sent = fake.Sent.Single();
        Assert.That(sent.Headers[name], Is.EqualTo("a\tb c ~"));
        Assert.That(sent.Headers["X-Empty"], Is.EqualTo(string.Empty));
    }

    public static IEnumerable<TestCaseData> Structured()
    {
        yield return new TestCaseData(new Dictionary<string, object?> { ["a"] = 1 }).SetName("a dictionary");
        yield return new TestCaseData(new { a = 1 }).SetName("an anonymous object");
        yield return new TestCaseData(JObject.Parse("{\"a\":1}")).SetName("a JObject");
        yield return new TestCaseData((object)new object[] { new Dictionary<string, object?> { ["a"] = 1 } }).SetName("a list of maps");
        yield return new TestCaseData(JArray.Parse("[{\"a\":1}]")).SetName("a JArray of objects");
        yield return new TestCaseData((object)new object[] { "a", new[] { "b", "c" } }).SetName("a nested list");
    }

    [Test]
    public void ACyclicList_IsRefused_NamingTheHeadersOption()
    {
        var cyclic = new List<object?> { "a" };
        cyclic.Add(cyclic);
        var e = RefusedV3("X-Shop", cyclic);
        Assert.That(e.ParamName, Is.EqualTo("headers"));
        Assert.That(e.Message, Does.Contain("refers to itself"));
        Assert.That(RefusedV2("X-Shop", cyclic).ParamName, Is.EqualTo("headers"));
    }

    [TestCaseSource(nameof(Structured))]
    public void AMapOrANestedValue_IsRefused_NotSentAsATypeName(object value)
    {
        var e = RefusedV3("X-Shop", value);
        Assert.That(e.ParamName, Is.EqualTo("X-Shop"));
        Assert.That(e.Message, Does.Contain("`X-Shop`"));
        Assert.That(RefusedV2("X-Shop", value).ParamName, Is.EqualTo("X-Shop"));
    }

    [Test]
    public async Task AListOfScalars_IsJoinedWithCommas()
    {
        await instance.Chain("v3/x").PostAsync(new { json = new { a = 1 }, headers = One("X-List", new object?[] { "a", 2, true }) });
        await instance.Chain("v3/x").PostAsync(new { json = new { a = 1 }, headers = One("X-List", JArray.Parse("[\"a\",2]")) });
        Assert.That(fake.Sent.Select(s => s.Headers["X-List"]), Is.EqualTo(new[] { "a, 2, 1", "a, 2" }));
    }

    [Test]
    public void AListOfScalars_WithABadItem_IsRefused()
    {
        Assert.That(RefusedV3("X-List", new[] { "a", "b\u0000" }).ParamName, Is.EqualTo("X-List"));
    }

    [Test]
    public async Task OverARealSocket_ANonAsciiValue_IsNotATransportFailureRetriedOnTheBackupDomain()
    {
        var sandbox = new WeChatPaySandbox();
        using var server = SandboxServer.Start(sandbox);
        var options = sandbox.CreateOptions(server);
        options.Retry = Retry();
        options.Retry.BackupBaseUri = server.BaseUri.AbsoluteUri;
        var wxpay = Builder.Factory(options);
        var before = sandbox.RequestCount;
        Task<Flurl.Http.IFlurlResponse> Call(string shop) => wxpay.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/reverse").PostAsync(new
        {
            out_trade_no = WeChatPaySandbox.SampleOutTradeNo,
            json = new { appid = "wxd678efh567hg6787", mchid = "1230000109" },
            headers = One("X-Shop", shop),
        });
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => Call("深圳"));
        Assert.That(e!.ParamName, Is.EqualTo("X-Shop"));
        Assert.That(waits, Is.Empty);
        Assert.That(sandbox.RequestCount, Is.EqualTo(before));
        var ok = await Call("%E6%B7%B1%E5%9C%B3");
        Assert.That(ok.StatusCode, Is.EqualTo(200));
    }
}
