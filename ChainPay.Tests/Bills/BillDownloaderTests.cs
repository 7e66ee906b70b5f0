using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Bills;
using ChainPay.Resilience;
using ChainPay.Testing;
using Newtonsoft.Json.Linq;
using Org.BouncyCastle.Crypto.Digests;

namespace ChainPay.Tests.Bills;

public class BillDownloaderTests
{
    private sealed class Recorder : IProgress<long>
    {
        public List<long> Seen { get; } = new();

        public void Report(long value) => Seen.Add(value);
    }

    private static async Task<(BuilderChain Instance, JObject Bill)> Issue(WeChatPaySandbox sandbox, BuilderChain? instance = null, string? tar = null)
    {
        instance ??= Builder.Factory(sandbox.CreateOptions());
        var query = tar is null ? (object)new { bill_date = "2024-01-01" } : new { bill_date = "2024-01-01", tar_type = tar };
        var res = await instance.Chain("v3/bill/tradebill").GetAsync(new { query });
        return (instance, JObject.Parse(await res.GetStringAsync()));
    }

    [Test]
    public async Task DownloadAsync_StreamsTheBill_ChecksSha1_ReportsProgress()
    {
        var (instance, bill) = await Issue(new WeChatPaySandbox());
        using var file = new MemoryStream();
        var progress = new Recorder();
        var written = await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, (string)bill["hash_type"]!, (string)bill["hash_value"]!, file, progress);
        var text = Encoding.UTF8.GetString(file.ToArray());
        Assert.That(written, Is.EqualTo(file.Length));
        Assert.That(text, Does.StartWith("交易时间,公众账号ID").And.Contain("`1217752501201407033233368018"));
        Assert.That(progress.Seen.Last(), Is.EqualTo(written));
        Assert.That(progress.Seen, Is.Ordered.Ascending);
    }

    [Test]
    public async Task DownloadAsync_KeepsGzipAsBytes()
    {
        var (instance, bill) = await Issue(new WeChatPaySandbox(), tar: "GZIP");
        using var file = new MemoryStream();
        await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SHA1", (string)bill["hash_value"]!, file);
        Assert.That(file.ToArray().Take(2), Is.EqualTo(new byte[] { 0x1F, 0x8B }));
        using var gzip = new GZipStream(new MemoryStream(file.ToArray()), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.That(reader.ReadToEnd(), Does.StartWith("交易时间"));
    }

    [Test]
    public async Task DownloadAsync_RefusesAMismatchingDigest()
    {
        var (instance, bill) = await Issue(new WeChatPaySandbox());
        using var file = new MemoryStream();
        var e = Assert.ThrowsAsync<ResponseVerificationException>(() => BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SHA1", new string('0', 40), file));
        Assert.That(e!.Message, Does.Contain("SHA1"));
    }

    [Test]
    public async Task DownloadAsync_ChecksSm3()
    {
        var sandbox = new WeChatPaySandbox();
        var (instance, bill) = await Issue(sandbox);
        using var probe = new MemoryStream();
        await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SHA1", (string)bill["hash_value"]!, probe);
        var sm3 = new SM3Digest();
        var bytes = probe.ToArray();
        sm3.BlockUpdate(bytes, 0, bytes.Length);
        var hash = new byte[32];
        sm3.DoFinal(hash, 0);
        using var file = new MemoryStream();
        await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SM3", Convert.ToHexString(hash), file);
        Assert.That(file.ToArray(), Is.EqualTo(bytes));
    }

    [Test]
    public async Task DownloadAsync_OverLoopback()
    {
        var sandbox = new WeChatPaySandbox();
        using var server = SandboxServer.Start(sandbox);
        var (instance, bill) = await Issue(sandbox, Builder.Factory(sandbox.CreateOptions(server)));
        Assert.That((string)bill["download_url"]!, Does.StartWith(server.BaseUri.AbsoluteUri));
        using var file = new MemoryStream();
        Assert.That(await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SHA1", (string)bill["hash_value"]!, file), Is.GreaterThan(100));
    }

    [TestCase("https://evil.example/v3/billdownload/file?token=x", "downloadUrl")]
    [TestCase("https://api.mch.weixin.qq.com/v3/other?token=x", "downloadUrl")]
    [TestCase("not a url", "downloadUrl")]
    public void DownloadAsync_RefusesForeignUrls_BeforeSending(string url, string param)
    {
        var sandbox = new WeChatPaySandbox();
        var instance = Builder.Factory(sandbox.CreateOptions());
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => BillDownloader.DownloadAsync(instance, url, "SHA1", "00", new MemoryStream()));
        Assert.That(e!.ParamName, Is.EqualTo(param));
        Assert.That(sandbox.RequestCount, Is.EqualTo(0));
    }

    [Test]
    public void DownloadAsync_ValidatesTheOtherArguments()
    {
        var instance = Builder.Factory(new WeChatPaySandbox().CreateOptions());
        const string url = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=x";
        Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => BillDownloader.DownloadAsync(instance, url, "MD5", "00", new MemoryStream()))!.ParamName, Is.EqualTo("hashType"));
        Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => BillDownloader.DownloadAsync(instance, url, "SHA1", "", new MemoryStream()))!.ParamName, Is.EqualTo("hashValue"));
        Assert.That(Assert.ThrowsAsync<InvalidArgumentException>(() => BillDownloader.DownloadAsync(instance, url, "SHA1", "00", new MemoryStream(new byte[1], false)))!.ParamName, Is.EqualTo("destination"));
    }

    [Test]
    public void DownloadAsync_AnExpiredToken_IsAnApiException()
    {
        var instance = Builder.Factory(new WeChatPaySandbox().CreateOptions());
        var e = Assert.ThrowsAsync<ApiException>(() => BillDownloader.DownloadAsync(instance, "https://api.mch.weixin.qq.com/v3/billdownload/file?token=gone", "SHA1", "00", new MemoryStream()));
        Assert.That(e!.StatusCode, Is.EqualTo((int)HttpStatusCode.NotFound));
    }

    private static BuilderOptions Retrying(WeChatPaySandbox sandbox, Hosts hosts, List<TimeSpan> waits)
    {
        var options = sandbox.CreateOptions();
        options.HttpClient = new HttpClient(hosts.Over(sandbox.CreateHandler()));
        options.Retry = new RetryOptions
        {
            BackupBaseUri = RetryOptions.BackupDomain,
            Jitter = false,
            Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; },
        };
        return options;
    }

    // docs/bills.md: "with Retry configured it is retried like any call, on that same host".
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase((HttpStatusCode)429)]
    [CancelAfter(10_000)]
    public async Task DownloadAsync_WithRetry_RetriesAFailedDownload_OnTheDownloadUrlsHost(HttpStatusCode status)
    {
        var sandbox = new WeChatPaySandbox();
        var hosts = new Hosts();
        var waits = new List<TimeSpan>();
        var (instance, bill) = await Issue(sandbox, Builder.Factory(Retrying(sandbox, hosts, waits)));
        hosts.Seen.Clear();
        sandbox.FailNext(status, "SYSTEM_ERROR", "系统繁忙");
        using var file = new MemoryStream();
        var written = await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SHA1", (string)bill["hash_value"]!, file);
        Assert.That(written, Is.EqualTo(file.Length).And.GreaterThan(100));
        Assert.That(Encoding.UTF8.GetString(file.ToArray()), Does.StartWith("交易时间"), "only the successful attempt's bytes were written");
        Assert.That(hosts.Seen, Is.EqualTo(new[] { "GET api.mch.weixin.qq.com/v3/billdownload/file", "GET api.mch.weixin.qq.com/v3/billdownload/file" }));
        Assert.That(waits, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task DownloadAsync_WithRetry_ThreeServerErrors_RaiseTheLast()
    {
        var sandbox = new WeChatPaySandbox();
        var hosts = new Hosts();
        var (instance, bill) = await Issue(sandbox, Builder.Factory(Retrying(sandbox, hosts, new List<TimeSpan>())));
        hosts.Seen.Clear();
        for (var i = 0; i < 3; i++)
        {
            sandbox.FailNext(i == 2 ? HttpStatusCode.BadGateway : HttpStatusCode.InternalServerError, "SYSTEM_ERROR", "系统繁忙");
        }

        var e = Assert.ThrowsAsync<ApiException>(() => BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SHA1", (string)bill["hash_value"]!, new MemoryStream()));
        Assert.That(e!.StatusCode, Is.EqualTo(502));
        Assert.That(hosts.Seen, Has.Count.EqualTo(3).And.All.EqualTo("GET api.mch.weixin.qq.com/v3/billdownload/file"));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task DownloadAsync_WithRetry_RetriesATimeout()
    {
        var sandbox = new WeChatPaySandbox();
        var hosts = new Hosts { HangFirstDownload = true };
        var options = Retrying(sandbox, hosts, new List<TimeSpan>());
        options.Timeout = TimeSpan.FromMilliseconds(100);
        var (instance, bill) = await Issue(sandbox, Builder.Factory(options));
        hosts.Seen.Clear();
        using var file = new MemoryStream();
        await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SHA1", (string)bill["hash_value"]!, file);
        Assert.That(file.Length, Is.GreaterThan(100));
        Assert.That(hosts.Seen, Is.EqualTo(new[] { "GET api.mch.weixin.qq.com/v3/billdownload/file", "GET api.mch.weixin.qq.com/v3/billdownload/file" }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task DownloadAsync_WithoutRetry_ASeverErrorIsRaised_AfterOneAttempt()
    {
        var sandbox = new WeChatPaySandbox();
        var (instance, bill) = await Issue(sandbox);
        sandbox.FailNext(HttpStatusCode.InternalServerError, "SYSTEM_ERROR", "系统繁忙");
        var before = sandbox.RequestCount;
        Assert.ThrowsAsync<ApiException>(() => BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, "SHA1", (string)bill["hash_value"]!, new MemoryStream()));
        Assert.That(sandbox.RequestCount - before, Is.EqualTo(1));
    }

    // docs/bills.md "Which URLs are accepted": the path exactly /v3/billdownload/file; the instance's host or *.mch.weixin.qq.com.
    [TestCase("https://api.mch.weixin.qq.com/V3/billdownload/file?token=x")]
    [TestCase("https://api.mch.weixin.qq.com/hk/v3/billdownload/file?token=x")]
    [TestCase("https://api.mch.weixin.qq.com/v3/billdownload/file/x?token=x")]
    [TestCase("https://evilmch.weixin.qq.com/v3/billdownload/file?token=x")]
    [TestCase("https://api.mch.weixin.qq.com.evil.example/v3/billdownload/file?token=x")]
    [TestCase("ftp://api.mch.weixin.qq.com/v3/billdownload/file?token=x")]
    [TestCase("/v3/billdownload/file?token=x")]
    public void DownloadAsync_RefusesUrlsOutsideTheRule_BeforeSending(string url)
    {
        var sandbox = new WeChatPaySandbox();
        var e = Assert.ThrowsAsync<InvalidArgumentException>(() => BillDownloader.DownloadAsync(Builder.Factory(sandbox.CreateOptions()), url, "SHA1", "00", new MemoryStream()));
        Assert.That(e!.ParamName, Is.EqualTo("downloadUrl"));
        Assert.That(sandbox.RequestCount, Is.EqualTo(0));
    }

    [TestCase("https://api2.mch.weixin.qq.com/v3/billdownload/file?token=x", "GET api2.mch.weixin.qq.com/v3/billdownload/file")]
    [TestCase("http://api.mch.weixin.qq.com:8080/v3/billdownload/file?token=x", "GET api.mch.weixin.qq.com:8080/v3/billdownload/file")]
    [CancelAfter(10_000)]
    public void DownloadAsync_GoesToTheDownloadUrlsSchemeHostAndPort(string url, string expected)
    {
        var sandbox = new WeChatPaySandbox();
        var hosts = new Hosts();
        var options = sandbox.CreateOptions();
        options.HttpClient = new HttpClient(hosts.Over(sandbox.CreateHandler()));
        Assert.ThrowsAsync<ApiException>(() => BillDownloader.DownloadAsync(Builder.Factory(options), url, "SHA1", "00", new MemoryStream())); // the sandbox knows no token x
        Assert.That(hosts.Seen, Is.EqualTo(new[] { expected }));
        Assert.That(hosts.Urls.Single(), Does.StartWith(url.Substring(0, url.IndexOf("/v3", StringComparison.Ordinal))));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task DownloadAsync_AcceptsAnyCaseOfHashTypeAndHashValue()
    {
        var (instance, bill) = await Issue(new WeChatPaySandbox());
        var hash = (string)bill["hash_value"]!;
        foreach (var (type, value) in new[] { ("sha1", hash.ToUpperInvariant()), ("Sha1", hash.ToLowerInvariant()) })
        {
            using var file = new MemoryStream();
            Assert.That(await BillDownloader.DownloadAsync(instance, (string)bill["download_url"]!, type, value, file), Is.GreaterThan(100));
        }
    }

    /// <summary>Records "METHOD host[:port]/path" of each request; optionally never answers the first bill download.</summary>
    private sealed class Hosts
    {
        public List<string> Seen { get; } = new();

        public List<string> Urls { get; } = new();

        public bool HangFirstDownload { get; set; }

        public HttpMessageHandler Over(HttpMessageHandler inner) => new Recording(this) { InnerHandler = inner };

        private sealed class Recording : DelegatingHandler
        {
            private readonly Hosts hosts;

            public Recording(Hosts hosts) => this.hosts = hosts;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var uri = request.RequestUri!;
                bool hang;
                lock (hosts)
                {
                    hosts.Seen.Add($"{request.Method} {uri.Authority}{uri.AbsolutePath}");
                    hosts.Urls.Add(uri.AbsoluteUri);
                    hang = hosts.HangFirstDownload && uri.AbsolutePath == "/v3/billdownload/file";
                    hosts.HangFirstDownload &= !hang;
                }

                if (hang)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
