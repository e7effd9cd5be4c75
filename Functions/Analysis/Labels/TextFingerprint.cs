using System.Numerics;
using System.Runtime.InteropServices;
using Sift.Analysis.Offline;

namespace Sift.Analysis.Labels;

/// <summary>
/// A MinHash of what the spam model reads of a text (<see cref="SpamFeatures"/> of the
/// <see cref="ChatNormalizer"/>d text: words, word pairs, character 3- and 4-grams, shapes), so a
/// copy that changes a few words, look-alike letters, numbers or links shares most of it. The share
/// of equal slots estimates the Jaccard similarity of the two texts' feature sets; each slot keeps
/// 16 bits, so two fingerprints compare as a few vector instructions; the 64 hashes of a feature
/// are computed a vector of slots at a time.
/// </summary>
public static class TextFingerprint
{
    public const int Slots = 64;

    /// <summary>Features below which a text is too short to fingerprint (about six words): short texts share their few pieces by chance.</summary>
    public const int MinFeatures = 48;

    private static readonly uint[] Keys = Seeds(0x2545_F491_4F6C_DD1DUL, 0);
    private static readonly uint[] Multipliers = Seeds(0x5D58_8B65_6C07_8965UL, 1);

    [ThreadStatic] private static List<int>? features;

    /// <returns>The fingerprint, or null for a text with fewer than <see cref="MinFeatures"/> features.</returns>
    public static ushort[]? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var found = features ??= new List<int>(512);
        found.Clear();
        SpamFeatures.Extract(ChatNormalizer.Normalize(text, out var styled), styled, found);
        if (found.Count < MinFeatures)
        {
            return null;
        }

        Span<uint> least = stackalloc uint[Slots];
        least.Fill(uint.MaxValue);
        var mix = new Vector<uint>(0x85EB_CA6Bu);
        foreach (var feature in CollectionsMarshal.AsSpan(found))
        {
            // Each slot's hash is its own permutation of the feature's bucket: key, multiply, fold the high bits down, multiply.
            var bucket = new Vector<uint>((uint)feature * 0x9E37_79B1u);
            for (var slot = 0; slot < Slots; slot += Vector<uint>.Count)
            {
                var hash = (bucket ^ new Vector<uint>(Keys.AsSpan(slot))) * new Vector<uint>(Multipliers.AsSpan(slot));
                hash = (hash ^ Vector.ShiftRightLogical(hash, 16)) * mix;
                Vector.Min(new Vector<uint>(least[slot..]), hash).CopyTo(least[slot..]);
            }
        }

        var fingerprint = new ushort[Slots];
        for (var slot = 0; slot < Slots; slot++)
        {
            fingerprint[slot] = (ushort)(least[slot] >> 16);
        }

        return fingerprint;
    }

    /// <summary>The share of slots the two fingerprints agree on: about the Jaccard similarity of the texts' features.</summary>
    public static double Similarity(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        var equal = 0;
        var i = 0;
        for (; i + Vector<ushort>.Count <= Slots; i += Vector<ushort>.Count)
        {
            equal -= (int)Vector.Sum(Vector.AsVectorInt16(Vector.Equals(new Vector<ushort>(a[i..]), new Vector<ushort>(b[i..]))));
        }

        for (; i < Slots; i++)
        {
            equal += a[i] == b[i] ? 1 : 0;
        }

        return (double)equal / Slots;
    }

    public static string ToText(ushort[] fingerprint) => Convert.ToBase64String(MemoryMarshal.AsBytes(fingerprint.AsSpan()));

    public static ushort[] FromText(string text)
    {
        var fingerprint = new ushort[Slots];
        return Convert.TryFromBase64String(text, MemoryMarshal.AsBytes(fingerprint.AsSpan()), out var written) && written == Slots * sizeof(ushort)
            ? fingerprint
            : throw new FormatException("Not a text fingerprint.");
    }

    private static uint[] Seeds(ulong seed, uint orWith)
    {
        var seeds = new uint[Slots];
        var state = seed;
        for (var slot = 0; slot < Slots; slot++)
        {
            // SplitMix64: fixed seeds, so a fingerprint stored by one process compares with one computed by another.
            state += 0x9E37_79B9_7F4A_7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
            seeds[slot] = (uint)(z ^ (z >> 31)) | orWith;
        }

        return seeds;
    }
}
