using ChainPay.Chaining;

namespace ChainPay.Tests.Chaining;

public class UriTemplateTests
{
    private static readonly Dictionary<string, object?> Vars = new()
    {
        ["id"] = "a b/c?d=e&f%2F中",
        ["n"] = 123,
        ["t"] = true,
        ["e"] = string.Empty,
        ["list"] = new[] { "x", "y" },
        ["map"] = new Dictionary<string, object?> { ["k1"] = "v 1", ["k2"] = "v2" },
        ["mchid"] = "1230000109",
    };

    // Spec §3.1 expansions. Better than PHP: reserved expansion keeps valid %XX triplets (no double encoding) and
    // encodes '?' and '#', so a value cannot move the rest of the path into a query or a fragment.
    [TestCase("v3/a/{id}", "v3/a/a%20b%2Fc%3Fd%3De%26f%252F%E4%B8%AD")]
    [TestCase("v3/a/{+id}", "v3/a/a%20b/c%3Fd=e&f%2F%E4%B8%AD")]
    [TestCase("v3/a/{#id}", "v3/a/#a%20b/c%3Fd=e&f%2F%E4%B8%AD")]
    [TestCase("v3/a{/id}", "v3/a/a%20b%2Fc%3Fd%3De%26f%252F%E4%B8%AD")]
    [TestCase("v3/a{?mchid,n}", "v3/a?mchid=1230000109&n=123")]
    [TestCase("v3/a{?mchid}{&n}", "v3/a?mchid=1230000109&n=123")]
    [TestCase("v3/a{;mchid}", "v3/a;mchid=1230000109")]
    [TestCase("v3/a/{n}/{t}/{e}", "v3/a/123/1/")]
    [TestCase("v3/a/{list}", "v3/a/x,y")]
    [TestCase("v3/a/{list*}", "v3/a/x,y")]
    [TestCase("v3/a{?list*}", "v3/a?list=x&list=y")]
    [TestCase("v3/a/{map}", "v3/a/k1,v%201,k2,v2")]
    [TestCase("v3/a{?map*}", "v3/a?k1=v%201&k2=v2")]
    [TestCase("v3/a/{id:3}", "v3/a/a%20b")]
    [TestCase("v3/a/{mchid,n}", "v3/a/1230000109,123")]
    [TestCase("v3/{}x", "v3/{}x")]
    [TestCase("v3/applyment4sub/applyment/{e}", "v3/applyment4sub/applyment/")]
    [TestCase("no/braces", "no/braces")]
    [TestCase("v3/{unclosed", "v3/{unclosed")]
    public void Expand_MatchesTheSpecVectors(string template, string expected)
    {
        var used = new HashSet<string>();
        Assert.That(UriTemplate.Parse(template).Expand(Vars, used), Is.EqualTo(expected));
    }

    // RFC 6570 §2.4.1: the prefix counts characters (code points), not UTF-16 units nor UTF-8 bytes as PHP's substr.
    [TestCase("😀a", 1, "%F0%9F%98%80")]
    [TestCase("a😀b", 2, "a%F0%9F%98%80")]
    [TestCase("中文", 1, "%E4%B8%AD")]
    [TestCase("😀", 5, "%F0%9F%98%80")]
    public void Expand_APrefix_NeverCutsASurrogatePairInHalf(string value, int prefix, string expected)
    {
        var used = new HashSet<string>();
        var vars = new Dictionary<string, object?> { ["id"] = value };
        Assert.That(UriTemplate.Parse("v3/a/{id:" + prefix + "}").Expand(vars, used), Is.EqualTo("v3/a/" + expected));
    }

    // The builder reused per thread: a failed expansion leaves nothing behind, and a path longer than the
    // builder kept (1,024 characters) is expanded whole, twice.
    [Test]
    public void Expand_AfterAFailureOrALongPath_StartsAfresh()
    {
        var template = UriTemplate.Parse("v3/a/{id}/b");
        Assert.Throws<InvalidArgumentException>(() => template.Expand(new Dictionary<string, object?> { ["id"] = ".." }));
        var id = new string('x', 3000);

        Assert.Multiple(() =>
        {
            Assert.That(template.Expand(new Dictionary<string, object?> { ["id"] = "1" }), Is.EqualTo("v3/a/1/b"));
            Assert.That(template.Expand(new Dictionary<string, object?> { ["id"] = id }), Is.EqualTo("v3/a/" + id + "/b"));
            Assert.That(template.Expand(new Dictionary<string, object?> { ["id"] = id }), Is.EqualTo("v3/a/" + id + "/b"));
            Assert.That(template.Expand(new Dictionary<string, object?> { ["id"] = "2" }), Is.EqualTo("v3/a/2/b"));
        });
    }

