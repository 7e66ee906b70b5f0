namespace ChainPay.Crypto.Internal;

/// <summary>
/// Wraps a PKCS#1 <c>RSAPublicKey</c> into an SPKI <c>SubjectPublicKeyInfo</c> (<see cref="Rsa.Pkcs1ToSpki"/>):
/// <c>SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING (0x00 || pkcs1) }</c>, with DER lengths.
/// </summary>
internal static class SpkiEncoder
{
    /// <summary><c>SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }</c>, DER.</summary>
    private static readonly byte[] RsaEncryptionAlgorithmIdentifier =
    {
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    };

    /// <summary>The SPKI DER of a PKCS#1 public key DER.</summary>
    public static byte[] FromPkcs1(byte[] pkcs1)
    {
        var bitString = new byte[pkcs1.Length + 1];
        Buffer.BlockCopy(pkcs1, 0, bitString, 1, pkcs1.Length);

        var inner = new List<byte>(RsaEncryptionAlgorithmIdentifier.Length + bitString.Length + 8);
        inner.AddRange(RsaEncryptionAlgorithmIdentifier);
        inner.Add(0x03);
        inner.AddRange(DerLength(bitString.Length));
        inner.AddRange(bitString);

        var outer = new List<byte>(inner.Count + 8) { 0x30 };
        outer.AddRange(DerLength(inner.Count));
        outer.AddRange(inner);
        return outer.ToArray();
    }

    private static byte[] DerLength(int length)
    {
        if (length <= 0x7F)
        {
            return new[] { (byte)length };
        }

        var bytes = new List<byte>(4);
        for (int value = length; value > 0; value >>= 8)
        {
            bytes.Insert(0, (byte)(value & 0xFF));
        }

        bytes.Insert(0, (byte)(0x80 | bytes.Count));
        return bytes.ToArray();
    }
}
