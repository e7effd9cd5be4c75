using Sift.Analysis.Offline;

namespace Sift.Bench.SpamModel;

/// <summary>
/// Groups texts that are near-copies of each other: MinHash over folded word pairs, 20 hashes in
/// 4 bands of 5, so texts sharing 80 % of their pairs share a band (and a group) eight times in ten,
/// 70 % half the time; groups join transitively. Texts of fewer than four words group only
/// with the same folded words: their few pairs would chain unrelated texts together.
/// </summary>
public static class NearCopies
{
    private const int Hashes = 20;
    private const int BandSize = 5;

    /// <returns>For each text, the index of its group's first text.</returns>
    public static int[] Group(IReadOnlyList<string> texts)
    {
        var parent = Enumerable.Range(0, texts.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var bands = new Dictionary<(int Band, ulong Key), int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var signature = Signature(texts[i]);
            for (var band = 0; band < Hashes / BandSize; band++)
            {
                var key = 0UL;
                for (var k = band * BandSize; k < (band + 1) * BandSize; k++)
                {
                    key = (key * 0x100000001B3) ^ signature[k];
                }

                if (bands.TryGetValue((band, key), out var other))
                {
                    var (a, b) = (Find(i), Find(other));
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
                else
                {
                    bands[(band, key)] = i;
                }
            }
        }

        return [.. Enumerable.Range(0, texts.Count).Select(Find)];
    }

    private static ulong[] Signature(string text)
    {
        var words = TextTokens.Words(ChatNormalizer.Normalize(text)).Select(w =>
        {
            var folded = new char[w.Length];
            ChatNormalizer.FoldWord(w, folded);
            return new string(folded);
        }).ToList();
        var shingles = words.Count < 4 ? [string.Join(' ', words)] : words.Zip(words.Skip(1), (a, b) => a + " " + b).ToList();
        var signature = new ulong[Hashes];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            var hash = System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(shingle));
            for (var k = 0; k < Hashes; k++)
            {
                var mixed = (hash ^ ((ulong)k * 0x9E3779B97F4A7C15)) * 0xBF58476D1CE4E5B9;
                signature[k] = Math.Min(signature[k], mixed ^ (mixed >> 31));
            }
        }

        return signature;
    }
}
