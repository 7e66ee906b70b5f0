using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ChainPay;
using ChainPay.Http;
using Newtonsoft.Json;

namespace Benchmarks;

/// <summary>
/// <c>--allocations</c>: where the bytes of one <see cref="RoundTripBenchmarks"/> round trip come from. Each step of
/// the pipeline is run alone, many times, on one thread (the canned handler answers synchronously, so the whole
/// async pipeline stays on the calling thread), and its managed allocations are averaged. Not a benchmark (its
/// loops are too short for steady-state timings, which is why it prints none; see <see cref="RoundTripPartsBenchmarks"/>):
/// a probe that splits the round trip's bytes further than BenchmarkDotNet's per-benchmark totals, for <c>docs/performance.md</c>.
/// </summary>
internal static class AllocationProbe
{
    public static void Run()
    {
        var handler = new CannedAnswerHandler();
        var instance = Builder.Factory(BenchmarkFixture.Options(handler));
        var node = instance.Chain(BenchmarkFixture.Template);
        var client = node.Client;
        var template = node.Template;
        var url = "https://api.mch.weixin.qq.com" + BenchmarkFixture.Target;
        var settings = (JsonSerializerSettings)typeof(ApiClient).GetField("JsonSettings", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var signer = new RequestSigner(BenchmarkFixture.Mchid, BenchmarkFixture.MerchantSerial, BenchmarkFixture.MerchantKey, () => BenchmarkFixture.Now, () => BenchmarkFixture.Nonce);
        var jsonBytes = BenchmarkFixture.JsonBytes;
        var message = BenchmarkFixture.RequestMessage;
        var invoker = new HttpMessageInvoker(new CannedAnswerHandler());
        var transport = new HttpClient(new ForwardingHandler(new HttpClient(new CannedAnswerHandler())));
        var bareFlurl = ApiClient.Configure(new Flurl.Http.FlurlClient(new HttpClient(new CannedAnswerHandler())), null);
        object Bag() => new { out_trade_no = BenchmarkFixture.OutTradeNo, json = BenchmarkFixture.Payload };

        var parsed = RequestOptions.From(Bag());
        var path = ApiClient.Expand(template, parsed);
        var canned = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, url), CancellationToken.None).GetAwaiter().GetResult();
        var answer = canned.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var responseMessage = BenchmarkFixture.ResponseMessage;
        var responseSignature = Convert.FromBase64String(canned.Headers.GetValues("Wechatpay-Signature").First());

        var rows = new List<(string Step, double Bytes)>
        {
            ("options bag read (RequestOptions.From, anonymous object)", Measure(2000, () => RequestOptions.From(Bag()))),
            ("template expanded (ApiClient.Expand)", Measure(2000, () => ApiClient.Expand(template, parsed))),
            ("Flurl request built (ApiClient.Prepare: FlurlRequest, Url parse)", Measure(2000, () => client.Prepare(path, parsed))),
            ("JSON to UTF-8 bytes, before: Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(…))", Measure(2000, () => Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(BenchmarkFixture.Payload, settings)))),
            ("JSON to UTF-8 bytes, now: JsonBody.Serialize (as ApiClient sends it)", Measure(2000, () => SensitiveConverter.Serialize(() => JsonBody.Serialize(BenchmarkFixture.Payload, settings), () => throw new InvalidOperationException(), out _))),
            ("SignedContent around the bytes", Measure(2000, () => new SignedContent(jsonBytes, "application/json"))),
            ("request signed (RequestSigner.SignAsync, RSA sign included)", Measure(200, () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new SignedContent(jsonBytes, "application/json") };
                signer.SignAsync(request).GetAwaiter().GetResult();
            }) - Measure(2000, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new SignedContent(jsonBytes, "application/json") }.Dispose())),
            ("  of which raw RSA sign (SignData, as in the floor)", Measure(200, () => BenchmarkFixture.MerchantKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
            ("answer body read (ReadAsByteArrayAsync of a fresh answer)", Measure(2000, () => Fresh(invoker, url).Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()) - Measure(2000, () => Fresh(invoker, url))),
            ("answer verified (ResponseVerifier.Check, RSA verify included)", Measure(200, () => client.Verifier.Check(canned, BenchmarkFixture.Target, answer, client.Keys, out _, out _))),
            ("  of which raw RSA verify", Measure(200, () => BenchmarkFixture.PlatformPublicKey.VerifyData(responseMessage, responseSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
            ("the test handler's canned answer (HttpResponseMessage + 5 headers)", Measure(2000, () => Fresh(invoker, url)) - Measure(2000, () => new HttpRequestMessage(HttpMethod.Post, url))),
            ("HttpClient → ForwardingHandler → HttpClient (ChainPay's wrapping of an injected client), handler answer excluded", Measure(2000, () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new SignedContent(jsonBytes, "application/json") };
                using var response = transport.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None).GetAwaiter().GetResult();
            }) - Measure(2000, () => Fresh(invoker, url))),
            ("Flurl alone (FlurlClient over HttpClient, no ChainPay events), handler answer excluded", Measure(2000, () =>
            {
                using var response = bareFlurl.Request(url).SendAsync(HttpMethod.Post, new SignedContent(jsonBytes, "application/json")).GetAwaiter().GetResult();
            }) - Measure(2000, () => Fresh(invoker, url))),
            ("whole round trip (PostAsync, as RoundTripBenchmarks)", Measure(200, () =>
            {
                using var response = node.PostAsync(Bag()).GetAwaiter().GetResult();
            })),
        };

        Console.WriteLine($"JSON body {jsonBytes.Length} B; signed message {message.Length} B; answer body {answer.Length} B");
        Console.WriteLine("| step | bytes allocated |");
        Console.WriteLine("| --- | ---: |");
        foreach (var (step, bytes) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {bytes:F0} |"));
        }
    }

    private static HttpResponseMessage Fresh(HttpMessageInvoker invoker, string url) =>
        invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, url), CancellationToken.None).GetAwaiter().GetResult();

    private static double Measure(int count, Action action)
    {
        for (var i = 0; i < Math.Min(count, 200); i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
    }

    private static double Measure<T>(int count, Func<T> func) => Measure(count, () => { _ = func(); });
}
