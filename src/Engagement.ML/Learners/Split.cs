namespace Engagement.ML.Learners;

/// <summary>Seeded, stratified row splits.</summary>
internal static class Split
{
    /// <summary>Holds out about <paramref name="fraction"/> of each class.</summary>
    public static (int[] Train, int[] Holdout) StratifiedHoldout(float[] labels, double fraction, Random rng)
    {
        var train = new List<int>();
        var hold = new List<int>();
        foreach (var cls in new[] { 0f, 1f })
        {
            var idx = Enumerable.Range(0, labels.Length).Where(i => labels[i] == cls).ToArray();
            rng.Shuffle(idx);
            var k = (int)Math.Round(idx.Length * fraction);
            hold.AddRange(idx.Take(k));
            train.AddRange(idx.Skip(k));
        }
        train.Sort();
        hold.Sort();
        return (train.ToArray(), hold.ToArray());
    }

    /// <summary>Assigns each row a fold in 0..k-1 so that each fold has about the same share of each class.</summary>
    public static int[] StratifiedFolds(float[] labels, int k, int seed)
    {
        var rng = new Random(seed);
        var fold = new int[labels.Length];
        foreach (var cls in new[] { 0f, 1f })
        {
            var idx = Enumerable.Range(0, labels.Length).Where(i => labels[i] == cls).ToArray();
            rng.Shuffle(idx);
            for (var i = 0; i < idx.Length; i++) fold[idx[i]] = i % k;
        }
        return fold;
    }
}
