using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Engagement.ML.Learners;

/// <summary>
/// Gradient/hessian histograms over <see cref="BinnedRows"/>: bin <c>b</c> of the compact layout holds
/// the sum of gradients at <c>[2b]</c> and of hessians at <c>[2b + 1]</c>. Gradient pairs are
/// interleaved the same way (<c>gh[2r]</c>, <c>gh[2r + 1]</c>), so one 128-bit add updates both sums.
/// Each bin receives its rows' pairs in row order, whatever the feature blocking, so results do not
/// depend on how the features are shared among threads.
/// </summary>
internal static class GradientHistogram
{
    /// <summary>
    /// Adds the pairs of <c>rows[start .. start + count)</c> into <paramref name="hist"/> for the features
    /// <c>features[k0 .. k1)</c>. Row indices must be below <c>binned.RowCount</c> and features below its
    /// feature count; bins come from <see cref="FeatureBins.Bin"/>, so every index stays inside the
    /// feature's own bins (checked once here rather than per element).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(double[] hist, BinnedRows binned, double[] gh, int[] rows, int start, int count, int[] features, int k0, int k1)
    {
        if (hist.Length < binned.TotalBins * 2 || gh.Length < binned.RowCount * 2 || (uint)start > (uint)rows.Length || (uint)count > (uint)(rows.Length - start)
            || (uint)k0 > (uint)k1 || (uint)k1 > (uint)features.Length)
            throw new ArgumentException("histogram, gradient, row or feature ranges do not fit the binned rows");
        var stride = binned.FeatureCount;
        var kCount = k1 - k0;
        // Feature columns and histogram offsets of the block, next to each other for the inner loop.
        Span<int> col = kCount <= 256 ? stackalloc int[kCount] : new int[kCount];
        Span<int> off = kCount <= 256 ? stackalloc int[kCount] : new int[kCount];
        for (var k = 0; k < kCount; k++)
        {
            var j = features[k0 + k];
            if ((uint)j >= (uint)stride) throw new ArgumentOutOfRangeException(nameof(features), j, "feature index outside the binned rows");
            col[k] = j;
            off[k] = binned.Offset[j];
        }
        ref var histRef = ref MemoryMarshal.GetArrayDataReference(hist);
        ref var binRef = ref MemoryMarshal.GetArrayDataReference(binned.Bins);
        ref var ghRef = ref MemoryMarshal.GetArrayDataReference(gh);
        ref var colRef = ref MemoryMarshal.GetReference(col);
        ref var offRef = ref MemoryMarshal.GetReference(off);
        var n = (uint)binned.RowCount;
        for (var i = start; i < start + count; i++)
        {
            var r = rows[i];
            if ((uint)r >= n) throw new ArgumentOutOfRangeException(nameof(rows), r, "row index outside the binned rows");
            var pair = Vector128.LoadUnsafe(ref ghRef, (nuint)r * 2);
            ref var rowBins = ref Unsafe.Add(ref binRef, (nint)r * stride);
            for (var k = 0; k < kCount; k++)
            {
                var b = (nuint)(Unsafe.Add(ref offRef, k) + Unsafe.Add(ref rowBins, Unsafe.Add(ref colRef, k))) * 2;
                ref var slot = ref Unsafe.Add(ref histRef, b);
                (Vector128.LoadUnsafe(ref slot) + pair).StoreUnsafe(ref slot);
            }
        }
    }

    /// <summary><paramref name="parent"/> -= <paramref name="child"/> over the bins of <paramref name="features"/>: the sibling's histogram.</summary>
    public static void Subtract(double[] parent, double[] child, BinnedRows binned, int[] features)
    {
        foreach (var j in features)
        {
            var from = binned.Offset[j] * 2;
            var length = (binned.Features[j].ValueBins + 1) * 2;
            var p = parent.AsSpan(from, length);
            var c = child.AsSpan(from, length);
            for (var i = 0; i < p.Length; i++) p[i] -= c[i];
        }
    }

    /// <summary>Zeroes the bins of <paramref name="features"/>.</summary>
    public static void Clear(double[] hist, BinnedRows binned, int[] features)
    {
        foreach (var j in features)
            hist.AsSpan(binned.Offset[j] * 2, (binned.Features[j].ValueBins + 1) * 2).Clear();
    }
}
