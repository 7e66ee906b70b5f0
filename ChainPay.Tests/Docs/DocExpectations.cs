using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChainPay.Tests.Docs;

/// <summary>
/// The expectations of a docs block and their check. The convention (docs/README.md, "How the docs are tested"): a
/// trailing comment on a <c>Console.WriteLine(…);</c> statement is what that statement prints. It starts with the printed
/// text, where <c>…</c> stands for any text (nonces, timestamps, signatures, long messages); a note may follow after
/// <c>: </c>, <c>; </c>, <c>, </c> or <c> (</c>. A statement that runs several times (a loop) must print a match each
/// time, or, when its comment lists one expectation per run separated by <c> / </c>, the matching one; a statement that
/// never runs fails the block. A <c>Console.WriteLine(…);</c> without a trailing comment but directly followed by
/// whole-line <c>//</c> comments expects those lines, in order, from all its runs together (lines compared trimmed).
/// </summary>
internal static class DocExpectations
{
    /// <summary>What may separate the printed text from a note after it, in an expectation comment.</summary>
    public static readonly IReadOnlyList<string> NoteSeparators = new[] { ": ", "; ", ", ", " (" };

    /// <summary>Separates the expectations of the successive runs of a statement (in a loop).</summary>
    public const string RunSeparator = " / ";

    private const string Output = "global::ChainPay.Tests.Docs.DocOutput";

    /// <summary>
    /// Finds the expectations of <paramref name="code"/> and wraps each of their statements in
    /// <c>{ DocOutput.Begin(n); …; DocOutput.End(n); }</c> on the same line, so the lines of errors do not move.
    /// </summary>
    public static (string Code, IReadOnlyList<Expectation> Expectations) Instrument(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var lines = code.Split('\n');
        var found = new Dictionary<ExpressionStatementSyntax, Expectation>();
        foreach (var statement in root.DescendantNodes().OfType<ExpressionStatementSyntax>().Where(IsConsoleWriteLine))
        {
            var span = statement.GetLocation().GetLineSpan();
            if (TrailingComment(statement) is { } comment)
            {
                found.Add(statement, new Expectation(found.Count, span.StartLinePosition.Line + 1, comment));
            }
            else if (CommentLinesAfter(lines, span.EndLinePosition.Line) is { Count: > 0 } printedLines)
            {
                found.Add(statement, new Expectation(found.Count, span.StartLinePosition.Line + 1, string.Join(" ⏎ ", printedLines), printedLines));
            }
        }

        var rewritten = root.ReplaceNodes(found.Keys, (original, _) =>
        {
            var n = found[original].Index;
            var block = SyntaxFactory.ParseStatement($"{{ {Output}.Begin({n}); {original.WithoutTrivia().ToFullString()} {Output}.End({n}); }}");
            return block.WithLeadingTrivia(original.GetLeadingTrivia()).WithTrailingTrivia(original.GetTrailingTrivia());
        });
        return (rewritten.ToFullString(), found.Values.OrderBy(e => e.Index).ToList());
    }

    /// <summary>The failures, each with its line in the block: each expectation against what its statement printed, each time it ran.</summary>
    public static IEnumerable<(int Line, string Problem)> Check(IReadOnlyList<Expectation> expectations, IReadOnlyList<DocOutput.Printed> printed)
    {
        foreach (var expectation in expectations)
        {
            var runs = printed.Where(p => p.Index == expectation.Index).ToList();
            if (runs.Count == 0)
            {
                yield return (expectation.Line, $"never ran, but its comment says it prints `{expectation.Text}`");
            }

            if (expectation.Lines is { } lines)
            {
                // The comment lines under the statement are its printed lines, all its runs together, in order.
                var all = string.Concat(runs.Select(r => r.Text)).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
                if (runs.Count > 0 && !LinesPattern(lines).IsMatch(all))
                {
                    yield return (expectation.Line, $"printed `{all.Replace("\n", " ⏎ ", StringComparison.Ordinal)}`, but the comment lines under it say `{expectation.Text}`");
                }

                continue;
            }

            // A statement that runs several times may give each run its own expectation, separated by " / ".
            var parts = expectation.Text.Split(new[] { RunSeparator }, StringSplitOptions.None);
            for (var i = 0; i < runs.Count; i++)
            {
                var expected = runs.Count > 1 && parts.Length == runs.Count ? parts[i] : expectation.Text;
                if (!Matches(expected, runs[i].Text))
                {
                    yield return (expectation.Line, $"printed `{runs[i].Text.TrimEnd('\n')}`, but its comment says `{expected}`");
                }
            }
        }
    }

    /// <summary>Whether <paramref name="printed"/> is what <paramref name="comment"/> says, by the convention above.</summary>
    public static bool Matches(string comment, string printed)
    {
        var text = printed.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n', ' ');
        return Heads(comment).Any(head => Pattern(head).IsMatch(text));
    }

    /// <summary>The comment, and each start of it that a note follows (a bare <c>…</c> before a note would match anything).</summary>
    private static IEnumerable<string> Heads(string comment)
    {
        yield return comment;
        for (var end = comment.Length - 1; end > 0; end--)
        {
            var head = comment.Substring(0, end);
            if (NoteSeparators.Any(s => string.CompareOrdinal(comment, end, s, 0, s.Length) == 0) && head.Any(c => c != '…' && !char.IsWhiteSpace(c)))
            {
                yield return head;
            }
        }
    }

    private static Regex Pattern(string expected) => new("^" + Body(expected) + "$", RegexOptions.CultureInvariant);

    /// <summary>Expected lines, each trimmed and possibly with a note, <c>…</c> spanning lines too.</summary>
    private static Regex LinesPattern(IEnumerable<string> lines) =>
        new("^" + string.Join(@"[ \t]*\n[ \t]*", lines.Select(l => "(?:" + string.Join("|", Heads(l.Trim()).Select(Body)) + ")")) + "$", RegexOptions.CultureInvariant);

    private static string Body(string expected) => string.Join("(?s:.*?)", expected.Split('…').Select(Regex.Escape));

    private static bool IsConsoleWriteLine(ExpressionStatementSyntax statement) =>
        statement.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
        && access.Name.Identifier.Text == "WriteLine"
        && access.Expression.ToString() is "Console" or "System.Console" or "global::System.Console";

    /// <summary>The texts of the whole-line <c>//</c> comments right under line <paramref name="end"/> (0-based).</summary>
    private static List<string> CommentLinesAfter(string[] lines, int end) =>
        lines.Skip(end + 1).Select(l => l.Trim()).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)).Select(l => l.Substring(2).Trim()).ToList();

    /// <summary>The text of the <c>//</c> comment on the statement's last line, after the statement.</summary>
    private static string? TrailingComment(ExpressionStatementSyntax statement)
    {
        foreach (var trivia in statement.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return null;
            }

            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                return trivia.ToString().Substring(2).Trim();
            }
        }

        return null;
    }
}

/// <summary>A <c>Console.WriteLine(…); // expected</c> line of a block.</summary>
/// <param name="Index">Its number in the block, from 0.</param>
/// <param name="Line">Its 1-based line in the block.</param>
/// <param name="Text">The comment, without <c>//</c>.</param>
/// <param name="Lines">For expected lines written as whole-line comments under the statement: those lines.</param>
internal sealed record Expectation(int Index, int Line, string Text, IReadOnlyList<string>? Lines = null);
