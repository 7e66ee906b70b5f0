using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// Payment orders, direct and partner: a Native order is created <c>NOTPAY</c>; it can be paid (a test hook),
/// closed while unpaid (<c>CLOSED</c>) or reversed (<c>REVOKED</c>).
/// </summary>
internal sealed class PaymentOrders
{
    private readonly Dictionary<string, JObject> orders = new(StringComparer.Ordinal);
    private readonly Func<string> now;
    private long sequence = 4200000985202306000L;

    public PaymentOrders(Func<string> now) => this.now = now;

    /// <summary>Creates an order (idempotent on the key); returns it.</summary>
    public JObject Create(string key, JObject order)
    {
        lock (orders)
        {
            if (!orders.TryGetValue(key, out var existing))
            {
                existing = (JObject)order.DeepClone();
                existing["trade_type"] = "NATIVE";
                existing["trade_state"] = "NOTPAY";
                existing["trade_state_desc"] = "订单未支付";
                existing["create_time"] = now();
                orders[key] = existing;
            }

            return existing;
        }
    }

    public JObject Get(string key)
    {
        lock (orders)
        {
            return (JObject)Find(key).DeepClone();
        }
    }

    public void Close(string key)
    {
        lock (orders)
        {
            var order = Find(key);
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
            var order = Find(key);
            if ((string)order["trade_state"]! == "CLOSED")
            {
                throw SandboxError.Invalid("订单已关闭，不允许撤销");
            }

            Move(order, "REVOKED", "已撤销");
            order.Remove("transaction_id");
            return (JObject)order.DeepClone();
        }
    }

    /// <summary>Marks every order with <paramref name="outTradeNo"/> paid.</summary>
    public bool Pay(string outTradeNo)
    {
        lock (orders)
        {
            var found = orders.Values.Where(o => (string?)o["out_trade_no"] == outTradeNo && (string?)o["trade_state"] == "NOTPAY").ToList();
            foreach (var order in found)
            {
                Move(order, "SUCCESS", "支付成功");
                order["transaction_id"] = (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0000";
                order["success_time"] = now();
            }

            return found.Count > 0;
        }
    }

    private JObject Find(string key) => orders.TryGetValue(key, out var order) ? order : throw SandboxError.NotFound("订单不存在");

    private static void Move(JObject order, string state, string description)
    {
        order["trade_state"] = state;
        order["trade_state_desc"] = description;
    }
}
