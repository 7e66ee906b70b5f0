using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChainPay.Bills;
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
}
