using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// The domestic refund routes (<c>/v3/refund/domestic/refunds</c>), for direct merchants and, with <c>sub_mchid</c>,
/// for service providers.
/// </summary>
internal static class RefundRoutes
{
    /// <summary>Adds the refund routes with <paramref name="add"/>.</summary>
    public static void Register(PaymentOrders orders, Action<string, string, Func<SandboxRequest, Match, JObject?>> add)
    {
        add("POST", "/v3/refund/domestic/refunds", (r, _) =>
        {
            var scope = Scope(r, r.Optional("sub_mchid"));
            var transactionId = r.Optional("transaction_id");
            var outTradeNo = r.Optional("out_trade_no");
            if (string.IsNullOrEmpty(transactionId) && string.IsNullOrEmpty(outTradeNo))
            {
                throw SandboxError.Param("transaction_id和out_trade_no必须二选一，不能都为空");
            }

            var outRefundNo = r.Field("out_refund_no");
            var refund = r.Amount("amount.refund");
            var total = r.Amount("amount.total");
            var currency = PaymentRoutes.Nested(r, "amount.currency");
            var notifyUrl = PaymentRoutes.NotifyUrl(r, required: false);
            var orderKey = string.IsNullOrEmpty(transactionId)
                ? scope + outTradeNo
                : orders.KeyOfTransaction(scope, transactionId!) ?? throw new SandboxError(System.Net.HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", "订单不存在");
            return orders.Refunds.Create(scope, orderKey, outRefundNo, refund, total, currency, notifyUrl);
        });
        add("GET", "/v3/refund/domestic/refunds/(?<no>[^/]+)", (r, m) =>
            orders.Refunds.Get(Scope(r, r.Query.TryGetValue("sub_mchid", out var sub) ? sub : null), PaymentRoutes.No(m)));
    }

    private static string Scope(SandboxRequest r, string? subMchid) =>
        string.IsNullOrEmpty(subMchid) ? PaymentOrders.DirectScope(r.Mchid) : PaymentOrders.PartnerScope(r.Mchid, subMchid!);
}