    [TestCase("v3/{a}/{b}/{a}", "a", true)]
    [TestCase("v3/{a}/{b}/{a}", "b", true)]
    [TestCase("v3/{?q*}", "q", true)]
    [TestCase("v3/{a}", "A", false)]
    [TestCase("v3/x", "x", false)]
    public void HasVariable_IsAnOrdinalLookUpOfThePlaceholderNames(string template, string name, bool has)
    {
        Assert.That(UriTemplate.Parse(template).HasVariable(name), Is.EqualTo(has));
    }

    [Test]
    public void Expand_RecordsEveryPlaceholderUsed()
    {
        var used = new HashSet<string>();
        UriTemplate.Parse("v3/{mchid}/{n}{?list*}").Expand(Vars, used);
        Assert.That(used, Is.EquivalentTo(new[] { "mchid", "n", "list" }));
    }

    [Test]
    public void VariableNames_ListsPlaceholdersInOrder()
    {
        Assert.That(UriTemplate.Parse("v3/{a}/x/{+b}{?c,d*}").VariableNames, Is.EqualTo(new[] { "a", "b", "c", "d" }));
    }

    [TestCase("missing")]
    [TestCase("nul")]
    public void Expand_PlaceholderWithoutValue_IsRefusedByName(string name)
    {
        var vars = new Dictionary<string, object?> { ["nul"] = null };
        var e = Assert.Throws<InvalidArgumentException>(() => UriTemplate.Parse($"v3/a/{{{name}}}/b").Expand(vars, new HashSet<string>()));
        Assert.That(e!.ParamName, Is.EqualTo(name));
        Assert.That(e.Message, Does.Contain($"`{{{name}}}`").And.Contain("v3/a/{" + name + "}/b"));
    }

    [TestCase("{x}", ".")]
    [TestCase("{x}", "..")]
    [TestCase("{+x}", "..")]
    [TestCase("{+x}", "a/../b")]
    [TestCase("{+x}", "a/%2e%2E/b")]
    [TestCase("{/x}", ".")]
    public void Expand_DotSegments_AreRefused(string placeholder, string value)
    {
        var vars = new Dictionary<string, object?> { ["x"] = value };
        var e = Assert.Throws<InvalidArgumentException>(() => UriTemplate.Parse("v3/a/" + placeholder).Expand(vars, new HashSet<string>()));
        Assert.That(e!.ParamName, Is.EqualTo("x"));
    }

    [TestCase("...")]
    [TestCase(".a")]
    [TestCase("a.")]
    public void Expand_DotsInsideASegment_AreFine(string value)
    {
        var vars = new Dictionary<string, object?> { ["x"] = value };
        Assert.That(UriTemplate.Parse("v3/{x}").Expand(vars, new HashSet<string>()), Is.EqualTo("v3/" + value));
    }

    [Test]
    public void Expand_KeepsCapitalsOfValues()
    {
        var vars = new Dictionary<string, object?> { ["myurl"] = "v3/marketing/favor/users/AbcdEF12345/coupons" };
        Assert.That(UriTemplate.Parse("{+myurl}").Expand(vars, new HashSet<string>()), Is.EqualTo("v3/marketing/favor/users/AbcdEF12345/coupons"));
    }

    [Test]
    public void Expand_NestedListInAList_IsRefused()
    {
        var vars = new Dictionary<string, object?> { ["x"] = new object[] { new[] { "a" } } };
        Assert.Throws<InvalidArgumentException>(() => UriTemplate.Parse("v3/{x}").Expand(vars, new HashSet<string>()));
    }

    private static IEnumerable<TestCaseData> EmptyCollections()
    {
        var empties = new (string Name, object Value)[]
        {
            ("array", Array.Empty<string>()),
            ("list", new List<object?>()),
            ("dictionary", new Dictionary<string, object?>()),
            ("JArray", new Newtonsoft.Json.Linq.JArray()),
            ("JObject", new Newtonsoft.Json.Linq.JObject()),
            ("anonymous object", new { }),
        };

        // RFC 6570 counts an empty list or map as undefined for every operator: {;x} and {?x} would drop it too.
        foreach (var template in new[] { "v3/o/{x}", "v3/o/{+x}", "v3/o{/x}", "v3/o/{x*}", "v3/o{;x}", "v3/o{?x}", "v3/o{?x*}", "v3/o{&x}", "v3/o{#x}", "v3/o{.x}" })
        {
            foreach (var (name, value) in empties)
            {
                yield return new TestCaseData(template, value).SetName($"Expand_EmptyCollection_IsRefusedLikeNull({template}, {name})");
            }
        }
    }

    [TestCaseSource(nameof(EmptyCollections))]
    public void Expand_EmptyCollection_IsRefusedLikeNull(string template, object value)
    {
        var vars = new Dictionary<string, object?> { ["x"] = value };
        var e = Assert.Throws<InvalidArgumentException>(() => UriTemplate.Parse(template).Expand(vars, new HashSet<string>()));
        Assert.That(e!.ParamName, Is.EqualTo("x"));
        Assert.That(e.Message, Does.Contain("`{x}`").And.Contain("has no value"));
    }

