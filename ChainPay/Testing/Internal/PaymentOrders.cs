using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// Payment orders, direct and partner: an order is created <c>NOTPAY</c> by a prepay (JSAPI, Native, App, H5); it can
/// be paid (by the "client" or a test hook, raising <c>TRANSACTION.SUCCESS</c>), closed while unpaid (<c>CLOSED</c>),
/// reversed (<c>REVOKED</c>) or refunded (<c>REFUND</c>, see <see cref="Refunds"/>).
/// </summary>
internal sealed class PaymentOrders
{
    private const string SandboxOpenid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    private readonly Dictionary<string, Order> orders = new(StringComparer.Ordinal);
    private readonly Func<string> now;
    private readonly Action<string, string?, string, JObject> raise;
    private long sequence = 4200000985202306000L;

    public PaymentOrders(Func<string> now, Action<string, string?, string, JObject> raise)
    {
        this.now = now;
        this.raise = raise;
        Refunds = new Refunds(this, now, raise);
    }

    /// <summary>The refunds of these orders.</summary>
    public Refunds Refunds { get; }

    /// <summary>The key of a direct order.</summary>
    public static string DirectKey(string mchid, string outTradeNo) => DirectScope(mchid) + outTradeNo;

    /// <summary>The key of a partner order.</summary>
    public static string PartnerKey(string spMchid, string subMchid, string outTradeNo) => PartnerScope(spMchid, subMchid) + outTradeNo;

    /// <summary>The key prefix of a direct merchant's orders.</summary>
    public static string DirectScope(string mchid) => $"direct|{mchid}|";

    /// <summary>The key prefix of a sub-merchant's orders under a service provider.</summary>
    public static string PartnerScope(string spMchid, string subMchid) => $"partner|{spMchid}|{subMchid}|";

    /// <summary>Creates a Native order without a notify_url (the seeds); idempotent on the key.</summary>
    public JObject Create(string key, JObject order) => Prepay(key, order, "NATIVE", null);

    /// <summary>
    /// A prepay: creates the order (<paramref name="tradeType"/> <c>JSAPI</c>, <c>NATIVE</c>, <c>APP</c> or <c>MWEB</c>) and
    /// returns its answer (<c>prepay_id</c>, <c>code_url</c> or <c>h5_url</c>); the same request again gets the same
    /// answer, another request with the same <c>out_trade_no</c> is 403 <c>OUT_TRADE_NO_USED</c>.
    /// </summary>
    public JObject Prepay(string key, JObject fields, string tradeType, string? notifyUrl)
    {
        var order = (JObject)fields.DeepClone();
        order["trade_type"] = tradeType;
        var fingerprint = order.ToString(Formatting.None);
        lock (orders)
        {
            if (orders.TryGetValue(key, out var existing))
            {
                if (existing.Fingerprint != fingerprint)
                {
                    throw new SandboxError(System.Net.HttpStatusCode.Forbidden, "OUT_TRADE_NO_USED", "商户订单号重复");
                }

                return (string)existing.Fields["trade_state"]! == "CLOSED" ? throw new SandboxError(System.Net.HttpStatusCode.BadRequest, "ORDER_CLOSED", "订单已关闭") : (JObject)existing.Answer.DeepClone();
            }

            order["trade_state"] = "NOTPAY";
            order["trade_state_desc"] = "订单未支付";
            order["create_time"] = now();
            var prepayId = "wx" + Guid.NewGuid().ToString("N");
            var answer = tradeType switch
            {
                "NATIVE" => new JObject { ["code_url"] = "weixin://wxpay/bizpayurl?pr=" + Formatter.Nonce(7) },
                "MWEB" => new JObject { ["h5_url"] = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + prepayId + "&package=" + (++sequence % 10000000000L).ToString(CultureInfo.InvariantCulture) },
                _ => new JObject { ["prepay_id"] = prepayId },
            };
            orders[key] = new Order(key, order, fingerprint, notifyUrl, answer, answer.ContainsKey("prepay_id") ? prepayId : null);
            return (JObject)answer.DeepClone();
        }
    }

    /// <summary>The order as the query API answers it.</summary>
    public JObject Get(string key)
    {
        lock (orders)
        {
            return (JObject)Find(key).Fields.DeepClone();
        }
    }

    /// <summary>The key of the paid order with <paramref name="transactionId"/> among the keys starting with <paramref name="scope"/>, or <c>null</c>.</summary>
    public string? KeyOfTransaction(string scope, string transactionId)
    {
        lock (orders)
        {
            return orders.Values.FirstOrDefault(o => o.Key.StartsWith(scope, StringComparison.Ordinal) && (string?)o.Fields["transaction_id"] == transactionId)?.Key;
        }
    }

    /// <summary>Whether an order has this key.</summary>
    public bool Exists(string key)
    {
        lock (orders)
        {
            return orders.ContainsKey(key);
        }
    }

