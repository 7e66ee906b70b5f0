using BenchmarkDotNet.Attributes;
using ChainPay;
using ChainPay.Http;

namespace Benchmarks;

/// <summary>
/// (a) Building a six-member chain and expanding its template with one placeholder, without sending anything:
/// through <c>dynamic</c> (<c>wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse</c>) and through
/// <c>instance.Chain("…")</c>. Target: under 1 µs.
/// </summary>
[MemoryDiagnoser]
public class ChainBenchmarks
{
    private readonly Dictionary<string, object?> variables = new(StringComparer.Ordinal) { ["out_trade_no"] = BenchmarkFixture.OutTradeNo };
    private BuilderChain instance = null!;
    private dynamic wxpay = null!;

    [GlobalSetup]
    public void Setup()
    {
        instance = Builder.Factory(BenchmarkFixture.Options(new CannedAnswerHandler()));
        wxpay = instance;
        var expected = "v3/pay/transactions/out-trade-no/" + BenchmarkFixture.OutTradeNo + "/reverse";
        Check(DynamicChainAndExpand(), expected);
        Check(ChainStringAndExpand(), expected);
        Check(DynamicChainOptionsAndExpand(), expected);
    }

    /// <summary>The six member accesses alone.</summary>
    [Benchmark]
    public BuilderChain DynamicChain() => wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse;

    /// <summary>(a) The six member accesses, then the template expanded with one placeholder.</summary>
    [Benchmark(Baseline = true)]
    public string DynamicChainAndExpand()
    {
        BuilderChain node = wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse;
        return node.Template.Expand(variables, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>(a) The same node through <c>instance.Chain("…")</c>, then expanded.</summary>
    [Benchmark]
    public string ChainStringAndExpand() =>
        instance.Chain(BenchmarkFixture.Template).Template.Expand(variables, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>As a verb does it: the member chain, then the options bag read from an anonymous object and expanded (unknown keys checked).</summary>
    [Benchmark]
    public string DynamicChainOptionsAndExpand()
    {
        BuilderChain node = wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.reverse;
        return ApiClient.Expand(node.Template, RequestOptions.From(new { out_trade_no = BenchmarkFixture.OutTradeNo }));
    }

    private static void Check(string actual, string expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Expanded `{actual}`, expected `{expected}`.");
        }
    }
}
