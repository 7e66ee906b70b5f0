using System.Collections.Immutable;
using System.Text;
using ChainPay.Testing;
using Flurl.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace ChainPay.Tests.Docs;

/// <summary>
/// Runs every <c>```csharp</c> block of <c>docs/**/*.md</c> as a C# script against a fresh in-memory
/// <see cref="WeChatPaySandbox"/>, so that the documentation cannot drift from the code.
/// </summary>
[NonParallelizable]
public class DocsTests
{
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(60);

    /// <summary>One test case per <c>```csharp</c> block, named <c>docs/page.md:line</c>.</summary>
    public static IEnumerable<TestCaseData> Blocks() =>
        DocBlock.All().Select(b => new TestCaseData(b.File, b.Line, b.Code).SetName(b.File + ":" + b.Line));

    /// <summary>Every Markdown page under <c>docs/</c>.</summary>
    public static IEnumerable<TestCaseData> Pages() =>
        DocBlock.Pages().Select(p => new TestCaseData(p).SetName("page " + p));

    [Test]
    public void Docs_AreFound()
    {
        Assert.That(DocBlock.Pages().Count(), Is.GreaterThanOrEqualTo(10), $"no docs under {DocBlock.RepoRoot}");
    }

    /// <summary>A page that carries this line has no C# on purpose (e.g. benchmark results, whose code is a project of its own).</summary>
    public const string NoCSharpMarker = "<!-- docs-test: no csharp blocks -->";

    [TestCaseSource(nameof(Pages))]
    public void Page_HasAtLeastOneCSharpBlock(string page)
    {
        if (File.ReadAllText(Path.Combine(DocBlock.RepoRoot, page)).Contains(NoCSharpMarker, StringComparison.Ordinal))
        {
            Assert.That(DocBlock.All().Count(b => b.File == page), Is.Zero, $"{page} says it has no ```csharp block");
            return;
        }

        Assert.That(DocBlock.All().Count(b => b.File == page), Is.GreaterThan(0), $"{page} has no ```csharp block");
    }

    [TestCaseSource(nameof(Pages))]
    public void Page_RelativeLinksResolve(string page)
    {
        var broken = DocLinks.Broken(page).ToList();
        Assert.That(broken, Is.Empty, $"{page} has broken links");
    }

    /// <summary>
    /// Compiles and runs the block, and compares what it prints with its expectation comments: a trailing comment on a
    /// <c>Console.WriteLine(…);</c> line is what that line prints, <c>…</c> standing for any text, a note allowed after
    /// <c>: </c>, <c>; </c>, <c>, </c> or <c> (</c> (see <see cref="DocExpectations"/> and docs/README.md).
    /// </summary>
    [TestCaseSource(nameof(Blocks))]
    public async Task Block_CompilesAndRuns(string file, int line, string code)
    {
        var failures = await RunAsync(file, line, code);
        Assert.That(failures, Is.Empty, $"{file}:{line} does not print what its comments say");
    }

    /// <summary>
    /// Runs a block (failing the test if it does not compile or finish, rethrowing what it throws) and returns the
    /// expectations it did not meet, as <c>page:line: problem</c>.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> RunAsync(string file, int line, string code)
    {
        var (instrumented, expectations) = DocExpectations.Instrument(code);
        var script = CSharpScript.Create(instrumented, ScriptSetup.Options.Value.WithFilePath(file), typeof(DocsGlobals));
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            Assert.Fail($"{file}:{line} does not compile:\n" + string.Join("\n", errors.Select(e => Describe(e, file, line))));
        }

        var keyDir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chainpay-docs-" + Guid.NewGuid().ToString("N"))).FullName;
        var previousDirectory = Environment.CurrentDirectory;
        var recording = DocOutput.Record(); // this flow's console output, the block's included
        try
        {
            var globals = new DocsGlobals(new WeChatPaySandbox(), keyDir);
            Environment.CurrentDirectory = keyDir;
            var run = Task.Run(() => script.RunAsync(globals));
            if (await Task.WhenAny(run, Task.Delay(BlockTimeout)) != run)
            {
                Assert.Fail($"{file}:{line} did not finish within {BlockTimeout.TotalSeconds} s");
            }

            await run; // rethrows what the block threw
        }
        finally
        {
            recording.Dispose();
            TestContext.Out.Write(recording.Text.ToString());
            Environment.CurrentDirectory = previousDirectory;
            Directory.Delete(keyDir, recursive: true);
        }

