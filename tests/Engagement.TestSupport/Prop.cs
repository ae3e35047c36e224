namespace Engagement.TestSupport;

/// <summary>
/// Property-style testing with a fixed seed: runs a check over many generated cases and, on
/// failure, reports the case index and the seed that reproduces it.
/// </summary>
public static class Prop
{
    /// <summary>Runs <paramref name="check"/> for <paramref name="cases"/> cases, each with its own seeded <see cref="Random"/>.</summary>
    public static void ForAll(int cases, int seed, Action<Random, int> check)
    {
        for (var i = 0; i < cases; i++)
        {
            var caseSeed = unchecked(seed * 7919 + i);
            try
            {
                check(new Random(caseSeed), i);
            }
            catch (Exception ex)
            {
                throw new PropertyFailedException($"Property failed at case {i} (seed {seed}, case seed {caseSeed}): {ex.Message}", ex);
            }
        }
    }

    /// <summary>Thrown when a generated case falsifies a property.</summary>
    public sealed class PropertyFailedException(string message, Exception inner) : Exception(message, inner);
}
