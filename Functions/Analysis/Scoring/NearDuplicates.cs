using System.IO.Hashing;
using System.Runtime.InteropServices;
using Sift.Messages;

namespace Sift.Analysis.Scoring;

/// <summary>
/// Finds a recent message in the chat that says the same thing: the Jaccard similarity of the two
/// texts' word pairs (single words for short texts). Short acknowledgements repeat in every chat
/// and say nothing new anyway, so only texts of a few words or more are compared.
/// </summary>
internal static class NearDuplicates
{
    public const double Threshold = 0.75;
    private const int MinWords = 4;

    /// <summary>
    /// In a busy chat every message is compared with the same fifty before it: each text is read
    /// into shingles once, when it is analysed, not once for every later message.
    /// </summary>
    private static readonly ShingleMemo Memo = new(generationSize: 1024);

    /// <param name="words">The message's words outside links (<see cref="MessageText.WordsOf"/>), as the recent messages' are read.</param>
    /// <returns>The most similar recent message at or above <see cref="Threshold"/>, or null.</returns>
    public static (RecentMessage Message, double Similarity)? Find(MessageDocument message, IReadOnlyList<string> words, IReadOnlyList<RecentMessage> recent)
    {
        if (words.Count < MinWords)
        {
            return null;
        }

        var shingles = Shingles(words);
        Memo.Keep(message.Id, message.Text ?? "", shingles);
        (RecentMessage, double)? best = null;
        foreach (var other in recent)
        {
            // An earlier version of this very message (an edit) is not a repeat of it.
            if (other.Id == message.Id || string.IsNullOrWhiteSpace(other.Text))
            {
                continue;
            }

            var similarity = Jaccard(shingles, Memo.Get(other.Id, other.Text, static text => Shingles(MessageText.WordsOf(text))));
            if (similarity >= Threshold && (best is null || similarity > best.Value.Item2))
            {
                best = (other, similarity);
            }
        }

        return best;
    }

    /// <summary>The distinct 64-bit hashes of the word pairs (of the words, under six), ascending.</summary>
    private static ulong[] Shingles(IReadOnlyList<string> words)
    {
        var hashes = new ulong[words.Count < 6 ? words.Count : words.Count - 1];
        if (words.Count < 6)
        {
            for (var i = 0; i < words.Count; i++)
            {
                hashes[i] = Hash(words[i]);
            }
        }
        else
        {
            Span<ulong> pair = stackalloc ulong[2];
            pair[1] = Hash(words[0]);
            for (var i = 1; i < words.Count; i++)
            {
                pair[0] = pair[1];
                pair[1] = Hash(words[i]);
                hashes[i - 1] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(pair));
            }
        }

        Array.Sort(hashes);
        var distinct = Distinct(hashes);
        return distinct == hashes.Length ? hashes : hashes[..distinct];
    }

    private static ulong Hash(string word) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word.AsSpan()));

    /// <returns>How many leading elements of the sorted <paramref name="sorted"/> are distinct, having moved them to the front.</returns>
    private static int Distinct(ulong[] sorted)
    {
        var count = 0;
        foreach (var value in sorted)
        {
            if (count == 0 || sorted[count - 1] != value)
            {
                sorted[count++] = value;
            }
        }

        return count;
    }

    private static double Jaccard(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)shared / (a.Length + b.Length - shared);
    }
}
