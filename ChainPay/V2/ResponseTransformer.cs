using System.Text;
using ChainPay.Crypto;
using ChainPay.Util;
using ChainPay.Xml;
using Flurl.Http;

namespace ChainPay.V2;

/// <summary>
/// The APIv2 response interceptor (<c>AfterCall</c>, spec §6.2): non-2xx ⇒ <see cref="ApiException"/>; the
/// whitelisted paths pass untouched; otherwise <c>return_code</c> and <c>result_code</c> must be <c>SUCCESS</c>
/// and <c>sign</c> must verify (HMAC-SHA256 when 64 characters long, else MD5), or <see cref="ApiV2Exception"/>
/// (also for XML nested deeper than <see cref="XmlArrayReader.MaxDepth"/>).
/// </summary>
internal sealed class ResponseTransformer
{
    /// <summary>The paths whose answers carry no sign (or are not XML), exact and case-sensitive.</summary>
    internal static readonly HashSet<string> Unsigned = new(StringComparer.Ordinal)
    {
        "/mchrisk/querymchrisk", "/mchrisk/setmchriskcallback", "/mchrisk/syncmchriskresult", "/mmpaymkttransfers/gethbinfo",
        "/mmpaymkttransfers/gettransferinfo", "/mmpaymkttransfers/pay_bank", "/mmpaymkttransfers/promotion/paywwsptrans2pocket",
        "/mmpaymkttransfers/promotion/querywwsptrans2pocket", "/mmpaymkttransfers/promotion/transfers", "/mmpaymkttransfers/query_bank",
        "/mmpaymkttransfers/sendgroupredpack", "/mmpaymkttransfers/sendminiprogramhb", "/mmpaymkttransfers/sendredpack",
        "/papay/entrustweb", "/papay/h5entrustweb", "/papay/partner/entrustweb", "/papay/partner/h5entrustweb",
        "/pay/downloadbill", "/pay/downloadfundflow", "/payitil/report", "/risk/getpublickey", "/risk/getviolation",
        "/secapi/mch/submchmanage", "/xdc/apiv2getsignkey/sign/getsignkey",
    };

    private readonly string secret;

    public ResponseTransformer(string secret) => this.secret = secret;

    /// <summary>Throws unless the answer is a verified APIv2 success.</summary>
    public async Task VerifyAsync(FlurlCall call)
    {
        var response = call.HttpResponseMessage;
        if (response is null || call.Response is null)
        {
            return;
        }

        var bytes = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var body = Encoding.UTF8.GetString(bytes);
        var status = (int)response.StatusCode;
        if (status < 200 || status > 299)
        {
            throw new ApiException(call.Response, body, verified: false);
        }

        if (Unsigned.Contains(call.HttpRequestMessage.RequestUri!.AbsolutePath))
        {
            return;
        }

        IDictionary<string, object?> fields;
        try
        {
            fields = Transformer.ToArray(body);
        }
        catch (InvalidArgumentException)
        {
            throw new ApiV2Exception($"The APIv2 answer's XML nests elements deeper than {XmlArrayReader.MaxDepth} levels", call.Response, new OrderedMap(), body);
        }

        var failure = Check(fields);
        if (failure is not null)
        {
            throw new ApiV2Exception(failure, call.Response, fields, body);
        }
    }

    /// <summary>The failure of <paramref name="fields"/>, or <c>null</c> when they are a signed success.</summary>
    internal string? Check(IDictionary<string, object?> fields)
    {
        if (!fields.TryGetValue("return_code", out var returnCode) || !Hash.Equals("SUCCESS", returnCode as string))
        {
            return "The APIv2 answer's return_code is not SUCCESS";
        }

        if (fields.TryGetValue("result_code", out var resultCode) && !Hash.Equals("SUCCESS", resultCode as string))
        {
            return "The APIv2 answer's result_code is not SUCCESS";
        }

        var sign = fields.TryGetValue("sign", out var s) ? s as string : null;
        var type = sign is { Length: 64 } ? Hash.AlgoHmacSha256 : Hash.AlgoMd5;
        var calculated = Hash.Sign(type, Formatter.QueryStringLike(Formatter.Ksort(fields)), secret);
        return calculated is not null && Hash.Equals(calculated, sign) ? null : "The APIv2 answer's sign is missing or does not verify";
    }
}
