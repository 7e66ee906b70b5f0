using ChainPay.Crypto;
using ChainPay.Xml;

namespace ChainPay.V2;

/// <summary>The APIv2 refund notification: its <c>req_info</c> is AES-256-ECB encrypted with the md5 of the APIv2 key.</summary>
/// <example>
/// <code>
/// var notice = Transformer.ToArray(rawXmlBody);
/// var info = RefundNotification.DecryptReqInfo((string)notice["req_info"]!, apiV2Key);
/// Console.WriteLine(info["out_refund_no"]);
/// </code>
/// </example>
public static class RefundNotification
{
    /// <summary>Decrypts <paramref name="reqInfo"/> and parses its XML into fields.</summary>
    /// <param name="reqInfo">The base64 <c>req_info</c> of the notification.</param>
    /// <param name="secret">The APIv2 key.</param>
    /// <exception cref="InvalidArgumentException">The key is empty (ParamName <c>secret</c>), or the decrypted XML nests
    /// elements deeper than 256 levels (ParamName <c>reqInfo</c>).</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The text does not decrypt with this key.</exception>
    public static IDictionary<string, object?> DecryptReqInfo(string reqInfo, string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidArgumentException("The APIv2 key is required to decrypt req_info.", nameof(secret));
        }

        var xml = AesEcb.Decrypt(reqInfo, Hash.Md5(secret));
        try
        {
            return Transformer.ToArray(xml);
        }
        catch (InvalidArgumentException e)
        {
            throw new InvalidArgumentException($"The decrypted req_info nests XML elements deeper than {XmlArrayReader.MaxDepth} levels.", nameof(reqInfo), e);
        }
    }
}
