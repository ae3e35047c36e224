using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engagement.ML.Learners;

/// <summary>
/// Numeric-only trees padded to complete binary trees in heap order (node n's children are 2n+1
/// and 2n+2), the layout of <see cref="FlatForest"/>'s fastest path. A leaf above the bottom level
/// becomes a chain of pass-through splits (threshold +∞: every value goes left) down to the bottom,
/// so each row walks exactly the tree's depth and ends on a bottom slot holding the leaf's value.
/// A split is 8 bytes (feature, threshold) and no child index is stored. Only for rows without NaN
/// (a pass-through split must send everything left, and missing values need the node's direction).
/// </summary>
internal sealed class CompleteForest
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Split
    {
        public int Feature;
        public float Threshold;
    }

    private readonly Split[] _splits;
    private readonly double[] _leaves;
    private readonly int[] _splitStart;
    private readonly int[] _leafStart;
    private readonly int[] _depth;

    private CompleteForest(Split[] splits, double[] leaves, int[] splitStart, int[] leafStart, int[] depth)
    {
        _splits = splits;
        _leaves = leaves;
        _splitStart = splitStart;
        _leafStart = leafStart;
        _depth = depth;
    }

    /// <summary>The padded forest, or null when padding would more than quadruple the nodes.</summary>
    /// <param name="trees">Trees already checked to be trees (each node reached once), with numeric splits only.</param>
    /// <param name="depths">Each tree's depth.</param>
    public static CompleteForest? TryBuild(IReadOnlyList<RegressionTree> trees, IReadOnlyList<int> depths)
    {
        long real = 0, padded = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            Debug.Assert(Array.TrueForAll(trees[t].CategoryLeft, c => c is null), "the caller passes numeric forests only");
            if (depths[t] > 16) return null;
            real += trees[t].NodeCount;
            padded += 2L << depths[t];
        }
        if (padded > 4 * real + 1024) return null;
        var splitStart = new int[trees.Count];
        var leafStart = new int[trees.Count];
        int splits = 0, leaves = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            splitStart[t] = splits;
            leafStart[t] = leaves;
            splits += (1 << depths[t]) - 1;
            leaves += 1 << depths[t];
        }
        var forest = new CompleteForest(new Split[splits], new double[leaves], splitStart, leafStart, depths.ToArray());
        for (var t = 0; t < trees.Count; t++) forest.Fill(t, trees[t], 0, 0, 0);
        return forest;
    }

    private void Fill(int t, RegressionTree tree, int old, int pos, int level)
    {
        var depth = _depth[t];
        if (level == depth)
        {
            _leaves[_leafStart[t] + pos - ((1 << depth) - 1)] = tree.Value[old];
            return;
        }
        ref var s = ref _splits[_splitStart[t] + pos];
        if (tree.Feature[old] < 0)
        {
            s = new Split { Feature = 0, Threshold = float.PositiveInfinity };
            Fill(t, tree, old, 2 * pos + 1, level + 1); // the right side is never reached
            return;
        }
        s = new Split { Feature = tree.Feature[old], Threshold = tree.Threshold[old] };
        Fill(t, tree, tree.Left[old], 2 * pos + 1, level + 1);
        Fill(t, tree, tree.Right[old], 2 * pos + 2, level + 1);
    }

    /// <summary>Adds every tree's output, in tree order, to <paramref name="m"/>; <c>m.Length % 8 == 0</c>, rows have no NaN.</summary>
    public void Accumulate(ReadOnlySpan<float> rows, int featureCount, Span<double> m)
    {
        var f = featureCount;
        ref var block = ref MemoryMarshal.GetReference(rows);
        ref var acc = ref MemoryMarshal.GetReference(m);
        for (var t = 0; t < _depth.Length; t++)
        {
            var depth = _depth[t];
            ref var s = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_splits), _splitStart[t]);
            // leaves sit at heap positions 2^depth - 1 ...; shift the base so a final position indexes them directly
            ref var leaves = ref Unsafe.Subtract(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_leaves), _leafStart[t]), (1 << depth) - 1);
            for (var r = 0; r < m.Length; r += 8)
            {
                ref var x0 = ref Unsafe.Add(ref block, r * f);
                int n0 = 0, n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0, n6 = 0, n7 = 0;
                for (var d = depth; d > 0; d--)
                {
                    n0 = Step(ref s, n0, ref x0);
                    n1 = Step(ref s, n1, ref Unsafe.Add(ref x0, f));
                    n2 = Step(ref s, n2, ref Unsafe.Add(ref x0, 2 * f));
                    n3 = Step(ref s, n3, ref Unsafe.Add(ref x0, 3 * f));
                    n4 = Step(ref s, n4, ref Unsafe.Add(ref x0, 4 * f));
                    n5 = Step(ref s, n5, ref Unsafe.Add(ref x0, 5 * f));
                    n6 = Step(ref s, n6, ref Unsafe.Add(ref x0, 6 * f));
                    n7 = Step(ref s, n7, ref Unsafe.Add(ref x0, 7 * f));
                }
                ref var a = ref Unsafe.Add(ref acc, r);
                a += Unsafe.Add(ref leaves, n0);
                Unsafe.Add(ref a, 1) += Unsafe.Add(ref leaves, n1);
                Unsafe.Add(ref a, 2) += Unsafe.Add(ref leaves, n2);
                Unsafe.Add(ref a, 3) += Unsafe.Add(ref leaves, n3);
                Unsafe.Add(ref a, 4) += Unsafe.Add(ref leaves, n4);
                Unsafe.Add(ref a, 5) += Unsafe.Add(ref leaves, n5);
                Unsafe.Add(ref a, 6) += Unsafe.Add(ref leaves, n6);
                Unsafe.Add(ref a, 7) += Unsafe.Add(ref leaves, n7);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Split splits, int n, ref float x)
    {
        ref var s = ref Unsafe.Add(ref splits, n);
        return 2 * n + 1 + (Unsafe.Add(ref x, s.Feature) > s.Threshold ? 1 : 0);
    }
}
