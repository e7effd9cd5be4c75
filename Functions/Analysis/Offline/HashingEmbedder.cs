using System.IO.Hashing;
using System.Text;

namespace Sift.Analysis.Offline;

/// <summary>
/// The offline embedding: each word and each character trigram of each word (with boundary
/// marks, so <c>deploy</c> and <c>deployment</c> share most of theirs) is hashed to one of
/// <see cref="Size"/> buckets with a hashed sign, weighted by how much of the text it is,
/// and the vector is scaled to unit length. Texts that share words or word pieces point the same
/// way; no network, no model, the same vector on every machine.
/// </summary>
public sealed class HashingEmbedder : IEmbedder
{
    public const int Size = 256;

    public string Version => "offline-hashed-ngrams-256-v1";

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken) => Task.FromResult(Embed(text));

    public static float[] Embed(string text)
    {
        var vector = new float[Size];
        foreach (var word in TextTokens.Words(text))
        {
            Add(vector, "w:" + word, 1f);
            var marked = $"<{word}>";
            for (var i = 0; i + 3 <= marked.Length; i++)
            {
                Add(vector, marked.Substring(i, 3), 0.5f);
            }
        }

        var length = MathF.Sqrt(vector.Sum(v => v * v));
        if (length > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= length;
            }
        }

        return vector;
    }

    private static void Add(float[] vector, string feature, float weight)
    {
        var hash = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(feature));
        vector[(int)(hash % Size)] += (hash >> 63) == 0 ? weight : -weight;
    }
}
