using System.Collections;
using ChainPay.Testing;
using Newtonsoft.Json.Linq;

namespace ChainPay.Tests.Fuzzing;

/// <summary>
/// Fuzzing with a fixed seed through the public request path: option bags whose <c>json</c>, <c>query</c>,
/// <c>xml</c>, <c>headers</c> and placeholder values hold cycles, deep nesting and exotic values either reach the
/// sandbox or raise an <see cref="InvalidArgumentException"/> (before sending) or a <see cref="WeChatPayException"/>
/// (WeChat's answer) — never a Newtonsoft, reflection or stack-overflow failure.
/// </summary>
[NonParallelizable]
[Category("slow")]
public class OptionsFuzzTests
{
    private const int Iterations = 3_000;
    private const int Seed = 20260610;
    private static readonly string[] Options = { "json", "query", "xml", "headers", "out_trade_no", "body" };
    private static readonly string[] Templates =
    {
        "v3/pay/transactions/out-trade-no/{out_trade_no}",
        "v3/pay/transactions/out-trade-no/{out_trade_no}{?out_trade_no}",
        "v3/refund/domestic/refunds",
        "v2/pay/orderquery",
    };

    [Test]
    public async Task RandomValuesInEveryOption_AreSentOrRefusedWithADocumentedException()
    {
        var sandbox = new WeChatPaySandbox();
        var instance = Builder.Factory(sandbox.CreateOptions());
        var random = new Random(Seed);
        int reached = 0, refused = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var template = Templates[random.Next(Templates.Length)];
            var poisoned = random.Next(2) == 0; // half the bags hold cycles, deep nesting, exotic values or misplaced options
            var bag = new Dictionary<string, object?>();
            foreach (var option in Options.Where(_ => random.Next(3) == 0))
            {
                if (poisoned)
                {
                    bag[option] = Value(random, 0, true);
                }
                else if (option is "json" or "query" or "headers" || (option == "xml" && template.StartsWith("v2/", StringComparison.Ordinal)))
                {
                    bag[option] = Map(random, 1, false);
                }
            }

            if (template.Contains("{out_trade_no}") && (!poisoned || random.Next(4) > 0))
            {
                bag.TryAdd("out_trade_no", "T" + i);
            }

            var node = instance.Chain(template);
            var before = sandbox.RequestCount;
            try
            {
                _ = random.Next(2) == 0 ? await node.GetAsync(bag) : await node.PostAsync(bag);
            }
            catch (InvalidArgumentException e)
            {
                Assert.That(e.ParamName, Is.Not.Null.And.Not.Empty, $"iteration {i}: {e.Message}");
                Assert.That(sandbox.RequestCount, Is.EqualTo(before), $"iteration {i}: refused after sending: {e.Message}");
                refused++;
            }
            catch (WeChatPayException)
            {
                // WeChat's (the sandbox's) answer to a request that was sent
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().FullName} escaped: {e}");
            }

            reached += sandbox.RequestCount > before ? 1 : 0;
        }

        // The generator reaches both branches: many bags are refused, and a good share reaches the sandbox.
        TestContext.Out.WriteLine($"reached {reached}, refused {refused} of {Iterations}");
        Assert.That(reached, Is.GreaterThan(Iterations / 10), "reached");
        Assert.That(refused, Is.GreaterThan(Iterations / 5), "refused");
    }

    private static object? Value(Random random, int depth, bool poisoned)
    {
        var choice = random.Next(depth > 6 ? 13 : 20);
        switch (!poisoned && choice is >= 7 and <= 12 ? 1 : choice)
        {
            case 0: return null;
            case 1: return "v" + random.Next(100);
            case 2: return random.Next(1000);
            case 3: return random.Next(2) == 0 ? 100.0 : random.NextDouble();
            case 4: return random.Next(3) switch { 0 => 100.00m, 1 => 1.50m, _ => (object)(float)random.NextDouble() };
            case 5: return random.Next(2) == 0;
            case 6: return new DateTimeOffset(2018, 6, 8, 10, 34, 56, TimeSpan.FromHours(8));
            case 7: return Exotic(random);
            case 8: return random.Next(3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => new JValue("j") };
            case 9: return random.Next(3) switch { 0 => new List<object?>(), 1 => new Dictionary<string, object?>(), _ => new JObject() };
            case 10: return new Throwing();
            case 11: return Deep(random.Next(2) == 0 ? 64 : 65 + random.Next(1000), random.Next(2) == 0);
            case 12: return Cycle(random);
            case 13 or 14: return Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1, poisoned)).ToList();
            case 15: return JToken.FromObject(Enumerable.Range(0, random.Next(3)).ToDictionary(k => "k" + k, k => k));
            default: return Map(random, depth + 1, poisoned);
        }
    }

    private static object Map(Random random, int depth, bool poisoned)
    {
        var map = new Dictionary<string, object?>();
        for (var k = random.Next(4); k > 0; k--)
        {
            map["k" + k] = Value(random, depth, poisoned);
        }

        return random.Next(3) == 0 ? new { nested = map, n = random.Next(9) } : map;
    }

    private static object Exotic(Random random) => random.Next(7) switch
    {
        0 => typeof(string),
        1 => (Func<int>)(() => 1),
        2 => new MemoryStream(new byte[] { 1, 2 }),
        3 => IntPtr.Zero,
        4 => typeof(string).GetMethods()[0],
        5 => Task.CompletedTask,
        _ => new DateTime(2019, 6, 11),
    };

    private static object Deep(int levels, bool json)
    {
        object value = "leaf";
        for (var i = 0; i < levels; i++)
        {
            value = json ? new JObject { ["k"] = (JToken)(value is string s ? new JValue(s) : value) } : i % 2 == 0 ? new List<object?> { value } : new Dictionary<string, object?> { ["k"] = value };
        }

        return value;
    }

    private static object Cycle(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                var map = new Dictionary<string, object?> { ["a"] = 1 };
                map["self"] = map;
                return map;
            case 1:
                var list = new ArrayList { 1 };
                list.Add(list);
                return list;
            case 2:
                var node = new Node();
                node.Next = new Node { Next = node };
                return node;
            default:
                var items = new List<object?>();
                items.Add(new { items });
                return new Dictionary<string, object?> { ["outer"] = items };
        }
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    private sealed class Throwing
    {
        public string Value => throw new InvalidOperationException("boom");
    }
}
