using ChainPay.Tests.Fixtures;
using System.Dynamic;
using ChainPay.Chaining;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Chaining;

public class PropertyBagTests
{
    [Test]
    public void Read_AnonymousObject_InDeclarationOrder()
    {
        var pairs = PropertyBag.Read(new { b = 1, a = "x" })!;
        Assert.That(pairs.Select(p => p.Key + "=" + p.Value), Is.EqualTo(new[] { "b=1", "a=x" }));
    }

    [Test]
    public void Read_Dictionaries_Expando_AndJObject()
    {
        dynamic expando = new ExpandoObject();
        expando.k = "v";
        Assert.That(PropertyBag.Read(new Dictionary<string, object?> { ["k"] = "v" })![0].Value, Is.EqualTo("v"));
        Assert.That(PropertyBag.Read(new Dictionary<string, int> { ["k"] = 5 })![0].Value, Is.EqualTo(5));
        Assert.That(PropertyBag.Read((object)expando)![0].Value, Is.EqualTo("v"));
        var fromJson = PropertyBag.Read(JObject.Parse("{\"k\":\"v\",\"n\":null,\"o\":{\"x\":1}}"))!;
        Assert.That(fromJson[0].Value, Is.EqualTo("v"));
        Assert.That(fromJson[1].Value, Is.Null);
        Assert.That(fromJson[2].Value, Is.InstanceOf<JObject>());
    }

    [Test]
    public void Read_ScalarsAndLists_AreNotMaps()
    {
        Assert.That(PropertyBag.Read("text"), Is.Null);
        Assert.That(PropertyBag.Read(42), Is.Null);
        Assert.That(PropertyBag.Read(new[] { 1, 2 }), Is.Null);
        Assert.That(PropertyBag.Read(null), Is.Null);
    }

    [Test]
    public void IsList_And_Items()
    {
        Assert.That(PropertyBag.IsList(new[] { "a" }), Is.True);
        Assert.That(PropertyBag.IsList(JArray.Parse("[1,2]")), Is.True);
        Assert.That(PropertyBag.IsList("abc"), Is.False);
        Assert.That(PropertyBag.IsList(new Dictionary<string, object?>()), Is.False);
        Assert.That(PropertyBag.Items(JArray.Parse("[1,\"b\"]")), Is.EqualTo(new object[] { 1L, "b" }));
    }

