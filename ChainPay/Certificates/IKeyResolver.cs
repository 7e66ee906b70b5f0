using System.Security.Cryptography;

namespace ChainPay.Certificates;

/// <summary>Finds a platform key the verifier does not know yet (a rotated certificate).</summary>
internal interface IKeyResolver
{
    /// <summary>The key for <paramref name="serial"/>, or <c>null</c>; <paramref name="path"/> and <paramref name="body"/> are the answer being verified.</summary>
    Task<RSA?> ResolveAsync(string serial, string path, byte[] body);
}