        return DocExpectations.Check(expectations, recording.Statements).Select(f => $"{file}:{line + f.Line}: {f.Problem}").ToList();
    }

    private static string Describe(Diagnostic d, string file, int line)
    {
        var at = d.Location.GetLineSpan().StartLinePosition;
        return $"  {file}:{line + 1 + at.Line}:{at.Character + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

/// <summary>
/// What a docs block sees: a fresh sandbox, options for it, an instance built from them, the same instance as
/// <c>dynamic</c>, and the folder (also the working directory) holding the sandbox merchant's
/// <c>apiclient_key.pem</c> and the platform's <c>pub_key.pem</c>.
/// </summary>
#pragma warning disable IDE1006, CA1708 // the names are the ones the docs use: lower case, like wechatpay-php's $instance
public sealed class DocsGlobals
{
    internal DocsGlobals(WeChatPaySandbox sandbox, string keyDir)
    {
        this.sandbox = sandbox;
        this.keyDir = keyDir;
        File.WriteAllText(Path.Combine(keyDir, "apiclient_key.pem"), sandbox.Merchant.PrivateKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(Path.Combine(keyDir, "pub_key.pem"), sandbox.PlatformPublicKey.ExportSubjectPublicKeyInfoPem() + "\n");
        options = sandbox.CreateOptions();
        instance = Builder.Factory(options);
        wxpay = instance;
    }

    /// <summary>The in-memory WeChat Pay this block talks to.</summary>
    public WeChatPaySandbox sandbox { get; }

    /// <summary><c>sandbox.CreateOptions()</c>: the sandbox merchant, its key, the platform key, an in-memory HttpClient.</summary>
    public BuilderOptions options { get; }

    /// <summary><c>Builder.Factory(options)</c>.</summary>
    public BuilderChain instance { get; }

    /// <summary>The same instance, as <c>dynamic</c>.</summary>
    public dynamic wxpay { get; }

    /// <summary>The block's working directory, holding <c>apiclient_key.pem</c> and <c>pub_key.pem</c>.</summary>
    public string keyDir { get; }
}
#pragma warning restore IDE1006, CA1708

/// <summary>A <c>```csharp</c> block of a docs page.</summary>
/// <param name="File">The page, relative to the repository root, with <c>/</c>.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Code">The block's text.</param>
public sealed record DocBlock(string File, int Line, string Code)
{
    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Lazy<IReadOnlyList<DocBlock>> Cache = new(Extract);

    /// <summary>The folder holding <c>ChainPay.sln</c>.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>Every docs page, relative to the repository root.</summary>
    public static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(Relative)
            .OrderBy(p => p, StringComparer.Ordinal);

    /// <summary>Every <c>```csharp</c> block of every page.</summary>
    public static IReadOnlyList<DocBlock> All() => Cache.Value;

    /// <summary>The <c>```csharp</c> blocks of Markdown text; other fences (<c>php</c>, <c>sh</c>, …) are skipped.</summary>
    public static IEnumerable<DocBlock> Parse(string file, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].TrimStart();
            var indent = lines[i].Length - open.Length;
            var fence = new string(open.TakeWhile(c => c == '`' || c == '~').ToArray());
            if (fence.Length < 3 || fence.Distinct().Count() != 1)
            {
                continue;
            }

            var info = open.Substring(fence.Length).Trim();
            var language = info.Split(' ', '{', '[')[0].ToLowerInvariant();
            var body = new StringBuilder();
            var start = i + 1;
            for (i++; i < lines.Length; i++)
            {
                var closing = lines[i].Trim();
                if (closing.Length >= fence.Length && closing.All(c => c == fence[0]))
                {
                    break;
                }

                var text = lines[i];
                var strip = Math.Min(indent, text.Length - text.TrimStart().Length);
                body.Append(text, strip, text.Length - strip).Append('\n');
            }

            if (language == "csharp")
            {
                yield return new DocBlock(file, start, body.ToString());
            }
        }
    }

    private static IReadOnlyList<DocBlock> Extract() =>
        Pages().SelectMany(p => Parse(p, System.IO.File.ReadAllText(Path.Combine(RepoRoot, p)))).ToList();

    private static string Relative(string path) => Path.GetRelativePath(RepoRoot, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ChainPay.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ChainPay.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>The one <see cref="ScriptOptions"/> all blocks compile with (references resolved once).</summary>
internal static class ScriptSetup
{
    /// <summary>
    /// The namespaces a block may use without <c>using</c>: .NET's implicit usings plus ChainPay's, Flurl's and
    /// Newtonsoft's (docs/README.md lists them).
    /// </summary>
    public static readonly ImmutableArray<string> Imports = ImmutableArray.Create(
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
        "ChainPay", "ChainPay.Crypto", "ChainPay.Util", "ChainPay.Testing", "Flurl.Http", "Newtonsoft.Json.Linq");

    public static readonly Lazy<ScriptOptions> Options = new(() => ScriptOptions.Default
        .WithReferences(References())
        .WithImports(Imports)
        .WithOptimizationLevel(OptimizationLevel.Debug)
        .WithAllowUnsafe(false));

    private static IEnumerable<MetadataReference> References()
    {
        // The framework (System.Runtime, System.Net.Http, Microsoft.CSharp for dynamic, …) from the running
        // runtime, plus the libraries the docs show.
        // ASP.NET Core's shared framework too (hosting.md's web apps; it also holds Microsoft.Extensions.Hosting & co.).
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var frameworks = new[] { typeof(object), typeof(Microsoft.AspNetCore.Builder.WebApplication) }.Select(t => Path.GetDirectoryName(t.Assembly.Location)!).ToList();
        var files = trusted.Where(p => frameworks.Contains(Path.GetDirectoryName(p)!, StringComparer.Ordinal))
            .Concat(new[] { typeof(Builder), typeof(IFlurlResponse), typeof(Newtonsoft.Json.Linq.JObject), typeof(Microsoft.Extensions.Logging.ILogger), typeof(DocsGlobals) }.Select(t => t.Assembly.Location))
            .Concat(new[] { "ChainPay.Extensions.*.dll", "ChainPay.AspNetCore.dll", "ChainPay.Pkcs11.dll", "ChainPay.Redis.dll", "StackExchange.Redis.dll", "Pipelines.Sockets.Unofficial.dll", "Microsoft.Extensions.*.dll", "Polly*.dll", "OpenTelemetry*.dll" }.SelectMany(p => Directory.GetFiles(AppContext.BaseDirectory, p))) // hosting.md
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase) // one copy of each assembly: the framework's first
            .Select(g => g.First());
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}
