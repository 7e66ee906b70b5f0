namespace ChainPay.Replay;

/// <summary>The purposes an <see cref="INonceStore"/> keeps nonces apart by.</summary>
public static class NoncePurpose
{
    /// <summary>The <c>Wechatpay-Nonce</c> of an answer to a request.</summary>
    public const string Answer = "answer";

    /// <summary>The <c>Wechatpay-Nonce</c> of a notification (callback).</summary>
    public const string Notification = "notification";
}
