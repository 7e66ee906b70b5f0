using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ChainPay.Pkcs11;
using ChainPay.Pkcs11.Internal;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using ChainPay.Testing;

namespace ChainPay.Tests.Fixtures;

/// <summary>
/// A real SoftHSM2 token for the whole test process: a temporary token directory and <c>softhsm2.conf</c>, the token
/// <see cref="TokenLabel"/> initialised with <c>softhsm2-util</c>, and in it the sandbox merchant's RSA key
/// (<see cref="MerchantKeyLabel"/>), the spec's test key which is NOT the sandbox merchant's (<see cref="OtherKeyLabel"/>),
/// an EC key (<see cref="EcKeyLabel"/>) and an RSA key without <c>CKA_SIGN</c> (<see cref="NoSignKeyLabel"/>). Deleted
/// when the process exits.
/// </summary>
/// <remarks>
/// One per process because the in-process <c>libsofthsm2</c> reads <c>SOFTHSM2_CONF</c> with the native
/// <c>getenv</c> when it is initialised, and <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not
/// change the native environment on Linux: the fixture calls libc's <c>setenv</c> before any test loads the library.
/// Without softhsm2 a test is ignored on a developer's machine and FAILS in CI (<c>CI=true</c>), whose
/// <c>eng/install-services.sh</c> installs it.
/// </remarks>
internal sealed class SoftHsmToken
{
    public const string TokenLabel = "chainpay";
    public const string Pin = "pin-1234-secret";
    public const string SoPin = "so-5678-secret";
    public const string MerchantKeyLabel = "merchant";
    public const string MerchantKeyId = "01";
    public const string OtherKeyLabel = "not-merchant";
    public const string OtherKeyId = "02";
    public const string EcKeyLabel = "ec-key";
    public const string NoSignKeyLabel = "no-sign";

    /// <summary>The environment variables the hsm.md blocks read their configuration from (as a deployment would).</summary>
    public const string LibraryVariable = "PKCS11_LIBRARY", PinVariable = "PKCS11_PIN";

    private static readonly string[] LibraryCandidates =
    {
        "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so",
    };

    private static readonly Lazy<SoftHsmToken> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private SoftHsmToken(string directory, string libraryPath, string configPath)
    {
        Directory = directory;
        LibraryPath = libraryPath;
        ConfigPath = configPath;
    }

    /// <summary>The process's token (made on first use); ignores the test, or fails it in CI, without softhsm2.</summary>
    public static SoftHsmToken Shared => Instance.Value;

    /// <summary>The temporary folder holding the configuration and the token.</summary>
    public string Directory { get; }

    /// <summary>The SoftHSM2 PKCS#11 module.</summary>
    public string LibraryPath { get; }

    /// <summary>The <c>softhsm2.conf</c> the process's <c>SOFTHSM2_CONF</c> names.</summary>
    public string ConfigPath { get; }

    /// <summary>The sandbox's built-in merchant key (every <see cref="WeChatPaySandbox"/> of the process has the same one).</summary>
    public static RSA MerchantKey => new WeChatPaySandbox().Merchant.PrivateKey;

    /// <summary>Options for the key labelled <paramref name="keyLabel"/> on the token.</summary>
    public Pkcs11SignerOptions Options(string keyLabel = MerchantKeyLabel) => new()
    {
        LibraryPath = LibraryPath,
        TokenLabel = TokenLabel,
        Pin = Pin,
        KeyLabel = keyLabel,
    };

    /// <summary>Ignores the test, or fails it in CI, because softhsm2 is missing.</summary>
    public static void Unavailable(string reason)
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        if (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1")
        {
            Assert.Fail(reason + " CI must run the PKCS#11 tests: eng/install-services.sh installs softhsm2.");
        }

        Assert.Ignore(reason + " Install it: apt-get install softhsm2 (or bash eng/install-services.sh).");
    }

    private static SoftHsmToken Create()
    {
        var util = FindOnPath("softhsm2-util");
        var library = Environment.GetEnvironmentVariable("SOFTHSM2_LIB") is { Length: > 0 } configured ? configured : LibraryCandidates.FirstOrDefault(File.Exists);
        if (util is null || library is null || !File.Exists(library))
        {
            Unavailable($"SoftHSM2 is not installed (softhsm2-util: {util ?? "not on PATH"}, libsofthsm2.so: {library ?? "not found"}).");
        }

        var directory = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chainpay-softhsm-" + Guid.NewGuid().ToString("N"))).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(directory);
        var tokens = System.IO.Directory.CreateDirectory(Path.Combine(directory, "tokens")).FullName;
        var config = Path.Combine(directory, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        SetNativeEnvironment("SOFTHSM2_CONF", config);
        var token = new SoftHsmToken(directory, library!, config);
        token.Run(util!, "--init-token", "--free", "--label", TokenLabel, "--so-pin", SoPin, "--pin", Pin);
        token.Import(util!, MerchantKey.ExportPkcs8PrivateKeyPem(), MerchantKeyLabel, MerchantKeyId);
        token.Import(util!, TestKeys.Pkcs8PrivateKey, OtherKeyLabel, OtherKeyId);
        using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            token.Import(util!, ec.ExportPkcs8PrivateKeyPem(), EcKeyLabel, "03");
        }

        token.Import(util!, TestKeys.Pkcs8PrivateKey, NoSignKeyLabel, "04");
        token.ClearSign(NoSignKeyLabel);
        Environment.SetEnvironmentVariable(LibraryVariable, library);
        Environment.SetEnvironmentVariable(PinVariable, Pin);
        return token;
    }

    private void Import(string util, string pkcs8Pem, string label, string id)
    {
        var file = Path.Combine(Directory, label + ".pem");
        File.WriteAllText(file, pkcs8Pem + "\n");
        try
        {
            Run(util, "--import", file, "--token", TokenLabel, "--label", label, "--id", id, "--pin", Pin);
        }
        finally
        {
            File.Delete(file); // the key lives in the token now
        }
    }

    /// <summary>Sets <c>CKA_SIGN</c> false on the key labelled <paramref name="label"/> (softhsm2-util imports with it true).</summary>
    private void ClearSign(string label)
    {
        var shared = SharedLibrary.Acquire(LibraryPath);
        try
        {
            var slot = shared.Library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.Trim() == TokenLabel);
            using var session = slot.OpenSession(SessionType.ReadWrite);
            session.Login(CKU.CKU_USER, Pin);
            var attributes = SharedLibrary.Factories.ObjectAttributeFactory;
            var key = session.FindAllObjects(new List<IObjectAttribute> { attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), attributes.Create(CKA.CKA_LABEL, label) }).Single();
            session.SetAttributeValue(key, new List<IObjectAttribute> { attributes.Create(CKA.CKA_SIGN, false) });
            session.Logout();
        }
        finally
        {
            shared.Release();
        }
    }

    private void Run(string util, params string[] arguments)
    {
        var start = new ProcessStartInfo(util) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SOFTHSM2_CONF"] = ConfigPath;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(60_000), Is.True, "softhsm2-util timed out");
        Assert.That(process.ExitCode, Is.Zero, $"softhsm2-util {arguments[0]} failed: {stdout}{stderr.Result}");
    }

    private static void SetNativeEnvironment(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value); // child processes and managed readers
        if (!OperatingSystem.IsWindows() && NativeMethods.setenv(name, value, 1) != 0)
        {
            Assert.Fail($"setenv({name}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static void DeleteQuietly(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort at exit.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort at exit.
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int setenv(string name, string value, int overwrite);
    }
}
