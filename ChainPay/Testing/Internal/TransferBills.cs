using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;

namespace ChainPay.Testing.Internal;

/// <summary>
/// Transfer bills of the three kinds the seeds cover — QQ wallet, merchant (the 2025 商家转账) and partner (service
/// provider) — with WeChat's cancel flow: a cancellable bill becomes <c>CANCELING</c>, then <c>CANCELLED</c> at the
/// next read; a <c>SUCCESS</c> or <c>FAIL</c> bill cannot be cancelled. A merchant bill waits for the user's
/// confirmation with its <c>package_info</c> and raises <c>MCHTRANSFER.BILL.FINISHED</c> when it finishes.
/// </summary>
internal sealed class TransferBills
{
    public const string MerchantKind = "merchant";
    public const string FinishedEvent = "MCHTRANSFER.BILL.FINISHED";

    private static readonly HashSet<string> Cancellable = new(StringComparer.Ordinal) { "ACCEPTED", "PROCESSING", "WAIT_USER_CONFIRM", "TRANSFERING" };
    private static readonly HashSet<string> Finished = new(StringComparer.Ordinal) { "SUCCESS", "FAIL", "CANCELLED" };

    private readonly Dictionary<string, JObject> bills = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MerchantTransferRequest> merchantBills = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> packages = new(StringComparer.Ordinal);
    private readonly List<(string Mchid, string? NotifyUrl, JObject Resource)> finished = new();
    private readonly Func<string> now;
    private readonly Action<string, string?, string, JObject> raise;
    private long sequence = 1330000071100999991L;

    public TransferBills(Func<string> now, Action<string, string?, string, JObject> raise, Func<string?, string, string, string> decrypt)
    {
        this.now = now;
        this.raise = raise;
        Decrypt = decrypt;
    }

    /// <summary>Decrypts a sensitive field: (<c>Wechatpay-Serial</c>, field name, ciphertext) ⇒ plaintext, or a PARAM_ERROR.</summary>
    public Func<string?, string, string, string> Decrypt { get; }

    /// <summary>Creates a bill (idempotent on the same merchant, sub-merchant and <c>out_bill_no</c>).</summary>
    public JObject Create(string kind, string mchid, string? subMchid, JObject fields)
    {
        lock (bills)
        {
            var key = Key(kind, mchid, subMchid, (string)fields["out_bill_no"]!);
            return bills.TryGetValue(key, out var existing) ? existing : Add(key, mchid, subMchid, fields);
        }
    }

    /// <summary>
    /// Creates a 2025 merchant transfer bill in <c>WAIT_USER_CONFIRM</c> with a fresh <c>package_info</c>; the same
    /// <c>out_bill_no</c> with the same <paramref name="content"/> is the same bill, with other content an error.
    /// </summary>
    public JObject CreateMerchant(string mchid, JObject fields, JObject content, string? notifyUrl)
    {
        lock (bills)
        {
            var key = Key(MerchantKind, mchid, null, (string)fields["out_bill_no"]!);
            if (bills.ContainsKey(key))
            {
                // A seeded sample has no request of its own: any content is other content.
                var known = merchantBills.TryGetValue(key, out var k) ? k : null;
                if (known is null || !JToken.DeepEquals(known.Content, content))
                {
                    throw SandboxError.Invalid($"商户单号out_bill_no（{fields["out_bill_no"]}）已存在，且本次请求的参数与首次请求不一致；请使用原单号及原请求参数重试，或查询该单号");
                }

                return MerchantTransferViews.Created(bills[key], known);
            }

            var bill = Add(key, mchid, null, fields);
            var package = Convert.ToBase64String(RandomBytes(48));
            var made = new MerchantTransferRequest(content, notifyUrl, package);
            merchantBills[key] = made;
            packages[package] = key;
            return MerchantTransferViews.Created(bill, made);
        }
    }

    /// <summary>Reads a bill; a <c>CANCELING</c> bill has finished cancelling by then.</summary>
    public JObject Get(string kind, string mchid, string? subMchid, string outBillNo)
    {
        JObject answer;
        lock (bills)
        {
            var key = Key(kind, mchid, subMchid, outBillNo);
            var bill = Find(key);
            if ((string?)bill["state"] == "CANCELING")
            {
                Move(key, bill, "CANCELLED");
            }

            answer = kind == MerchantKind ? MerchantTransferViews.Query(bill) : (JObject)bill.DeepClone();
        }

        RaiseFinished();
        return answer;
    }

