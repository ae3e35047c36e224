namespace Engagement.Sdk.Tests.Storage;

/// <summary>
/// The SQLite store (the embedded default, the reference) and an in-memory store of the same
/// interface, driven together by the differential tests: every operation runs on both, and every
/// answer must be the same.
/// </summary>
internal sealed class StorePair<TStore>(TStore sqlite, TStore memory)
{
    public TStore Sqlite => sqlite;

    public TStore Memory => memory;

    /// <summary>Runs an operation whose answer is nothing on both stores, the reference first.</summary>
    public void Both(Func<TStore, Task> op)
    {
        op(sqlite).GetAwaiter().GetResult();
        op(memory).GetAwaiter().GetResult();
    }

    /// <summary>Runs a query on both stores and requires equal answers.</summary>
    public void Same<T>(string what, Func<TStore, T> op)
    {
        var (a, b) = (op(sqlite), op(memory));
        Assert.True(Equals(a, b), $"{what}: sqlite {a} vs memory {b}");
    }

    /// <summary>Runs a query on both stores, requires the same sequence and returns it.</summary>
    public List<T> SameSequence<T>(string what, Func<TStore, IEnumerable<T>> op)
    {
        var (a, b) = (op(sqlite).ToList(), op(memory).ToList());
        Assert.True(a.SequenceEqual(b), $"{what}: sqlite [{string.Join(", ", a)}] vs memory [{string.Join(", ", b)}]");
        return a;
    }
}