    /// <summary>The key and a copy of the order a JSAPI/App <c>prepay_id</c> belongs to, or <c>null</c>.</summary>
    public (string Key, JObject Order)? FindPrepay(string prepayId)
    {
        lock (orders)
        {
            var order = orders.Values.FirstOrDefault(o => o.PrepayId == prepayId);
            return order is null ? null : (order.Key, (JObject)order.Fields.DeepClone());
        }
    }

    public void Close(string key)
    {
        lock (orders)
        {
            var order = Find(key).Fields;
            var state = (string)order["trade_state"]!;
            if (state == "SUCCESS" || state == "REVOKED" || state == "REFUND")
            {
                throw SandboxError.Invalid($"订单状态为{state}，不允许关单");
            }

            Move(order, "CLOSED", "订单已关闭");
        }
    }

    public JObject Reverse(string key)
    {
        lock (orders)
        {
            var order = Find(key).Fields;
            if ((string)order["trade_state"]! == "CLOSED")
            {
                throw SandboxError.Invalid("订单已关闭，不允许撤销");
            }

            Move(order, "REVOKED", "已撤销");
            order.Remove("transaction_id");
            return (JObject)order.DeepClone();
        }
    }

    /// <summary>Marks every unpaid order with <paramref name="outTradeNo"/> paid, raising <c>TRANSACTION.SUCCESS</c> for each.</summary>
    public bool Pay(string outTradeNo)
    {
        List<Order> found;
        lock (orders)
        {
            found = orders.Values.Where(o => (string?)o.Fields["out_trade_no"] == outTradeNo && (string?)o.Fields["trade_state"] == "NOTPAY").ToList();
            found.ForEach(MarkPaid);
        }

        found.ForEach(RaisePaid);
        return found.Count > 0;
    }

    /// <summary>Pays the order with <paramref name="key"/> if it is unpaid; returns it as the query answers it, or <c>null</c> if it was not <c>NOTPAY</c>.</summary>
    public JObject? PayKey(string key)
    {
        Order order;
        lock (orders)
        {
            order = Find(key);
            if ((string?)order.Fields["trade_state"] != "NOTPAY")
            {
                return null;
            }

            MarkPaid(order);
        }

        RaisePaid(order);
        return Get(key);
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the order (under the orders' lock) if it is paid (<c>SUCCESS</c> or already
    /// <c>REFUND</c>), after which it is <c>REFUND</c>; an unknown or unpaid order is 404 <c>RESOURCE_NOT_EXISTS</c>.
    /// </summary>
    public T Refund<T>(string key, Func<JObject, T> change)
    {
        lock (orders)
        {
            if (!orders.TryGetValue(key, out var order))
            {
                throw new SandboxError(System.Net.HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", "订单不存在");
            }

            var state = (string?)order.Fields["trade_state"];
            if (state != "SUCCESS" && state != "REFUND")
            {
                throw new SandboxError(System.Net.HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", $"订单状态为{state}，未支付的订单不能发起退款");
            }

            var result = change((JObject)order.Fields.DeepClone());
            Move(order.Fields, "REFUND", "转入退款");
            return result;
        }
    }

    private Order Find(string key) => orders.TryGetValue(key, out var order) ? order : throw SandboxError.NotFound("订单不存在");

    private void MarkPaid(Order order)
    {
        var fields = order.Fields;
        Move(fields, "SUCCESS", "支付成功");
        fields["transaction_id"] = (++sequence).ToString(CultureInfo.InvariantCulture) + "0000";
        fields["success_time"] = now();
        fields["bank_type"] = "OTHERS";
        if (fields["payer"] is not JObject payer || !payer.HasValues)
        {
            fields["payer"] = fields.ContainsKey("sp_mchid") ? new JObject { ["sp_openid"] = SandboxOpenid } : new JObject { ["openid"] = SandboxOpenid };
        }

        if (fields["amount"] is JObject amount)
        {
            amount["payer_total"] = amount["total"];
            amount["payer_currency"] = amount["currency"];
        }
    }

    private void RaisePaid(Order order)
    {
        JObject resource;
        lock (orders)
        {
            resource = (JObject)order.Fields.DeepClone();
        }

        raise((string?)resource["mchid"] ?? (string)resource["sp_mchid"]!, order.NotifyUrl, "TRANSACTION.SUCCESS", resource);
    }

    private static void Move(JObject order, string state, string description)
    {
        order["trade_state"] = state;
        order["trade_state_desc"] = description;
    }

    private sealed class Order
    {
        public Order(string key, JObject fields, string fingerprint, string? notifyUrl, JObject answer, string? prepayId)
        {
            Key = key;
            Fields = fields;
            Fingerprint = fingerprint;
            NotifyUrl = notifyUrl;
            Answer = answer;
            PrepayId = prepayId;
        }

        public string Key { get; }

        /// <summary>The order as the query API answers it.</summary>
        public JObject Fields { get; }

        public string Fingerprint { get; }

        public string? NotifyUrl { get; }

        public JObject Answer { get; }

        public string? PrepayId { get; }
    }
}
