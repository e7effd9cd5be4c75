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
    public static double Cosine(float[] query, ReadOnlySpan<byte> stored)
    {
        if (stored.Length != query.Length)
        {
            return 0;
        }

        float dot = 0, norm = 0, queryNorm = 0;
        for (var i = 0; i < query.Length; i++)
        {
            float value = unchecked((sbyte)stored[i]);
            dot += query[i] * value;
            norm += value * value;
            queryNorm += query[i] * query[i];
        }

        return norm > 0 && queryNorm > 0 ? dot / Math.Sqrt(norm * queryNorm) : 0;
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
