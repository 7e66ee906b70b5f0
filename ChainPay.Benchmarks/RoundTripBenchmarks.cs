using BenchmarkDotNet.Attributes;
using ChainPay;
using Flurl.Http;

namespace Benchmarks;

/// <summary>
/// (b) A full APIv3 round trip in memory: expand, serialise the ~1 KB <c>json</c> body, sign (RSA-2048), send through
/// Flurl and <see cref="HttpClient"/> to a handler that returns a pre-signed answer, verify the answer (RSA-2048).
/// The clock and nonce are fixed so the canned signature stays valid. Targets: within 1.15 × the RSA floor
/// (<see cref="RsaFloorBenchmarks"/>), and under 8 KB allocated per round trip beyond the 1 KB body.
/// </summary>
[MemoryDiagnoser]
public class RoundTripBenchmarks
{
    private CannedAnswerHandler handler = null!;
    private BuilderChain node = null!;
    private BuilderChain presignedNode = null!;
    private PresignedRsa presigned = null!;

    [GlobalSetup]
    public void Setup()
    {
        handler = new CannedAnswerHandler();
        node = Builder.Factory(BenchmarkFixture.Options(handler)).Chain(BenchmarkFixture.Template);
        using var response = PostAsync().GetAwaiter().GetResult();
        var text = response.GetStringAsync().GetAwaiter().GetResult();
        if (response.StatusCode != 200 || text != BenchmarkFixture.ResponseBody || handler.Count != 1)
        {
            throw new InvalidOperationException("The round trip did not come back verified.");
        }

        presigned = new PresignedRsa(BenchmarkFixture.MerchantKey, BenchmarkFixture.RequestMessage);
        var options = BenchmarkFixture.Options(new CannedAnswerHandler());
        options.PrivateKey = presigned;
        presignedNode = Builder.Factory(options).Chain(BenchmarkFixture.Template);
        using (var check = presignedNode.PostAsync(new { out_trade_no = BenchmarkFixture.OutTradeNo, json = BenchmarkFixture.Payload }).GetAwaiter().GetResult())
        {
            if (check.StatusCode != 200 || presigned.Misses != 0)
            {
                throw new InvalidOperationException("The presigned round trip signed something else.");
            }
        }

        Console.WriteLine($"// JSON body: {BenchmarkFixture.JsonBytes.Length} bytes; signed message: {BenchmarkFixture.RequestMessage.Length} bytes");
    }

    /// <summary>(b) <c>PostAsync</c> with the ~1 KB body: sign, send, verify.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PostAsync1KbJson()
    {
        using var response = await node.PostAsync(new { out_trade_no = BenchmarkFixture.OutTradeNo, json = BenchmarkFixture.Payload });
        return response.StatusCode;
    }

    /// <summary>The same with the sync verb <c>Post</c> (sync over async on a pool thread).</summary>
    [Benchmark]
    public int Post1KbJson()
    {
        using var response = node.Post(new { out_trade_no = BenchmarkFixture.OutTradeNo, json = BenchmarkFixture.Payload });
        return response.StatusCode;
    }

    /// <summary>
    /// The same round trip over <see cref="PresignedRsa"/>: everything but the RSA private-key operation (the digest is
    /// still computed, the answer still really verified). Its time minus one RSA verify is what (b) adds to (c).
    /// </summary>
    [Benchmark]
    public async Task<int> PostAsync1KbJsonWithoutRsaSign()
    {
        using var response = await presignedNode.PostAsync(new { out_trade_no = BenchmarkFixture.OutTradeNo, json = BenchmarkFixture.Payload });
        return response.StatusCode;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (presigned.Misses != 0)
        {
            throw new InvalidOperationException($"{presigned.Misses} presigned round trips signed something else.");
        }
    }

    private Task<IFlurlResponse> PostAsync() => node.PostAsync(new { out_trade_no = BenchmarkFixture.OutTradeNo, json = BenchmarkFixture.Payload });
}
