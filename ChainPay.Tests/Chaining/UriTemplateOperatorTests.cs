using ChainPay.Chaining;

namespace ChainPay.Tests.Chaining;

/// <summary>
/// <see cref="UriTemplate"/> beyond the spec vectors: lists and maps under every operator (RFC 6570 §3.2's examples
/// are the oracle), literal <c>{}</c> anywhere, prefixes over surrogates, and the placeholder rules of
/// docs/chain-rules.md ("Better than PHP") with their messages.
/// </summary>
public class UriTemplateOperatorTests
{
    private static readonly Dictionary<string, object?> Rfc = new()
    {
        ["path"] = "/foo/bar",
        ["x"] = "1024",
        ["list"] = new[] { "red", "green", "blue" },
        ["keys"] = new Dictionary<string, object?> { ["semi"] = ";", ["dot"] = ".", ["comma"] = "," },
    };

    private static string Expand(string template, IReadOnlyDictionary<string, object?> vars) => UriTemplate.Parse(template).Expand(vars, new HashSet<string>());

    // RFC 6570 §3.2.5 – §3.2.9: a list unexploded is comma-joined after the operator's first character; exploded,
    // each item gets the operator's separator.
    [TestCase("v3/a{.list}", "v3/a.red,green,blue")]
    [TestCase("v3/a{.keys}", "v3/a.semi,%3B,dot,.,comma,%2C")]
    [TestCase("v3/a{.keys*}", "v3/a.semi=%3B.dot=..comma=%2C")]
    [TestCase("v3/a{/list}", "v3/a/red,green,blue")]
    [TestCase("v3/a{/list*,path:4}", "v3/a/red/green/blue/%2Ffoo")]
    [TestCase("v3/a{&list}", "v3/a&list=red,green,blue")]
    [TestCase("v3/a{&keys}", "v3/a&keys=semi,%3B,dot,.,comma,%2C")]
    [TestCase("v3/a{&keys*}", "v3/a&semi=%3B&dot=.&comma=%2C")]
    [TestCase("v3/a{?x,list*}", "v3/a?x=1024&list=red&list=green&list=blue")]
    [TestCase("v3/a/{list*}", "v3/a/red,green,blue")]
    [TestCase("v3/a/{+list}", "v3/a/red,green,blue")]
    [TestCase("v3/a/{#list*}", "v3/a/#red,green,blue")]
    public void Expand_ListsAndMaps_UseEachOperatorsSeparator(string template, string expected)
    {
        Assert.That(Expand(template, Rfc), Is.EqualTo(expected));
    }

    [TestCase("v3/a{}b/{x}", "v3/a{}b/1024")]
    [TestCase("v3/{x}/{}", "v3/1024/{}")]
    [TestCase("v3/{x}{}{x}", "v3/1024{}1024")]
    public void Expand_AnEmptyBrace_StaysLiteral_WhereverItIs(string template, string expected)
    {
        Assert.That(Expand(template, Rfc), Is.EqualTo(expected));
        Assert.That(UriTemplate.Parse(template).VariableNames, Has.All.EqualTo("x"));
    }

    // RFC 6570 §2.4.1: a prefix counts characters; a surrogate pair is one, a lone surrogate is one (and is sent as
    // UTF-8's replacement character, as every lone surrogate in a value).
    // A lone surrogate cannot be written into an attribute (the compiler stores its text as UTF-8, and it becomes
    // U+FFFD), so the values are given as UTF-16 code units here.
    private static readonly object[] Surrogates =
    {
        new object[] { new[] { 0xD83D, 0xDE00, 0xD83D, 0xDE00 }, 3, "%F0%9F%98%80%F0%9F%98%80" },
        new object[] { new[] { 0xD83D, 0xDE00, 0xD83D, 0xDE00, 'b' }, 2, "%F0%9F%98%80%F0%9F%98%80" },
        new object[] { new[] { 0xD83D, 0xDE00, 0xD83D }, 2, "%F0%9F%98%80%EF%BF%BD" },
        new object[] { new[] { 'a', 0xD83D }, 2, "a%EF%BF%BD" },
        new object[] { new[] { 0xD83D, 'a', 'b' }, 1, "%EF%BF%BD" },
        new object[] { new[] { 'a', 0xDE00, 'b' }, 2, "a%EF%BF%BD" },
        new object[] { new[] { 'a', 0xDE00, 0xDE00, 'b' }, 3, "a%EF%BF%BD%EF%BF%BD" },
    };