    [Test]
    public void Read_AGetterThatThrows_IsRefusedNamingTheOption_WithTheGettersException()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PropertyBag.Read(new Throwing(), "query"));
        Assert.That(e!.ParamName, Is.EqualTo("query"));
        Assert.That(e.Message, Does.Contain("`Value`").And.Contain("Throwing"));
        Assert.That(e.InnerException, Is.InstanceOf<InvalidOperationException>().With.Message.EqualTo("boom"));
    }

    [Test]
    public void Read_DatesGuidsAndUris_AreScalars()
    {
        Assert.That(PropertyBag.Read(DateTime.UnixEpoch), Is.Null);
        Assert.That(PropertyBag.Read(DateTimeOffset.UnixEpoch), Is.Null);
        Assert.That(PropertyBag.Read(Guid.Empty), Is.Null);
        Assert.That(PropertyBag.Read(TimeSpan.Zero), Is.Null);
        Assert.That(PropertyBag.Read(new Uri("https://x/")), Is.Null);
    }

    [Test]
    public void Check_AcceptsWhatCanBeSent()
    {
        var shared = new[] { "x" }; // the same list twice is no cycle
        Assert.DoesNotThrow(() => PropertyBag.Check(new { a = shared, b = shared, c = new Dictionary<string, object?> { ["d"] = JObject.Parse("{\"e\":[1,null]}") }, n = (object?)null }, "query"));
    }

    [Test]
    public void Check_NamesThePathOfTheCycle()
    {
        var inner = new Dictionary<string, object?>();
        var outer = new { a = new object[] { 1, inner } };
        inner["back"] = outer;
        var e = Assert.Throws<InvalidArgumentException>(() => PropertyBag.Check(outer, "xml"));
        Assert.That(e!.ParamName, Is.EqualTo("xml"));
        Assert.That(e.Message, Does.Contain("`xml[a][1][back]`"));
    }

    private static IEnumerable<TestCaseData> Unsendable()
    {
        yield return new TestCaseData(typeof(string), "a Type").SetName("Check_RefusesWhatMeansNothingOnTheWire(Type)");
        yield return new TestCaseData(typeof(string).GetMethod(nameof(string.Trim), Type.EmptyTypes)!, "a MemberInfo").SetName("Check_RefusesWhatMeansNothingOnTheWire(MethodInfo)");
        yield return new TestCaseData(new Func<int>(() => 1), "a delegate").SetName("Check_RefusesWhatMeansNothingOnTheWire(delegate)");
        yield return new TestCaseData(new MemoryStream(), "a MemoryStream").SetName("Check_RefusesWhatMeansNothingOnTheWire(Stream)");
        yield return new TestCaseData(new Task(() => { }), "a Task").SetName("Check_RefusesWhatMeansNothingOnTheWire(Task)");
        yield return new TestCaseData(CancellationToken.None, "a CancellationToken").SetName("Check_RefusesWhatMeansNothingOnTheWire(CancellationToken)");
    }

    [TestCaseSource(nameof(Unsendable))]
    public void Check_RefusesWhatMeansNothingOnTheWire(object value, string described)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PropertyBag.Check(new { a = new object[] { 1, value } }, "query"));
        Assert.That(e!.ParamName, Is.EqualTo("query"));
        Assert.That(e.Message, Does.StartWith($"The `query` option holds {described} at `query[a][1]`, which cannot be sent: use text, numbers, booleans, lists and maps."));
        Assert.That(Assert.Throws<InvalidArgumentException>(() => PropertyBag.Check(value, "headers"))!.Message, Does.StartWith($"The `headers` option holds {described} at `headers`,"));
    }

    [TestCase(64, false)]
    [TestCase(65, true)]
    public void Check_Refuses_NestingDeeperThan64Levels(int levels, bool refused)
    {
        var deep = (object)"leaf";
        for (var i = 0; i < levels; i++)
        {
            deep = new[] { deep };
        }

        if (refused)
        {
            var e = Assert.Throws<InvalidArgumentException>(() => PropertyBag.Check(deep, "json"));
            Assert.That(e!.ParamName, Is.EqualTo("json"));
            Assert.That(e.Message, Does.StartWith("The `json` option nests lists and maps more than 64 levels deep at `json" + string.Concat(Enumerable.Repeat("[0]", 64)) + "`; ChainPay refuses deeper values."));
        }
        else
        {
            Assert.DoesNotThrow(() => PropertyBag.Check(deep, "json"));
        }
    }

    [Test]
    public void Check_ACycle_IsRefusedWithTheDocumentedMessage()
    {
        var self = new Dictionary<string, object?> { ["mchid"] = "1230000109" };
        self["again"] = self;
        var e = Assert.Throws<InvalidArgumentException>(() => PropertyBag.Check(self, "json"));
        Assert.That(e!.Message, Does.StartWith("The `json` option refers to itself: `json[again]` is a list or map that contains itself (a cycle), which cannot be sent."));
    }

    [Test]
    public void Read_AnObject_TakesItsReadableProperties_NotWriteOnlyOnesOrIndexers()
    {
        var pairs = PropertyBag.Read(new WithWriteOnly { Name = "v" }, "query")!;
        Assert.That(pairs.Select(p => p.Key + "=" + p.Value), Is.EqualTo(new[] { "Name=v" }));
    }

    [Test]
    public void Read_AStructWithoutProperties_IsAScalar_AnObjectWithoutPropertiesAnEmptyMap()
    {
        Assert.That(PropertyBag.Read(new Code()), Is.Null);
        Assert.That(UriTemplate.Parse("v3/{x}").Expand(new Dictionary<string, object?> { ["x"] = new Code() }, new HashSet<string>()), Is.EqualTo("v3/X-1"));
        Assert.That(PropertyBag.Read(new object()), Is.Empty);
    }

    [TestCase("<>f__AnonymousType0`2", 2, 0, true)]
    [TestCase("<>f__AnonymousType0`2", 2, 1, true)]
    [TestCase("<>f__AnonymousType0`2", 2, 2, false)]
    [TestCase("VB$AnonymousType_0`1", 1, 0, true)]
    [TestCase("<>f__AnonymousType3", 0, 0, false)] // new { }: no members to lose
    [TestCase("Poco`1", 1, 0, false)] // not anonymous: a class may have fewer properties than generic arguments
    public void IsTrimmedShape_AnAnonymousTypeWithFewerPropertiesThanMembers(string name, int arity, int readable, bool trimmed)
    {
        Assert.That(PropertyBag.IsTrimmedShape(name, arity, readable), Is.EqualTo(trimmed));
    }

    [Test]
    public void IsTrimmed_NotForTheAnonymousTypesOfAnUntrimmedProcess()
    {
        Assert.That(PropertyBag.IsTrimmed(new { out_bill_no = "plfk2020042013", json = new { a = 1 } }.GetType()), Is.False);
        Assert.That(PropertyBag.IsTrimmed(new { }.GetType()), Is.False);
        Assert.That(PropertyBag.IsTrimmed(TrimmedAnonymousType.Create().GetType()), Is.True);
    }

    [Test]
    public void IsRefusedInJson_TheUnsupportedAndTheTrimmed_NotOrdinaryValues()
    {
        Assert.That(PropertyBag.IsRefusedInJson(TrimmedAnonymousType.Create().GetType()), Is.True);
        Assert.That(PropertyBag.IsRefusedInJson(typeof(MemoryStream)), Is.True);
        Assert.That(PropertyBag.IsRefusedInJson(typeof(Action)), Is.True);
        Assert.That(PropertyBag.IsRefusedInJson(new { a = 1 }.GetType()), Is.False);
        Assert.That(PropertyBag.IsRefusedInJson(typeof(string)), Is.False);
        Assert.That(PropertyBag.IsRefusedInJson(typeof(Dictionary<string, object>)), Is.False);
    }

    [Test]
    public void Read_AnAnonymousObjectTheTrimmerTookPropertiesFrom_IsRefused_NotReadAsEmpty()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PropertyBag.Read(TrimmedAnonymousType.Create(), "options"));
        Assert.That(e!.ParamName, Is.EqualTo("options"));
        Assert.That(e.Message, Does.StartWith("The `options` option is an anonymous object from the assembly TrimmedOptions whose properties this trimmed or NativeAOT application removed (0 of 2 left)"));
        Assert.That(e.Message, Does.Contain("ChainPayAllowTrimming=true").And.Contain("TrimmerRootAssembly"));
    }

    [Test]
    public void Check_ANestedTrimmedAnonymousObject_IsRefusedNamingTheOption()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PropertyBag.Check(new Dictionary<string, object?> { ["inner"] = TrimmedAnonymousType.Create() }, "query"));
        Assert.That(e!.ParamName, Is.EqualTo("query"));
        Assert.That(e.Message, Does.StartWith("The `query` option is an anonymous object"));
    }

    private readonly struct Code
    {
        public override string ToString() => "X-1";
    }

    private sealed class WithWriteOnly
    {
        public string? Name { get; set; }

        public string Secret
        {
            set => _ = value;
        }

        public string this[int i] => "item" + i;
    }

    private sealed class Throwing
    {
        public string Value => throw new InvalidOperationException("boom");
    }
}
