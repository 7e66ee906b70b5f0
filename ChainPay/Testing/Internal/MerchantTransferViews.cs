using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>A 2025 merchant transfer bill as each API answers it, from the sandbox's stored bill.</summary>
internal static class MerchantTransferViews
{
    public static JObject Created(JObject bill, MerchantTransferRequest known)
    {
        var answer = new JObject
        {
            ["out_bill_no"] = bill["out_bill_no"], ["transfer_bill_no"] = bill["transfer_bill_no"], ["create_time"] = bill["create_time"], ["state"] = bill["state"],
        };
        if ((string?)bill["state"] == "WAIT_USER_CONFIRM")
        {
            answer["package_info"] = known.Package;
        }

        return answer;
    }

    /// <summary>A 2025 merchant bill as the query API answers it (and the finished notification's resource).</summary>
    public static JObject Query(JObject bill)
    {
        var answer = new JObject { ["mch_id"] = bill["mchid"] };
        foreach (var name in new[] { "out_bill_no", "transfer_bill_no", "appid", "state", "transfer_amount", "transfer_remark", "fail_reason", "openid", "create_time", "update_time" })
        {
            if (bill[name] is { } value)
            {
                answer[name] = value.DeepClone();
            }
        }

        return answer;
    }

    /// <summary>The cancel API's answer.</summary>
    public static JObject Cancelled(JObject bill) => new()
    {
        ["out_bill_no"] = bill["out_bill_no"], ["transfer_bill_no"] = bill["transfer_bill_no"], ["state"] = bill["state"], ["update_time"] = bill["update_time"],
    };

    /// <summary>The resource of MCHTRANSFER.BILL.FINISHED (商家转账回调通知).</summary>
    public static JObject Finished(JObject bill)
    {
        var resource = Query(bill);
        resource.Remove("appid");
        resource.Remove("transfer_remark");
        return resource;
    }
}
