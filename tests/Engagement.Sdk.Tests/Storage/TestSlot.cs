using Engagement.Storage.InMemory;

namespace Engagement.Sdk.Tests.Storage;

/// <summary>A heap row for the lease queue and heap tests: due at <see cref="Due"/>, ties ordered by <see cref="Id"/>.</summary>
internal sealed class TestSlot(int id) : HeapSlot
{
    public readonly int Id = id;
    public long Due;

    public override long DueTicks => Due;

    public override int CompareTie(HeapSlot other) => Id.CompareTo(((TestSlot)other).Id);
}
