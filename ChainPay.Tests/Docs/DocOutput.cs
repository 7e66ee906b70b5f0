using System.Text;

namespace ChainPay.Tests.Docs;

/// <summary>
/// Captures what a docs block prints. Blocks call <see cref="Begin"/> and <see cref="End"/> around each statement
/// that carries an expectation (the test inserts them, see <see cref="DocExpectations"/>); the recording is per
/// asynchronous flow, so output of anything else running meanwhile is not mixed in.
/// </summary>
public static class DocOutput
{
    private static readonly AsyncLocal<Recording?> Current = new();

    /// <summary>Marks the start of statement <paramref name="index"/>'s output.</summary>
    /// <param name="index">The statement's number in its block.</param>
    public static void Begin(int index)
    {
        if (Current.Value is { } recording)
        {
            lock (recording)
            {
                recording.Starts[index] = recording.Text.Length;
            }
        }
    }

    /// <summary>Marks the end of statement <paramref name="index"/>'s output and records it.</summary>
    /// <param name="index">The statement's number in its block.</param>
    public static void End(int index)
    {
        if (Current.Value is { } recording)
        {
            lock (recording)
            {
                var start = recording.Starts[index];
                recording.Statements.Add(new Printed(index, recording.Text.ToString(start, recording.Text.Length - start)));
            }
        }
    }

    /// <summary>Records this flow's console output until disposed; <c>Console.Out</c> is restored then.</summary>
    internal static Recording Record()
    {
        var recording = new Recording(Console.Out);
        Console.SetOut(new Writer(recording.Previous));
        Current.Value = recording;
        return recording;
    }

    /// <summary>What statement <paramref name="Index"/> printed, one run of it.</summary>
    /// <param name="Index">The statement's number in its block.</param>
    /// <param name="Text">What it printed.</param>
    public sealed record Printed(int Index, string Text);

    /// <summary>One block's output: all of it, and per expectation statement.</summary>
    internal sealed class Recording(TextWriter previous) : IDisposable
    {
        public TextWriter Previous { get; } = previous;

        public StringBuilder Text { get; } = new();

        public Dictionary<int, int> Starts { get; } = new();

        public List<Printed> Statements { get; } = new();

        public void Dispose()
        {
            Current.Value = null;
            Console.SetOut(Previous);
        }
    }

    /// <summary>Writes to the recording of the flow writing, or else where <c>Console.Out</c> wrote before.</summary>
    private sealed class Writer(TextWriter previous) : TextWriter
    {
        public override Encoding Encoding => previous.Encoding;

        public override void Write(char value)
        {
            if (Current.Value is { } recording)
            {
                lock (recording)
                {
                    recording.Text.Append(value);
                }
            }
            else
            {
                previous.Write(value);
            }
        }

        public override void Write(string? value)
        {
            if (Current.Value is { } recording)
            {
                lock (recording)
                {
                    recording.Text.Append(value);
                }
            }
            else
            {
                previous.Write(value);
            }
        }
    }
}