    [Test]
    public void Expand_NonEmptyListsAndTheEmptyString_StillExpand()
    {
        var vars = new Dictionary<string, object?> { ["x"] = new[] { "a" }, ["e"] = string.Empty };
        Assert.That(UriTemplate.Parse("v3/o/{x}/{e}{?x}").Expand(vars, new HashSet<string>()), Is.EqualTo("v3/o/a/?x=a"));
    }

    [Test]
    public void Expand_AMapWhoseGetterThrows_IsRefusedByName_WithTheGettersException()
    {
        var vars = new Dictionary<string, object?> { ["x"] = new Throwing() };
        var e = Assert.Throws<InvalidArgumentException>(() => UriTemplate.Parse("v3/{x}").Expand(vars, new HashSet<string>()));
        Assert.That(e!.ParamName, Is.EqualTo("x"));
        Assert.That(e.InnerException, Is.InstanceOf<InvalidOperationException>().With.Message.EqualTo("boom"));
    }

    private sealed class Throwing
    {
        public string Value => throw new InvalidOperationException("boom");
    }

    // RFC 6570 §3.2 examples (level 3 and 4 variables); `empty` is "", so the named operators differ: `;` writes the
    // bare name, `?` and `&` write `name=`.
    private static readonly Dictionary<string, object?> Rfc = new()
    {
        ["var"] = "value",
        ["hello"] = "Hello World!",
        ["empty"] = string.Empty,
        ["path"] = "/foo/bar",
        ["x"] = "1024",
        ["y"] = "768",
        ["list"] = new[] { "red", "green", "blue" },
        ["keys"] = new Dictionary<string, object?> { ["semi"] = ";", ["dot"] = ".", ["comma"] = "," },
        ["withempty"] = new[] { "a", string.Empty },
    };

    [TestCase("v3/a{;empty}", "v3/a;empty")]
    [TestCase("v3/a{;x,y,empty}", "v3/a;x=1024;y=768;empty")]
    [TestCase("v3/a{;x,y}", "v3/a;x=1024;y=768")]
    [TestCase("v3/a{;hello:5}", "v3/a;hello=Hello")]
    [TestCase("v3/a{;list}", "v3/a;list=red,green,blue")]
    [TestCase("v3/a{;list*}", "v3/a;list=red;list=green;list=blue")]
    [TestCase("v3/a{;withempty*}", "v3/a;withempty=a;withempty")]
    [TestCase("v3/a{;keys}", "v3/a;keys=semi,%3B,dot,.,comma,%2C")]
    [TestCase("v3/a{;keys*}", "v3/a;semi=%3B;dot=.;comma=%2C")]
    [TestCase("v3/a{?empty}", "v3/a?empty=")]
    [TestCase("v3/a{?x,y,empty}", "v3/a?x=1024&y=768&empty=")]
    [TestCase("v3/a{?withempty*}", "v3/a?withempty=a&withempty=")]
    [TestCase("v3/a{?list}", "v3/a?list=red,green,blue")]
    [TestCase("v3/a{?keys}", "v3/a?keys=semi,%3B,dot,.,comma,%2C")]
    [TestCase("v3/a{?keys*}", "v3/a?semi=%3B&dot=.&comma=%2C")]
    [TestCase("v3/a?fixed=yes{&x}", "v3/a?fixed=yes&x=1024")]
    [TestCase("v3/a{?x}{&empty}", "v3/a?x=1024&empty=")]
    [TestCase("v3/a{&x,y,empty}", "v3/a&x=1024&y=768&empty=")]
    [TestCase("v3/a{&list*}", "v3/a&list=red&list=green&list=blue")]
    [TestCase("v3/a/{x,hello,y}", "v3/a/1024,Hello%20World%21,768")]
    [TestCase("v3/a/{+x,hello,y}", "v3/a/1024,Hello%20World!,768")]
    [TestCase("v3/a/{+path}/here", "v3/a//foo/bar/here")]
    [TestCase("v3/a/{+path:6}/here", "v3/a//foo/b/here")]
    [TestCase("v3/a/{#x,hello,y}", "v3/a/#1024,Hello%20World!,768")]
    [TestCase("v3/a/{#keys*}", "v3/a/#semi=;,dot=.,comma=,")]
    [TestCase("v3/a{.x,y}", "v3/a.1024.768")]
    [TestCase("v3/a{.list*}", "v3/a.red.green.blue")]
    [TestCase("v3/a{.empty}", "v3/a.")]
    [TestCase("v3/a{/var,x}/here", "v3/a/value/1024/here")]
    [TestCase("v3/a{/list*}", "v3/a/red/green/blue")]
    [TestCase("v3/a{/var:1,var}", "v3/a/v/value")]
    [TestCase("v3/a/{empty}/b", "v3/a//b")]
    public void Expand_Rfc6570Examples_IncludingEmptyValuesOfTheNamedOperators(string template, string expected)
    {
        Assert.That(UriTemplate.Parse(template).Expand(Rfc, new HashSet<string>()), Is.EqualTo(expected));
    }
}
