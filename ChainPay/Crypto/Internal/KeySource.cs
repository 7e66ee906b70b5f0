using System.Text;

namespace ChainPay.Crypto.Internal;

/// <summary>
/// Where the text of a key string comes from: the string itself, or the file it names — <c>file://</c> plus a path, or
/// a bare absolute path (<c>/etc/wechatpay/apiclient_key.pem</c>, <c>C:\keys\apiclient_key.pem</c>,
/// <c>\\server\share\key.pem</c>). File failures are <see cref="KeyProblem"/>s that name the path, never the content.
/// </summary>
internal static class KeySource
{
    private const int MaxPathLength = 4096;

    private static readonly string[] KeyFileExtensions = { ".pem", ".key", ".crt", ".cer", ".der", ".p12", ".pfx", ".txt", ".pub" };

    /// <summary>The path a key string names, or null when the string is the key text itself.</summary>
    public static string? PathOf(string text)
    {
        if (text.StartsWith(CertificateReader.FileScheme, StringComparison.Ordinal))
        {
            string path = CertificateReader.StripFileScheme(text);

            // file:///C:/keys/a.pem names C:/keys/a.pem on Windows.
            bool windowsDrive = Path.DirectorySeparatorChar == '\\' && path.Length >= 3 && path[0] == '/' && IsAsciiLetter(path[1]) && path[2] == ':';
            return windowsDrive ? path.Substring(1) : path;
        }

        return IsBareAbsolutePath(text) ? text : null;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is one line that is an absolute path on some platform: rooted in <c>/</c>, a drive
    /// (<c>C:\</c> or <c>C:/</c>) or a UNC share. Recognised on every platform, so a Windows path on Linux is reported
    /// as a missing file rather than as "not a key".
    /// </summary>
    public static bool IsBareAbsolutePath(string text)
    {
        if (!IsOneLine(text) || text.Length < 2)
        {
            return false;
        }

        bool drive = text.Length >= 3 && IsAsciiLetter(text[0]) && text[1] == ':' && (text[2] == '\\' || text[2] == '/');
        return drive || text[0] == '/' || text.StartsWith("\\\\", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="text"/> looks like a relative file path: one line that starts with <c>./</c>,
    /// <c>../</c> or <c>~/</c> (or their <c>\</c> forms), or ends in a key file extension such as <c>.pem</c> or
    /// <c>.p12</c>. Neither form can be base64, so echoing it never echoes key material.
    /// </summary>
    public static bool IsRelativePath(string text)
    {
        if (!IsOneLine(text) || text.Length == 0 || IsBareAbsolutePath(text))
        {
            return false;
        }

        foreach (string prefix in new[] { "./", "../", ".\\", "..\\", "~/", "~\\" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (string extension in KeyFileExtensions)
        {
            if (text.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the key file at <paramref name="path"/> as text (BOM-aware UTF-8, like <see cref="File.ReadAllText(string)"/>).</summary>
    /// <exception cref="KeyProblem">No such file, a directory, unreadable, empty, or binary (DER, PKCS#12).</exception>
    public static string Read(string path, KeyExpectation want)
    {
        if (path.Length == 0)
        {
            throw new KeyProblem("Found `file://` without a path.");
        }

        if (Directory.Exists(path))
        {
            throw new KeyProblem($"Found a directory at `{path}`, not a key file.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyProblem($"The file `{path}` does not exist.", null, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KeyProblem($"The file `{path}` cannot be read: permission denied.", null, e);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            throw new KeyProblem($"The file `{path}` cannot be read ({e.GetType().Name}).", null, e);
        }

        if (bytes.Length == 0)
        {
            throw new KeyProblem($"The file `{path}` is empty.");
        }

        if (KeyDiagnosis.IsDer(bytes))
        {
            var (found, hint) = KeyDiagnosis.OfDer(bytes, want, "binary DER ");
            throw new KeyProblem($"Found {found} in the file `{path}`.", hint);
        }

        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static bool IsOneLine(string text) =>
        text.Length <= MaxPathLength && text.IndexOf('\n') < 0 && text.IndexOf('\r') < 0
        && text.IndexOf("-----", StringComparison.Ordinal) < 0 && text.IndexOf("://", StringComparison.Ordinal) < 0;

    private static bool IsAsciiLetter(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z';
}
