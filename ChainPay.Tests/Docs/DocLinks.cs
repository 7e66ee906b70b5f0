using System.Text;

namespace ChainPay.Tests.Docs;

/// <summary>Checks the relative links of a docs page: the file exists and, for <c>page.md#anchor</c>, the heading does.</summary>
internal static class DocLinks
{
    private static readonly System.Text.RegularExpressions.Regex Link = new(@"\]\((?<target>[^)\s]+)\)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The links of <paramref name="page"/> (outside code fences) that lead nowhere.</summary>
    public static IEnumerable<string> Broken(string page)
    {
        var path = Path.Combine(DocBlock.RepoRoot, page);
        foreach (var target in Link.Matches(WithoutFences(File.ReadAllText(path))).Select(m => m.Groups["target"].Value))
        {
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target.Substring(0, hash);
            var anchor = hash < 0 ? null : target.Substring(hash + 1);
            var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                yield return target;
            }
            else if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(resolved)).Contains(anchor))
            {
                yield return target;
            }
        }
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to <c>-</c>.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        WithoutFences(markdown).Split('\n')
            .Where(l => l.StartsWith('#'))
            .Select(l => new string(l.TrimStart('#').Trim().ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c == ' ' || c == '-' || c == '_').ToArray()).Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    private static string WithoutFences(string markdown)
    {
        var sb = new StringBuilder();
        var inFence = false;
        foreach (var line in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }
}
