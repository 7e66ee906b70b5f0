using System.Security.Cryptography;

namespace ChainPay.Testing;

/// <summary>A merchant the sandbox knows: its id, API certificate serial and key pair (made by the sandbox).</summary>
public sealed class SandboxMerchant
{
    internal SandboxMerchant(string mchid, string serial, RSA privateKey)
    {
        Mchid = mchid;
        Serial = serial;
        PrivateKey = privateKey;
    }

    /// <summary>The merchant id.</summary>
    public string Mchid { get; }

    /// <summary>The merchant API certificate serial the sandbox expects in <c>serial_no</c>.</summary>
    public string Serial { get; }

    /// <summary>The merchant's private key, to sign requests with (a test key made for this sandbox).</summary>
    public RSA PrivateKey { get; }

    /// <summary>The merchant id and serial; never the key.</summary>
    public override string ToString() => $"SandboxMerchant {{ Mchid = {Mchid}, Serial = {Serial} }}";
}
