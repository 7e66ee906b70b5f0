using System.Diagnostics;
using System.Reflection;

namespace Benchmarks;

/// <summary>
/// A loopback <c>SandboxServer</c> in a process of its own (the ColdStart app's <c>serve</c> mode), so that the
/// benchmark process's CPU time is the client's alone. <see cref="Fields"/> is the line it printed: base URI,
/// merchant id, serial, merchant private key PEM, platform key id, platform public key PEM (PEM line breaks as <c>|</c>).
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    private readonly Process process;

    private SandboxProcess(Process process, string line)
    {
        this.process = process;
        Line = line;
        Fields = line.Split('\t');
        KeysFile = Path.Combine(Path.GetTempPath(), $"chainpay-coldstart-{Environment.ProcessId}.txt");
        File.WriteAllText(KeysFile, line);
    }

    /// <summary>The folder of the built ColdStart app.</summary>
    public static string AppDirectory { get; } = typeof(SandboxProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ColdStartDirectory").Value!;

    /// <summary>The ColdStart project, for <see cref="PublishNativeAot"/>.</summary>
    public static string AppProject { get; } = typeof(SandboxProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ColdStartProject").Value!;

    public string Line { get; }

    public string[] Fields { get; }

    public string BaseUri => Fields[0];

    /// <summary>A file holding <see cref="Line"/>, for <c>ColdStart call FILE N</c>.</summary>
    public string KeysFile { get; }

    /// <summary>Starts the server process and waits for its line.</summary>
    public static SandboxProcess Start()
    {
        var process = Process.Start(App("serve", redirectInput: true)) ?? throw new InvalidOperationException("The sandbox process did not start.");
        var line = process.StandardOutput.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw new InvalidOperationException("The sandbox process printed nothing: " + process.StandardError.ReadToEnd());
        }

        return new SandboxProcess(process, line);
    }

    /// <summary>
    /// Publishes the ColdStart app with NativeAOT for this machine's runtime (<c>-p:ColdStartAot=true</c>) beside its
    /// build and returns the folder; throws with the publish's output when it fails.
    /// </summary>
    public static string PublishNativeAot()
    {
        var output = Path.Combine(AppDirectory, "nativeaot");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", AppProject, "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-p:ColdStartAot=true", "-o", output })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"The NativeAOT publish of the ColdStart app failed ({process.ExitCode}): {error.Result}{text}");
    }

    /// <summary>The start info of the ColdStart app with <paramref name="arguments"/> (its apphost, as an application starts).</summary>
    public static ProcessStartInfo App(string arguments, bool redirectInput = false, string? directory = null)
    {
        var dir = directory ?? AppDirectory;
        var host = Path.Combine(dir, "ColdStart");
        var info = File.Exists(host) ? new ProcessStartInfo(host, arguments) : new ProcessStartInfo("dotnet", $"\"{Path.Combine(dir, "ColdStart.dll")}\" {arguments}");
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = redirectInput;
        info.UseShellExecute = false;
        return info;
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
            }
        }
        finally
        {
            process.Dispose();
            File.Delete(KeysFile);
        }
    }
}
