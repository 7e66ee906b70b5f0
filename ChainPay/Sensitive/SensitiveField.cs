using System.Security.Cryptography;
using ChainPay.Crypto;

namespace ChainPay;

/// <summary>
/// A sensitive value (a name, an ID number, a phone number) to send encrypted. Put it in a request's <c>json</c>:
/// ChainPay encrypts it with the WeChat Pay platform key (RSA-OAEP) while serialising and sets the
/// <c>Wechatpay-Serial</c> header to that key's serial or <c>PUB_KEY_ID_…</c>. Pin the key by setting the
/// <c>Wechatpay-Serial</c> header yourself. <see cref="Decrypt"/> reads encrypted fields of answers.
/// </summary>
/// <example>
/// <code>
/// await wxpay.v3.fundApp.mchTransfer.transferBills.PostAsync(new
/// {
///     json = new { appid, out_bill_no = "B1", openid, transfer_amount = 400000, transfer_remark = "报销", user_name = SensitiveField.Of("张三") },
/// });
/// var name = SensitiveField.Decrypt((string)bill["user_name"]!, merchantPrivateKey);
/// </code>
/// </example>
public sealed class SensitiveField
{
    private SensitiveField(string plaintext) => Plaintext = plaintext;

    internal string Plaintext { get; }

    /// <summary>Marks <paramref name="plaintext"/> for encryption.</summary>
    /// <param name="plaintext">The value.</param>
    public static SensitiveField Of(string plaintext) =>
        new(plaintext ?? throw new InvalidArgumentException("A sensitive value cannot be null; leave the field out instead.", nameof(plaintext)));

    /// <summary>Decrypts a field WeChat Pay encrypted with the merchant's public key (RSA-OAEP, SHA-1).</summary>
    /// <param name="ciphertext">The base64 field value.</param>
    /// <param name="merchantPrivateKey">The merchant API private key (any form <see cref="Rsa.From(object, string)"/> takes).</param>
    /// <exception cref="CryptographicException">The value does not decrypt with this key.</exception>
    public static string Decrypt(string ciphertext, object merchantPrivateKey) => Rsa.Decrypt(ciphertext, merchantPrivateKey);

    /// <summary>Never the value: <c>SensitiveField(***)</c>.</summary>
    public override string ToString() => "SensitiveField(***)";

    /// <summary>The ciphertext of the value for <paramref name="key"/>.</summary>
    internal string EncryptFor(object key) => Http.SigningScheme.Encrypt(key, Plaintext);
}
