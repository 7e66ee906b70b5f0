using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace ChainPay.Crypto;

/// <summary>
/// The SM3 cryptographic hash (GM/T 0004-2012, GB/T 32905-2016): a 256-bit digest, computed with BouncyCastle on
/// every target framework.
/// </summary>
public static class Sm3
{
    /// <summary>The digest length in bytes.</summary>
    /// <example><code>var digest = new byte[Sm3.HashSize];</code></example>
    public const int HashSize = 32;

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>Hashes <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <example>
    /// <code>
    /// byte[] digest = Sm3.Hash(Encoding.ASCII.GetBytes("abc")); // 66c7f0f4…8f4ba8e0
    /// </code>
    /// </example>
    public static byte[] Hash(byte[] data)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[HashSize];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/> and returns lower-case hex, like PHP's <c>hash('sm3', $text)</c>.</summary>
    /// <param name="text">The text to hash.</param>
    /// <returns>64 lower-case hex characters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <example>
    /// <code>
    /// Sm3.Hex("abc"); // "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    /// </code>
    /// </example>
    public static string Hex(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return Internal.Hex.Lower(Hash(Utf8.GetBytes(text)));
    }
}
