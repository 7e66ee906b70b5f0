namespace ChainPay.Testing.Internal;

/// <summary>
/// The most recent <see cref="Capacity"/> records, oldest first: what a sandbox keeps of its events and delivery
/// attempts, so that one left running (<c>chainpay sandbox</c>, a load test) does not grow without end. Not
/// thread-safe: its owner locks around it.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
internal sealed class RecentRecords<T>
{
    /// <summary>How many records a sandbox keeps of each kind.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Queue<T> records = new();

    /// <summary>Creates an empty log that keeps the last <paramref name="capacity"/> records.</summary>
    /// <param name="capacity">At least 1.</param>
    public RecentRecords(int capacity = DefaultCapacity) =>
        Capacity = capacity >= 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "At least one record is kept.");

    /// <summary>How many records are kept.</summary>
    public int Capacity { get; }

    /// <summary>The records kept.</summary>
    public int Count => records.Count;

    /// <summary>Adds <paramref name="record"/>, dropping the oldest one when <see cref="Capacity"/> are kept already.</summary>
    public void Add(T record)
    {
        if (records.Count == Capacity)
        {
            records.Dequeue();
        }

        records.Enqueue(record);
    }

    /// <summary>A copy of the records, oldest first.</summary>
    public T[] ToArray() => records.ToArray();
}
