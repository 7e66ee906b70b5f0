using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// Transfer bills of the three kinds the seeds cover — QQ wallet, merchant and partner (service provider) —
/// with WeChat's cancel flow: a cancellable bill becomes <c>CANCELING</c>, then <c>CANCELLED</c> at the next read;
/// a <c>SUCCESS</c> or <c>FAIL</c> bill cannot be cancelled.
/// </summary>
internal sealed class TransferBills
{
    private static readonly HashSet<string> Cancellable = new(StringComparer.Ordinal) { "ACCEPTED", "PROCESSING", "WAIT_USER_CONFIRM", "TRANSFERING" };

    private readonly Dictionary<string, JObject> bills = new(StringComparer.Ordinal);
    private readonly Func<string> now;
    private long sequence = 1330000071100999991L;

    public TransferBills(Func<string> now) => this.now = now;

    /// <summary>Creates a bill (idempotent on the same merchant, sub-merchant and <c>out_bill_no</c>).</summary>
    public JObject Create(string kind, string mchid, string? subMchid, JObject fields)
    {
        lock (bills)
        {
            var key = Key(kind, mchid, subMchid, (string)fields["out_bill_no"]!);
            if (bills.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var time = now();
            var bill = new JObject { ["mchid"] = mchid };
            if (subMchid is not null)
            {
                bill["sub_mchid"] = subMchid;
            }

            foreach (var property in fields.Properties())
            {
                bill[property.Name] = property.Value.DeepClone();
            }

            bill["transfer_bill_no"] = (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture) + "2020050700019480001";
            bill["state"] = "WAIT_USER_CONFIRM";
            bill["create_time"] = time;
            bill["update_time"] = time;
            bills[key] = bill;
            return bill;
        }
    }

    /// <summary>Reads a bill; a <c>CANCELING</c> bill has finished cancelling by then.</summary>
    public JObject Get(string kind, string mchid, string? subMchid, string outBillNo)
    {
        lock (bills)
        {
            var bill = Find(kind, mchid, subMchid, outBillNo);
            if ((string?)bill["state"] == "CANCELING")
            {
                Move(bill, "CANCELLED");
            }

            return (JObject)bill.DeepClone();
        }
    }

    /// <summary>Cancels a bill: <c>WAIT_USER_CONFIRM</c> (and the other unfinished states) ⇒ <c>CANCELING</c>.</summary>
    public JObject Cancel(string kind, string mchid, string? subMchid, string outBillNo)
    {
        lock (bills)
        {
            var bill = Find(kind, mchid, subMchid, outBillNo);
            var state = (string)bill["state"]!;
            if (Cancellable.Contains(state))
            {
                Move(bill, "CANCELING");
            }
            else if (state == "CANCELING")
            {
                Move(bill, "CANCELLED");
            }
            else if (state != "CANCELLED")
            {
                throw SandboxError.Invalid($"转账单据状态为{state}，不允许撤销");
            }

            return (JObject)bill.DeepClone();
        }
    }

    /// <summary>Moves every bill with <paramref name="outBillNo"/> to <paramref name="state"/> (the user confirmed, or the transfer failed).</summary>
    public bool SetState(string outBillNo, string state)
    {
        lock (bills)
        {
            var found = bills.Values.Where(b => (string?)b["out_bill_no"] == outBillNo).ToList();
            foreach (var bill in found)
            {
                Move(bill, state);
            }

            return found.Count > 0;
        }
    }

    private static string Key(string kind, string mchid, string? subMchid, string outBillNo) => $"{kind}|{mchid}|{subMchid}|{outBillNo}";

    private JObject Find(string kind, string mchid, string? subMchid, string outBillNo) =>
        bills.TryGetValue(Key(kind, mchid, subMchid, outBillNo), out var bill) ? bill : throw SandboxError.NotFound("转账单不存在");

    private void Move(JObject bill, string state)
    {
        bill["state"] = state;
        bill["update_time"] = now();
    }
}
