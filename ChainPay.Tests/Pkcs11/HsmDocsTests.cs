using ChainPay.Tests.Docs;
using ChainPay.Tests.Fixtures;

namespace ChainPay.Tests.Pkcs11;

/// <summary>
/// Runs the <c>```c#</c> blocks of docs/hsm.md — the ones that need a token, which the docs test (no token) skips — the
/// way <see cref="DocsTests"/> runs every <c>```csharp</c> block, against the SoftHSM2 token of <see cref="SoftHsmToken"/>
/// (holding the sandbox merchant's key), with <c>PKCS11_LIBRARY</c> and <c>PKCS11_PIN</c> set.
/// </summary>
[NonParallelizable]
public class HsmDocsTests
{
    private const string Page = "docs/hsm.md";

    /// <summary>One case per <c>```c#</c> block of the page, named <c>docs/hsm.md:line</c>.</summary>
    public static IEnumerable<TestCaseData> Blocks()
    {
        var markdown = File.ReadAllText(Path.Combine(DocBlock.RepoRoot, Page));
        var runByDocsTests = DocBlock.Parse(Page, markdown).Select(b => b.Line).ToHashSet();
        return DocBlock.Parse(Page, markdown.Replace("```c#\n", "```csharp\n", StringComparison.Ordinal))
            .Where(b => !runByDocsTests.Contains(b.Line))
            .Select(b => new TestCaseData(b.Line, b.Code).SetName(Page + ":" + b.Line));
    }

    [Test]
    public void ThePage_HasBlocksForTheToken()
    {
        Assert.That(Blocks().Count(), Is.GreaterThanOrEqualTo(3), $"{Page} has no ```c# block");
    }

    [TestCaseSource(nameof(Blocks))]
    public async Task Block_CompilesAndRuns(int line, string code)
    {
        _ = SoftHsmToken.Shared; // the token, SOFTHSM2_CONF, PKCS11_LIBRARY and PKCS11_PIN

        var failures = await DocsTests.RunAsync(Page, line, code);

        Assert.That(failures, Is.Empty, $"{Page}:{line} does not print what its comments say");
    }
}
