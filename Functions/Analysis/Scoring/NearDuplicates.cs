using Sift.Analysis.Offline;
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

    /// <returns>The most similar recent message at or above <see cref="Threshold"/>, or null.</returns>
    public static (RecentMessage Message, double Similarity)? Find(MessageDocument message, IReadOnlyList<string> words, IReadOnlyList<RecentMessage> recent)
    {
        if (words.Count < MinWords)
        {
            return null;
        }

        var shingles = Shingles(words);
        (RecentMessage, double)? best = null;
        foreach (var other in recent)
        {
            // An earlier version of this very message (an edit) is not a repeat of it.
            if (other.Id == message.Id || string.IsNullOrWhiteSpace(other.Text))
            {
                continue;
            }

            var similarity = Jaccard(shingles, Shingles(TextTokens.Words(other.Text)));
            if (similarity >= Threshold && (best is null || similarity > best.Value.Item2))
            {
                best = (other, similarity);
            }
        }

        return best;
    }

    private static HashSet<string> Shingles(IReadOnlyList<string> words) =>
        words.Count < 6 ? [.. words] : [.. words.Zip(words.Skip(1), (a, b) => a + " " + b)];

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
