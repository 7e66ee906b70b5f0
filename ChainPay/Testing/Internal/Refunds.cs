using System.Net;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// Refunds (退款) of paid orders: a refund is created <c>PROCESSING</c> and becomes <c>SUCCESS</c> at its first query
/// (or by the <c>CompleteRefund</c> test hook), raising <c>REFUND.SUCCESS</c>; the refunds of an order never exceed its
/// <c>amount.total</c>.
/// </summary>
internal sealed class Refunds
{
    private readonly Dictionary<string, Refund> refunds = new(StringComparer.Ordinal);
    private readonly PaymentOrders orders;
    private readonly Func<string> now;
    private readonly Action<string, string?, string, JObject> raise;
    private long sequence = 2019052709732670000L;

    public Refunds(PaymentOrders orders, Func<string> now, Action<string, string?, string, JObject> raise)
    {
        this.orders = orders;
        this.now = now;
        this.raise = raise;
    }

    /// <summary>
    /// Creates the refund <paramref name="outRefundNo"/> of the order <paramref name="orderKey"/> under
    /// <paramref name="scope"/>; the same request again answers the refund as it is now.
    /// </summary>
    public JObject Create(string scope, string orderKey, string outRefundNo, long refund, long total, string currency, string? notifyUrl)
    {
        lock (refunds)
        {
            var key = scope + outRefundNo;
            if (refunds.TryGetValue(key, out var existing))
            {
                if (existing.OrderKey != orderKey || (long)existing.Fields["amount"]!["refund"]! != refund)
                {
                    throw SandboxError.Invalid("退款单号已存在，且订单或退款金额与之前的请求不一致");
                }

                return (JObject)existing.Fields.DeepClone();
            }

            var created = orders.Refund(orderKey, order =>
            {
                var orderTotal = (long)order["amount"]!["total"]!;
                if (total != orderTotal)
                {
                    throw SandboxError.Invalid($"amount.total({total})与订单金额({orderTotal})不一致");
                }

                if (currency != "CNY")
                {
                    throw SandboxError.Param($"amount.currency({currency})不支持，境内商户仅支持CNY");
                }

                var refunded = refunds.Values.Where(r => r.OrderKey == orderKey).Sum(r => (long)r.Fields["amount"]!["refund"]!);
                if (refund > orderTotal - refunded)
                {
                    throw SandboxError.Invalid($"申请退款金额({refund})超过订单可退金额({orderTotal - refunded})");
                }

                return new Refund(orderKey, notifyUrl, order, new JObject
                {
                    ["refund_id"] = "5000000038" + (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["out_refund_no"] = outRefundNo,
                    ["transaction_id"] = order["transaction_id"],
                    ["out_trade_no"] = order["out_trade_no"],
                    ["channel"] = "ORIGINAL",
                    ["user_received_account"] = "支付用户零钱",
                    ["create_time"] = now(),
                    ["status"] = "PROCESSING",
                    ["funds_account"] = "AVAILABLE",
                    ["amount"] = new JObject
                    {
                        ["total"] = orderTotal, ["refund"] = refund, ["from"] = new JArray(), ["payer_total"] = orderTotal, ["payer_refund"] = refund,
                        ["settlement_refund"] = refund, ["settlement_total"] = orderTotal, ["discount_refund"] = 0, ["currency"] = currency, ["refund_fee"] = 0,
                    },
                    ["promotion_detail"] = new JArray(),
                });
            });
            refunds[key] = created;
            return (JObject)created.Fields.DeepClone();
        }
    }

    /// <summary>The refund as the query API answers it; a <c>PROCESSING</c> refund succeeds now.</summary>
    public JObject Get(string scope, string outRefundNo)
    {
        Refund refund;
        bool succeeded;
        lock (refunds)
        {
            refund = refunds.TryGetValue(scope + outRefundNo, out var found) ? found : throw new SandboxError(HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", "退款单不存在");
            succeeded = Succeed(refund);
        }

        RaiseIfSucceeded(refund, succeeded);
        lock (refunds)
        {
            return (JObject)refund.Fields.DeepClone();
        }
    }

    /// <summary>Every <c>PROCESSING</c> refund with <paramref name="outRefundNo"/> succeeds; returns whether one did.</summary>
    public bool Complete(string outRefundNo)
    {
        List<Refund> done;
        lock (refunds)
        {
            done = refunds.Values.Where(r => (string?)r.Fields["out_refund_no"] == outRefundNo && Succeed(r)).ToList();
        }

        done.ForEach(r => RaiseIfSucceeded(r, true));
        return done.Count > 0;
    }

    private bool Succeed(Refund refund)
    {
        if ((string?)refund.Fields["status"] != "PROCESSING")
        {
            return false;
        }

        refund.Fields["status"] = "SUCCESS";
        refund.Fields["success_time"] = now();
        return true;
    }

    /// <summary>Raises <c>REFUND.SUCCESS</c> with the 退款结果通知 resource.</summary>
    private void RaiseIfSucceeded(Refund refund, bool succeeded)
    {
        if (!succeeded)
        {
            return;
        }

        JObject resource;
        lock (refunds)
        {
            var f = refund.Fields;
            var amount = (JObject)f["amount"]!;
            resource = refund.Order.ContainsKey("sp_mchid")
                ? new JObject { ["sp_mchid"] = refund.Order["sp_mchid"], ["sub_mchid"] = refund.Order["sub_mchid"] }
                : new JObject { ["mchid"] = refund.Order["mchid"] };
            resource["out_trade_no"] = f["out_trade_no"];
            resource["transaction_id"] = f["transaction_id"];
            resource["out_refund_no"] = f["out_refund_no"];
            resource["refund_id"] = f["refund_id"];
            resource["refund_status"] = f["status"];
            resource["success_time"] = f["success_time"];
            resource["user_received_account"] = f["user_received_account"];
            resource["amount"] = new JObject { ["total"] = amount["total"], ["refund"] = amount["refund"], ["payer_total"] = amount["payer_total"], ["payer_refund"] = amount["payer_refund"] };
        }

        raise((string?)refund.Order["mchid"] ?? (string)refund.Order["sp_mchid"]!, refund.NotifyUrl, "REFUND.SUCCESS", resource);
    }

    private sealed class Refund
    {
        public Refund(string orderKey, string? notifyUrl, JObject order, JObject fields)
        {
            OrderKey = orderKey;
            NotifyUrl = notifyUrl;
            Order = order;
            Fields = fields;
        }

        public string OrderKey { get; }

        public string? NotifyUrl { get; }

        /// <summary>The order as it was when the refund was created.</summary>
        public JObject Order { get; }

        /// <summary>The refund as the query API answers it.</summary>
        public JObject Fields { get; }
    }
}
