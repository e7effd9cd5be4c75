using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sift.Storage;

/// <summary>
/// Embeddings kept as int8: each vector scaled by its own largest component to ±127, a quarter
/// of float32's size (256 bytes for 256 dimensions). Cosine is scale-invariant, so the scale is
/// not stored; the rounding moves a cosine by about 0.01, well under the gaps that decide a ranking.
/// </summary>
internal static class SearchVectors
{
    public static byte[] Quantize(float[] vector)
    {
        var max = 0f;
        foreach (var value in vector)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        var scale = max > 0 ? 127f / max : 0f;
        var quantized = new byte[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            quantized[i] = unchecked((byte)(sbyte)Math.Round(vector[i] * scale));
        }

        return quantized;
    }

    /// <returns>The cosine of <paramref name="query"/> and a quantized vector; 0 when either is all zero or the lengths differ.</returns>
    public static double Cosine(float[] query, ReadOnlySpan<byte> stored) =>
        stored.Length == query.Length ? Cosine(Dot(query, MemoryMarshal.Cast<byte, sbyte>(stored)), SquaredNorm(query), SquaredNorm(MemoryMarshal.Cast<byte, sbyte>(stored))) : 0;

    /// <summary>The cosine from its parts, so a scan computes the stored vector's norm once, when it loads it.</summary>
    public static double Cosine(float dot, float queryNorm, int storedNorm) =>
        storedNorm > 0 && queryNorm > 0 ? dot / Math.Sqrt(storedNorm * queryNorm) : 0;

    public static float SquaredNorm(ReadOnlySpan<float> vector)
    {
        var sum = 0f;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        return sum;
    }

    /// <remarks>Exact: at most 127² a dimension, far from overflow for any embedding size.</remarks>
    public static int SquaredNorm(ReadOnlySpan<sbyte> vector)
    {
        var sum = 0;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        return sum;
    }

    /// <summary>
    /// The dot product of a float query and an int8 vector of the same length, eight lanes at a
    /// time: this is the inner loop of a vector search, run once per candidate entry.
    /// </summary>
    public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> stored)
    {
        var i = 0;
        var dot = 0f;
        if (Vector256.IsHardwareAccelerated && query.Length >= Vector256<sbyte>.Count)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var s = ref MemoryMarshal.GetReference(stored);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= query.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                var (l0, l1) = Vector256.Widen(low);
                var (h0, h1) = Vector256.Widen(high);
                a0 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(l0), Vector256.LoadUnsafe(ref q, (nuint)i), a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(l1), Vector256.LoadUnsafe(ref q, (nuint)i + 8), a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(h0), Vector256.LoadUnsafe(ref q, (nuint)i + 16), a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(h1), Vector256.LoadUnsafe(ref q, (nuint)i + 24), a3);
            }

            dot = Vector256.Sum(a0 + a1 + (a2 + a3));
        }

        for (; i < query.Length; i++)
        {
            dot += query[i] * stored[i];
        }

        return dot;
    }
}

/// <summary>
/// Reciprocal rank fusion: each ranking adds 1/(k + rank) for the entries it holds. Ranks, not
/// scores, are fused because BM25 is unbounded and depends on the corpus while cosine lies in
/// [-1, 1]: no fixed weighting of the two stays right as the index grows, and RRF needs no
/// tuning. It is also what Cosmos DB's <c>RRF(...)</c> computes, so both adapters rank alike.
/// </summary>
internal static class RankFusion
{
    /// <summary>The constant of the original RRF paper, also Cosmos DB's.</summary>
    public const int K = 60;

    /// <param name="rankings">Each ranking best first, as keys.</param>
    public static Dictionary<TKey, double> Fuse<TKey>(params IEnumerable<IReadOnlyList<TKey>> rankings) where TKey : notnull
    {
        var scores = new Dictionary<TKey, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (K + rank + 1);
            }
        }

        return scores;
    }
}