    [TestCaseSource(nameof(Surrogates))]
    public void Expand_APrefix_OverSurrogates(int[] units, int prefix, string expected)
    {
        var value = new string(units.Select(u => (char)u).ToArray());
        Assert.That(value.Length, Is.EqualTo(units.Length));
        var vars = new Dictionary<string, object?> { ["id"] = value };
        Assert.That(Expand("v3/a/{id:" + prefix + "}", vars), Is.EqualTo("v3/a/" + expected));
    }

    [TestCase("{x}", "..")]
    [TestCase("{x}", "%2E")]
    [TestCase("{x}", "%2e%2E")]
    [TestCase("{+x}", ".")]
    [TestCase("{+x}", "%2E")]
    [TestCase("{+x}", "%2e")]
    [TestCase("{+x}", "./a")]
    [TestCase("{+x}", "a/.")]
    [TestCase("{+x}", "a/./b")]
    [TestCase("{/x}", "..")]
    [TestCase("{/x}", "%2E%2E")]
    public void Expand_ADotSegment_IsRefused_NamingThePlaceholderAndTheSegment(string placeholder, string value)
    {
        var vars = new Dictionary<string, object?> { ["x"] = value };
        var e = Assert.Throws<InvalidArgumentException>(() => Expand("v3/a/" + placeholder, vars));
        Assert.That(e!.ParamName, Is.EqualTo("x"));
        var segment = placeholder == "{+x}" ? value.Split('/').First(s => s.Replace("%2E", ".").Replace("%2e", ".") is "." or "..") : value;
        Assert.That(e.Message, Does.StartWith($"The placeholder `{{x}}` of `v3/a/{placeholder}` may not be the dot segment `{segment}`: it would change the path."));
    }

    // Only a value that fills a path segment on its own is checked: `{x}` encodes `/`, so `a/..` is one segment
    // `a%2F..`; the other operators put a prefix before the value.
    [TestCase("v3/a/{x}", "a/..", "v3/a/a%2F..")]
    [TestCase("v3/a/{x}", "...", "v3/a/...")]
    [TestCase("v3/a/{+x}", "a.b/..c", "v3/a/a.b/..c")]
    [TestCase("v3/a{/x}", ".a", "v3/a/.a")]
    [TestCase("v3/a{.x}", "..", "v3/a...")]
    [TestCase("v3/a{?x}", "..", "v3/a?x=..")]
    [TestCase("v3/a{&x}", ".", "v3/a&x=.")]
    [TestCase("v3/a{;x}", "..", "v3/a;x=..")]
    [TestCase("v3/a/{#x}", "..", "v3/a/#..")]
    public void Expand_DotsThatAreNoPathSegment_AreSent(string template, string value, string expected)
    {
        var vars = new Dictionary<string, object?> { ["x"] = value };
        Assert.That(Expand(template, vars), Is.EqualTo(expected));
    }

    [Test]
    public void Expand_ADotSegmentInAList_IsRefused()
    {
        var vars = new Dictionary<string, object?> { ["x"] = new[] { "a", ".." } };
        var e = Assert.Throws<InvalidArgumentException>(() => Expand("v3/a{/x*}", vars));
        Assert.That(e!.ParamName, Is.EqualTo("x"));
        Assert.That(e.Message, Does.Contain("may not be the dot segment `..`"));
    }

    [TestCase("v3/{x}")]
    [TestCase("v3{/x*}")]
    [TestCase("v3{?x}")]
    public void Expand_ANestedListOrMap_IsRefused_SayingAUriCannotExpressIt(string template)
    {
        var vars = new Dictionary<string, object?> { ["x"] = new object[] { "a", new Dictionary<string, object?> { ["k"] = "v" } } };
        var e = Assert.Throws<InvalidArgumentException>(() => Expand(template, vars));
        Assert.That(e!.ParamName, Is.EqualTo("x"));
        Assert.That(e.Message, Does.StartWith($"The placeholder `{{x}}` of `{template}` holds a nested list or map, which a URI cannot express."));
    }

    [Test]
    public void Expand_AnEmptyMap_IsRefused_WithTheDocumentedMessage()
    {
        var vars = new Dictionary<string, object?> { ["x"] = new Dictionary<string, object?>() };
        var e = Assert.Throws<InvalidArgumentException>(() => Expand("v3/{x}", vars));
        Assert.That(e!.Message, Does.StartWith("The placeholder `{x}` of `v3/{x}` has no value (an empty list or map): pass a non-empty `x` in the options."));
    }

    [Test]
    public void Expand_AMissingValue_IsRefused_WithTheDocumentedMessage()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Expand("v3/{x}", new Dictionary<string, object?>()));
        Assert.That(e!.Message, Does.StartWith("The placeholder `{x}` of `v3/{x}` has no value: pass a non-null `x` in the options."));
    }
}
