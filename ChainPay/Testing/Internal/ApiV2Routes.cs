using ChainPay.Crypto;

namespace ChainPay.Testing.Internal;

/// <summary>
/// The sandbox's APIv2 (XML) surface: <c>/pay/orderquery</c> and <c>/pay/closeorder</c> over the direct orders,
/// with WeChat's request checks (XML body, <c>mch_id</c>, <c>sign</c> by MD5 or HMAC-SHA256) and signed answers.
/// </summary>
internal sealed class ApiV2Routes
{
    private readonly PaymentOrders orders;
    private readonly string secret;

    public ApiV2Routes(PaymentOrders orders, string secret)
    {
        this.orders = orders;
        this.secret = secret;
    }

    /// <summary>Answers one APIv2 request with the XML body WeChat Pay would send.</summary>
    public string Handle(string path, string body, ISet<string> merchants)
    {
        IDictionary<string, object?> request;
        try
        {
            request = Transformer.ToArray(body);
        }
        catch (InvalidArgumentException)
        {
            return Fail("XML格式错误"); // nested too deep
        }

        if (request.Count == 0)
        {
            return Fail("XML格式错误");
        }

        var type = request.TryGetValue("sign_type", out var t) && t is string s ? s : Hash.AlgoMd5;
        var expected = Hash.Sign(type, Formatter.QueryStringLike(Formatter.Ksort(request)), secret);
        if (expected is null || !Hash.Equals(expected, request.TryGetValue("sign", out var sign) ? sign as string : null))
        {
            return Fail("签名错误");
        }

        var mchid = request.TryGetValue("mch_id", out var m) ? m as string : null;
        if (mchid is null || !merchants.Contains(mchid))
        {
            return Fail("mch_id参数格式错误");
        }

        var outTradeNo = request.TryGetValue("out_trade_no", out var o) ? o as string : null;
        if (string.IsNullOrEmpty(outTradeNo))
        {
            return Fail("缺少参数out_trade_no");
        }

        var fields = new List<KeyValuePair<string, object?>>
        {
            new("return_code", "SUCCESS"), new("return_msg", "OK"), new("appid", request.TryGetValue("appid", out var a) ? a : null),
            new("mch_id", mchid), new("nonce_str", Formatter.Nonce()),
        };
        try
        {
            var key = PaymentOrders.DirectKey(mchid, outTradeNo!);
            switch (path)
            {
                case "/pay/orderquery":
                    var order = orders.Get(key);
                    fields.Add(new("result_code", "SUCCESS"));
                    fields.Add(new("out_trade_no", outTradeNo));
                    fields.Add(new("trade_state", (string?)order["trade_state"]));
                    fields.Add(new("total_fee", (string?)order["amount"]?["total"]));
                    break;
                case "/pay/closeorder":
                    orders.Close(key);
                    fields.Add(new("result_code", "SUCCESS"));
                    break;
                default:
                    return Fail($"{path} 不是本沙箱支持的APIv2接口");
            }
        }
        catch (SandboxError e)
        {
            fields.Add(new("result_code", "FAIL"));
            fields.Add(new("err_code", e.Code == "NOT_FOUND" ? "ORDERNOTEXIST" : "ORDERPAID"));
            fields.Add(new("err_code_des", e.Message));
        }

        fields.Add(new("sign", Hash.Sign(Hash.AlgoMd5, Formatter.QueryStringLike(Formatter.Ksort(fields)), secret)));
        return Transformer.ToXml(fields);
    }

    private static string Fail(string message) =>
        Transformer.ToXml(new[] { new KeyValuePair<string, object?>("return_code", "FAIL"), new KeyValuePair<string, object?>("return_msg", message) });
}
