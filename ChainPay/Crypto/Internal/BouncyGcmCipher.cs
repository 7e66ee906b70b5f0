using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace ChainPay.Crypto.Internal;

/// <summary>AES-GCM over BouncyCastle's <c>GcmBlockCipher</c>: any non-empty IV (like OpenSSL), tags of 4–16 bytes.</summary>
internal sealed class BouncyGcmCipher : IGcmCipher
{
    /// <summary>The shared, stateless instance.</summary>
    public static readonly BouncyGcmCipher Instance = new();

    private BouncyGcmCipher()
    {
    }

    /// <inheritdoc />
    public string Name => "bouncy";

    /// <inheritdoc />
    public bool Supports(int ivLength, int tagLength) => ivLength > 0 && tagLength is >= 4 and <= 16;

    /// <inheritdoc />
    public byte[] Encrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext, int tagLength)
    {
        var cipher = Create(true, key, iv, aad, tagLength);
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        int length = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        cipher.DoFinal(output, length);
        return output;
    }

    /// <inheritdoc />
    public byte[] Decrypt(byte[] key, byte[] iv, byte[] aad, byte[] ciphertext, byte[] tag)
    {
        var cipher = Create(false, key, iv, aad, tag.Length);
        var input = new byte[ciphertext.Length + tag.Length];
        Buffer.BlockCopy(ciphertext, 0, input, 0, ciphertext.Length);
        Buffer.BlockCopy(tag, 0, input, ciphertext.Length, tag.Length);

        var output = new byte[cipher.GetOutputSize(input.Length)];
        try
        {
            int length = cipher.ProcessBytes(input, 0, input.Length, output, 0);
            length += cipher.DoFinal(output, length);
            if (length != output.Length)
            {
                Array.Resize(ref output, length);
            }

            return output;
        }
        catch (InvalidCipherTextException e)
        {
            Array.Clear(output, 0, output.Length);
            throw new CryptographicException("The authentication tag does not match.", e);
        }
    }

    private static GcmBlockCipher Create(bool forEncryption, byte[] key, byte[] iv, byte[] aad, int tagLength)
    {
        var cipher = new GcmBlockCipher(new AesEngine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key), tagLength * 8, iv, aad));
        return cipher;
    }
}
