using System.Reflection;
using BenchmarkDotNet.Attributes;
using ChainPay;
using ChainPay.Http;
using Flurl.Http;
using Newtonsoft.Json;

namespace Benchmarks;

/// <summary>
/// The steps of the (b) round trip timed alone, to say where its time over the RSA floor goes: reading the options
/// and expanding the template, serialising the JSON body, signing without the RSA operation, verifying the answer
/// (RSA verify included), and Flurl sending through <see cref="HttpClient"/> to the canned answer with none of ChainPay.
/// </summary>
[MemoryDiagnoser]
public class RoundTripPartsBenchmarks
{
    private static readonly string Url = "https://api.mch.weixin.qq.com" + BenchmarkFixture.Target;

    private BuilderChain node = null!;
    private JsonSerializerSettings settings = null!;
    private RequestSigner signer = null!;
    private IFlurlClient bareFlurl = null!;
    private HttpResponseMessage answer = null!;
    private byte[] answerBody = null!;
    private byte[] jsonBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedAnswerHandler();
        node = Builder.Factory(BenchmarkFixture.Options(handler)).Chain(BenchmarkFixture.Template);
        settings = (JsonSerializerSettings)typeof(ApiClient).GetField("JsonSettings", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var presigned = new PresignedRsa(BenchmarkFixture.MerchantKey, BenchmarkFixture.RequestMessage);
        signer = new RequestSigner(BenchmarkFixture.Mchid, BenchmarkFixture.MerchantSerial, presigned, () => BenchmarkFixture.Now, () => BenchmarkFixture.Nonce);
        bareFlurl = ApiClient.Configure(new FlurlClient(new HttpClient(new CannedAnswerHandler())), null);
        using var invoker = new HttpMessageInvoker(new CannedAnswerHandler());
        answer = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, Url), CancellationToken.None).GetAwaiter().GetResult();
        answerBody = answer.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        jsonBytes = BenchmarkFixture.JsonBytes;
        if (VerifyAnswer() is not null || presigned.Misses != 0)
        {
            throw new InvalidOperationException("A step did not work as in the round trip.");
        }
    }

    /// <summary>The options bag read and the template expanded (as every verb does).</summary>
    [Benchmark]
    public string OptionsAndExpand() =>
        ApiClient.Expand(node.Template, RequestOptions.From(new { out_trade_no = BenchmarkFixture.OutTradeNo, json = BenchmarkFixture.Payload }));

    /// <summary>The ~1 KB JSON body serialised to UTF-8 as ChainPay sends it.</summary>
    [Benchmark]
    public byte[] SerializeJson() => JsonBody.Serialize(BenchmarkFixture.Payload, settings);

    /// <summary>The request signed with the RSA private-key operation taken out (digest, base64, Authorization header).</summary>
    [Benchmark]
    public async Task SignWithoutRsa()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new SignedContent(jsonBytes, "application/json") };
        await signer.SignAsync(request);
    }

    /// <summary>The canned answer verified: headers, clock, key lookup, RSA verify.</summary>
    [Benchmark]
    public string? VerifyAnswer() => node.Client.Verifier.Check(answer, BenchmarkFixture.Target, answerBody, node.Client.Keys, out _, out _);

    /// <summary>Flurl alone: a request built and sent through <see cref="HttpClient"/> to the canned answer, no ChainPay events.</summary>
    [Benchmark]
    public async Task<int> FlurlSendOnly()
    {
        using var response = await bareFlurl.Request(Url).SendAsync(HttpMethod.Post, new SignedContent(jsonBytes, "application/json"));
        return response.StatusCode;
    }
}
