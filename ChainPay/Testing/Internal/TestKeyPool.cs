using System.Security.Cryptography;

namespace ChainPay.Testing.Internal;

/// <summary>RSA-2048 test keys made once per process and shared by sandboxes (making one takes tens of milliseconds).</summary>
internal static class TestKeyPool
{
    private static readonly List<RSA> Keys = new();

    /// <summary>The <paramref name="index"/>-th key of this process, made on first use.</summary>
    public static RSA Get(int index)
    {
        lock (Keys)
        {
            while (Keys.Count <= index)
            {
                var key = RSA.Create();
                key.KeySize = 2048;
                key.ExportParameters(false); // forces generation now, not on first use under contention
                Keys.Add(key);
            }

            return Keys[index];
        }
    }

    /// <summary>A public-only copy of <paramref name="key"/>.</summary>
    public static RSA PublicOf(RSA key)
    {
        var copy = RSA.Create();
        copy.ImportParameters(key.ExportParameters(false));
        return copy;
    }
}