    /// <summary>Reads a 2025 merchant bill of <paramref name="mchid"/> by WeChat's <c>transfer_bill_no</c>.</summary>
    public JObject GetByTransferBillNo(string mchid, string transferBillNo)
    {
        string? outBillNo;
        lock (bills)
        {
            var prefix = Key(MerchantKind, mchid, null, string.Empty);
            outBillNo = bills.Where(b => b.Key.StartsWith(prefix, StringComparison.Ordinal) && (string?)b.Value["transfer_bill_no"] == transferBillNo)
                .Select(b => (string?)b.Value["out_bill_no"]).FirstOrDefault();
        }

        return Get(MerchantKind, mchid, null, outBillNo ?? throw SandboxError.NotFound("转账单不存在"));
    }

    /// <summary>Cancels a bill: <c>WAIT_USER_CONFIRM</c> (and the other unfinished states) ⇒ <c>CANCELING</c>.</summary>
    public JObject Cancel(string kind, string mchid, string? subMchid, string outBillNo)
    {
        JObject answer;
        lock (bills)
        {
            var key = Key(kind, mchid, subMchid, outBillNo);
            var bill = Find(key);
            var state = (string)bill["state"]!;
            if (Cancellable.Contains(state))
            {
                Move(key, bill, "CANCELING");
            }
            else if (state == "CANCELING")
            {
                Move(key, bill, "CANCELLED");
            }
            else if (state != "CANCELLED")
            {
                throw SandboxError.Invalid($"转账单据状态为{state}，不允许撤销");
            }

            answer = kind == MerchantKind
                ? MerchantTransferViews.Cancelled(bill)
                : (JObject)bill.DeepClone();
        }

        RaiseFinished();
        return answer;
    }

    /// <summary>Moves every bill with <paramref name="outBillNo"/> to <paramref name="state"/> (the user confirmed, or the transfer failed).</summary>
    public bool SetState(string outBillNo, string state)
    {
        bool any;
        lock (bills)
        {
            var found = bills.Where(b => (string?)b.Value["out_bill_no"] == outBillNo).ToList();
            foreach (var bill in found)
            {
                Move(bill.Key, bill.Value, state);
            }

            any = found.Count > 0;
        }

        RaiseFinished();
        return any;
    }

    /// <summary>
    /// The user's WeChat acts on the bill <paramref name="packageInfo"/> opened: a <c>WAIT_USER_CONFIRM</c> bill moves
    /// through <paramref name="states"/> (the last one with <paramref name="failReason"/>); <c>null</c> when no bill has
    /// that package, false when the bill no longer waits.
    /// </summary>
    public bool? UserActs(string packageInfo, string? failReason, params string[] states)
    {
        bool acted;
        lock (bills)
        {
            if (!packages.TryGetValue(packageInfo, out var key))
            {
                return null;
            }

            var bill = bills[key];
            acted = (string?)bill["state"] == "WAIT_USER_CONFIRM";
            if (acted)
            {
                if (failReason is not null)
                {
                    bill["fail_reason"] = failReason;
                }

                foreach (var state in states)
                {
                    Move(key, bill, state);
                }
            }
        }

        RaiseFinished();
        return acted;
    }

    /// <summary>The <c>package_info</c> of every 2025 merchant bill with <paramref name="outBillNo"/>.</summary>
    public IReadOnlyList<string> PackagesOf(string outBillNo)
    {
        lock (bills)
        {
            return merchantBills.Where(b => (string?)bills[b.Key]["out_bill_no"] == outBillNo).Select(b => b.Value.Package).ToList();
        }
    }

    private static string Key(string kind, string mchid, string? subMchid, string outBillNo) => $"{kind}|{mchid}|{subMchid}|{outBillNo}";

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(bytes);
        return bytes;
    }

    private JObject Add(string key, string mchid, string? subMchid, JObject fields)
    {
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

        bill["transfer_bill_no"] = (++sequence).ToString(CultureInfo.InvariantCulture) + "2020050700019480001";
        bill["state"] = "WAIT_USER_CONFIRM";
        bill["create_time"] = time;
        bill["update_time"] = time;
        bills[key] = bill;
        return bill;
    }

    private JObject Find(string key) => bills.TryGetValue(key, out var bill) ? bill : throw SandboxError.NotFound("转账单不存在");

    private void Move(string key, JObject bill, string state)
    {
        bill["state"] = state;
        bill["update_time"] = now();
        if (Finished.Contains(state) && merchantBills.TryGetValue(key, out var meta))
        {
            finished.Add(((string)bill["mchid"]!, meta.NotifyUrl, MerchantTransferViews.Finished(bill)));
        }
    }

    private void RaiseFinished()
    {
        List<(string Mchid, string? NotifyUrl, JObject Resource)> events;
        lock (bills)
        {
            events = finished.ToList();
            finished.Clear();
        }

        foreach (var (mchid, notifyUrl, resource) in events)
        {
            raise(mchid, notifyUrl, FinishedEvent, resource);
        }
    }
}
