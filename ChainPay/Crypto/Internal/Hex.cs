namespace ChainPay.Crypto.Internal;

/// <summary>Hexadecimal encoding (netstandard2.0 has no <c>Convert.ToHexString</c>).</summary>
internal static class Hex
{
    private const string LowerDigits = "0123456789abcdef";
    private const string UpperDigits = "0123456789ABCDEF";

    /// <summary>Lower-case hex, like PHP's <c>hash()</c> and <c>md5()</c>.</summary>
    public static string Lower(byte[] bytes) => Encode(bytes, 0, LowerDigits);

    /// <summary>Upper-case hex of <paramref name="bytes"/> from <paramref name="offset"/> on.</summary>
    public static string Upper(byte[] bytes, int offset = 0) => Encode(bytes, offset, UpperDigits);

    private static string Encode(byte[] bytes, int offset, string digits)
    {
        var chars = new char[(bytes.Length - offset) * 2];
        for (int i = offset, j = 0; i < bytes.Length; i++)
        {
            chars[j++] = digits[bytes[i] >> 4];
            chars[j++] = digits[bytes[i] & 0x0F];
        }

        return new string(chars);
    }
}
