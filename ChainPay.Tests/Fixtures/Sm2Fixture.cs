using System.Diagnostics;
using System.Text;
using ChainPay.Crypto;

namespace ChainPay.Tests.Fixtures;

/// <summary>The SM2 test keys loaded through <see cref="Sm2"/>, PEM bodies as DER, and an openssl runner for the SM2 cross-checks.</summary>
internal static class Sm2Fixture
{
    public static Sm2PrivateKey FixturePrivate => Sm2.PrivateKeyFrom(Sm2TestKeys.Pkcs8PrivateKey);

    public static Sm2PublicKey FixturePublic => Sm2.PublicKeyFrom(Sm2TestKeys.SpkiPublicKey);

    public static byte[] Der(string pem)
    {
        var lines = pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
        return Convert.FromBase64String(string.Concat(lines));
    }

    /// <summary>A temporary directory, or <see cref="OpenSsl.Unavailable"/> when no openssl with SM2/SM3 is on the PATH.</summary>
    public static string OpensslWorkspace()
    {
        var (code, output) = Openssl(Path.GetTempPath(), "list -public-key-algorithms");
        if (code != 0 || output.IndexOf("sm2", StringComparison.OrdinalIgnoreCase) < 0)
        {
            OpenSsl.Unavailable("openssl 3 with SM2 support is not available: " + output);
        }

        string dir = Path.Combine(Path.GetTempPath(), "chainpay-openssl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static (int Code, string Output) Openssl(string workingDirectory, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("openssl", arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
