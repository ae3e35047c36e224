using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace Engagement.ML.Learners;

/// <summary>
/// A GBDT ensemble compiled for scoring: every tree's nodes in one array, each tree laid out
/// breadth-first so that a node's children sit side by side (<c>Child</c> and <c>Child + 1</c>).
/// Leaves loop to themselves (feature 0, threshold +∞, missing goes left), so a row can walk every
/// tree a fixed number of steps (the tree's depth) with no leaf test. Rows are scored in blocks:
/// one tree at a time, one level at a time, across the rows of the block, which keeps many
/// independent node look-ups in flight. Sums are taken in tree order, so margins equal the
/// reference walk over <see cref="RegressionTree"/> bit for bit.
/// </summary>
internal sealed class FlatForest
{
    /// <summary>Rows scored together per pass over the trees.</summary>
    internal const int Block = 32;

    private const int MissingRight = 1;
    private const int Categorical = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public int Feature;
        public float Threshold;
        public int Child;
        // bit 0: missing goes right; bit 1: categorical (the rest: index into _catOffset/_catCount).
        public int Meta;
    }

    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly ulong[] _catBits;
    private readonly int[] _catOffset;
    private readonly int[] _catCount;
    private readonly bool _hasCategorical;
    private readonly CompleteForest? _complete;

    /// <param name="baseScore">The margin before any tree.</param>
    /// <param name="trees">The trained trees, in order.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="allowComplete">False keeps the fast path on the breadth-first layout instead of <see cref="CompleteForest"/> (tests cover both).</param>
    public FlatForest(double baseScore, IReadOnlyList<RegressionTree> trees, int featureCount, bool allowComplete = true)
    {
        BaseScore = baseScore;
        FeatureCount = featureCount;
        var nodes = new List<Node>();
        var values = new List<double>();
        var bits = new List<ulong>();
        var catOffset = new List<int>();
        var catCount = new List<int>();
        _roots = new int[trees.Count];
        _depths = new int[trees.Count];
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var root = nodes.Count;
            _roots[t] = root;
            // Breadth-first: order[i] is the original index of flat node root + i.
            var order = new List<int> { 0 };
            var depth = new List<int> { 0 };
            var seen = new bool[tree.NodeCount];
            seen[0] = true;
            for (var i = 0; i < order.Count; i++)
            {
                var old = order[i];
                var f = tree.Feature[old];
                if (f < 0)
                {
                    nodes.Add(new Node { Feature = 0, Threshold = float.PositiveInfinity, Child = root + i, Meta = 0 });
                    values.Add(tree.Value[old]);
                    continue;
                }
                if (f >= featureCount) throw new FormatException($"tree {t} node {old} uses feature {f} but the model has {featureCount}");
                var meta = tree.DefaultLeft[old] ? 0 : MissingRight;
                if (tree.CategoryLeft[old] is { } set)
                {
                    meta |= Categorical | (catOffset.Count << 2);
                    catOffset.Add(bits.Count);
                    catCount.Add(set.Length);
                    for (var w = 0; w < (set.Length + 63) / 64; w++)
                    {
                        ulong word = 0;
                        for (var b = 0; b < 64 && w * 64 + b < set.Length; b++)
                            if (set[w * 64 + b]) word |= 1UL << b;
                        bits.Add(word);
                    }
                }
                nodes.Add(new Node { Feature = f, Threshold = tree.Threshold[old], Child = root + order.Count, Meta = meta });
                values.Add(tree.Value[old]);
                foreach (var c in new[] { tree.Left[old], tree.Right[old] })
                {
                    if (seen[c]) throw new FormatException($"tree {t} node {c} is reached twice; the nodes do not form a tree");
                    seen[c] = true;
                    order.Add(c);
                    depth.Add(depth[i] + 1);
                }
            }
            _depths[t] = depth.Max();
        }
        _nodes = nodes.ToArray();
        _values = values.ToArray();
        _catBits = bits.ToArray();
        _catOffset = catOffset.ToArray();
        _catCount = catCount.ToArray();
        _hasCategorical = _catOffset.Length > 0;
        // The padded layout has no categorical splits: only a numeric forest can have one.
        _complete = allowComplete && !_hasCategorical ? CompleteForest.TryBuild(trees, _depths) : null;
    }

    public double BaseScore { get; }

    /// <summary>True when NaN-free blocks are scored on the padded complete-tree layout.</summary>
    internal bool UsesCompleteLayout => _complete is not null;
    public int FeatureCount { get; }

    /// <summary>The margin of one row (length <see cref="FeatureCount"/>, checked by the caller).</summary>
    public double Margin(ReadOnlySpan<float> row)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var x = ref MemoryMarshal.GetReference(row);
        var m = BaseScore;
        for (var t = 0; t < _roots.Length; t++)
        {
            var n = _roots[t];
            for (var d = _depths[t]; d > 0; d--) n = Next(ref Unsafe.Add(ref nodes, n), ref x);
            m += _values[n];
        }
        return m;
    }

    /// <summary>
    /// Margins of <c>margins.Length</c> rows stored row-major in <paramref name="rows"/>
    /// (<see cref="FeatureCount"/> floats each; lengths checked by the caller).
    /// </summary>
    public void Margins(ReadOnlySpan<float> rows, Span<double> margins)
    {
        var f = FeatureCount;
        for (var start = 0; start < margins.Length; start += Block)
        {
            var count = Math.Min(Block, margins.Length - start);
            var m = margins.Slice(start, count);
            m.Fill(BaseScore);
            var block = rows.Slice(start * f, count * f);
            // The fast paths take rows in groups of 8 and no NaN; the rest goes the general way.
            var eights = count & ~7;
            if (_hasCategorical || eights == 0 || HasNaN(block[..(eights * f)]))
            {
                MarginsGeneral(block, m);
                continue;
            }
            if (_complete is not null) _complete.Accumulate(block, f, m[..eights]);
            else MarginsNumericNoMissing(block, m[..eights]);
            if (eights < count) MarginsGeneral(block[(eights * f)..], m[eights..]);
        }
    }

    // Any node type, any value: one tree at a time, one level at a time across the rows.
    private void MarginsGeneral(ReadOnlySpan<float> rows, Span<double> m)
    {
        var f = FeatureCount;
        Span<int> pos = stackalloc int[Block];
        var p = pos[..m.Length];
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var block = ref MemoryMarshal.GetReference(rows);
        for (var t = 0; t < _roots.Length; t++)
        {
            p.Fill(_roots[t]);
            for (var d = _depths[t]; d > 0; d--)
                for (var r = 0; r < p.Length; r++) p[r] = Next(ref Unsafe.Add(ref nodes, p[r]), ref Unsafe.Add(ref block, r * f));
            for (var r = 0; r < p.Length; r++) m[r] += _values[p[r]];
        }
    }

    // Numeric splits only and no NaN in the rows (checked by the caller): v > threshold is the whole
    // test. Eight rows walk together so eight independent look-ups are in flight; m.Length % 8 == 0.
    private void MarginsNumericNoMissing(ReadOnlySpan<float> rows, Span<double> m)
    {
        var f = FeatureCount;
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref var block = ref MemoryMarshal.GetReference(rows);
        ref var acc = ref MemoryMarshal.GetReference(m);
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = _roots[t];
            var depth = _depths[t];
            for (var r = 0; r < m.Length; r += 8)
            {
                ref var x0 = ref Unsafe.Add(ref block, r * f);
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                for (var d = depth; d > 0; d--)
                {
                    n0 = Step(ref nodes, n0, ref x0);
                    n1 = Step(ref nodes, n1, ref Unsafe.Add(ref x0, f));
                    n2 = Step(ref nodes, n2, ref Unsafe.Add(ref x0, 2 * f));
                    n3 = Step(ref nodes, n3, ref Unsafe.Add(ref x0, 3 * f));
                    n4 = Step(ref nodes, n4, ref Unsafe.Add(ref x0, 4 * f));
                    n5 = Step(ref nodes, n5, ref Unsafe.Add(ref x0, 5 * f));
                    n6 = Step(ref nodes, n6, ref Unsafe.Add(ref x0, 6 * f));
                    n7 = Step(ref nodes, n7, ref Unsafe.Add(ref x0, 7 * f));
                }
                ref var a = ref Unsafe.Add(ref acc, r);
                a += Unsafe.Add(ref values, n0);
                Unsafe.Add(ref a, 1) += Unsafe.Add(ref values, n1);
                Unsafe.Add(ref a, 2) += Unsafe.Add(ref values, n2);
                Unsafe.Add(ref a, 3) += Unsafe.Add(ref values, n3);
                Unsafe.Add(ref a, 4) += Unsafe.Add(ref values, n4);
                Unsafe.Add(ref a, 5) += Unsafe.Add(ref values, n5);
                Unsafe.Add(ref a, 6) += Unsafe.Add(ref values, n6);
                Unsafe.Add(ref a, 7) += Unsafe.Add(ref values, n7);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node nodes, int n, ref float x)
    {
        ref var node = ref Unsafe.Add(ref nodes, n);
        return node.Child + (Unsafe.Add(ref x, node.Feature) > node.Threshold ? 1 : 0);
    }

    private static bool HasNaN(ReadOnlySpan<float> values)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(values.Slice(i, Vector256<float>.Count));
                if (!Vector256.EqualsAll(v, v)) return true;
            }
        for (; i < values.Length; i++)
            if (float.IsNaN(values[i])) return true;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextNumeric(ref Node node, ref float row)
    {
        var v = Unsafe.Add(ref row, node.Feature);
        // NaN compares false, so it goes right only when the node says so.
        var right = (v > node.Threshold ? 1 : 0) | ((float.IsNaN(v) ? 1 : 0) & node.Meta);
        return node.Child + right;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Next(ref Node node, ref float row)
    {
        if ((node.Meta & Categorical) == 0) return NextNumeric(ref node, ref row);
        return node.Child + CategoryRight(node.Meta, Unsafe.Add(ref row, node.Feature));
    }

    private int CategoryRight(int meta, float v)
    {
        var missing = meta & MissingRight;
        if (float.IsNaN(v)) return missing;
        var k = meta >> 2;
        var code = (int)v;
        if (code < 0 || code >= _catCount[k]) return missing;
        return (int)(~(_catBits[_catOffset[k] + (code >> 6)] >> (code & 63)) & 1);
    }
}
