using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// Trade bills: <c>/v3/bill/tradebill</c> answers a one-time <c>download_url</c> with the SHA-1 of the file, and
/// <c>/v3/billdownload/file</c> serves the file (CSV, or gzip with <c>tar_type=GZIP</c>), unsigned as WeChat Pay does.
/// </summary>
internal sealed class BillFiles
{
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);

    /// <summary>The bill of the requesting merchant for <c>bill_date</c>, registered under a fresh token.</summary>
    public JObject Issue(SandboxRequest request, string baseUri)
    {
        var date = request.QueryField("bill_date");
        if (!DateTime.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            throw SandboxError.Param($"bill_date({date})格式错误，应为yyyy-MM-dd");
        }

        var csv = Encoding.UTF8.GetBytes(
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额\n"
            + $"`{date} 10:00:00,`wxd678efh567hg6787,`{request.Mchid},`0,`,`4200000985202306000001,`1217752501201407033233368018,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00\n"
            + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n`1,`0.01,`0.00,`0.00,`0.00000,`0.01,`0.00\n");
        var gzip = request.Query.TryGetValue("tar_type", out var tar) && tar == "GZIP";
        var bytes = gzip ? Compress(csv) : csv;
        var token = Formatter.Nonce(24);
        lock (files)
        {
            files[token] = bytes;
        }

        using var sha1 = SHA1.Create();
        return new JObject
        {
            ["hash_type"] = "SHA1",
            ["hash_value"] = Crypto.Internal.Hex.Lower(sha1.ComputeHash(bytes)),
            ["download_url"] = baseUri + "v3/billdownload/file?token=" + token,
        };
    }

    /// <summary>The file for <paramref name="token"/>, or a <c>NOT_FOUND</c>.</summary>
    public byte[] Get(string token)
    {
        lock (files)
        {
            return files.TryGetValue(token, out var bytes) ? bytes : throw SandboxError.NotFound("账单下载链接不存在或已过期");
        }
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data, 0, data.Length);
        }

        return output.ToArray();
    }
}
