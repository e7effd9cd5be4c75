using Sift.Analysis;
using Sift.Analysis.Offline;
using Sift.Messages;

namespace Sift.Knowledge;

/// <summary>
/// Fan-in of a run's batches: atoms of one kind with near-identical titles (the same words, or
/// word sets at least <see cref="SameTitle"/> alike) become one atom citing all their messages, at
/// the highest confidence; so do questions whose contents ask the same (their content words at
/// least <see cref="SameQuestion"/> alike, <see cref="AtomSimilarity"/>), since a chat asks one
/// question in many words. The id comes from the first atom's normalized title, in a fixed order,
/// so the same window always yields the same ids.
/// </summary>
internal static class AtomMerger
{
    public const double SameTitle = 0.8;
    public const double SameQuestion = 0.6;

    public static List<MergedAtom> Merge(ChatKey chatId, IEnumerable<CandidateAtom> candidates)
    {
        var clusters = new List<(string Normalized, HashSet<string> Words, HashSet<string> Content, List<CandidateAtom> Atoms)>();
        foreach (var candidate in candidates.OrderBy(c => c.Kind).ThenBy(c => c.SourceMessageIds.Min()).ThenBy(c => c.Title, StringComparer.Ordinal))
        {
            var words = TextTokens.Words(candidate.Title);
            var normalized = string.Join(' ', words);
            var set = words.ToHashSet(StringComparer.Ordinal);
            var content = candidate.Kind == AtomKind.Question ? AtomSimilarity.Words(candidate.Content) : [];
            var match = clusters.FindIndex(c => c.Atoms[0].Kind == candidate.Kind
                && (c.Normalized == normalized || Similarity(c.Words, set) >= SameTitle || AtomSimilarity.Of(c.Content, content) >= SameQuestion));
            if (match < 0)
            {
                clusters.Add((normalized, set, content, [candidate]));
            }
            else
            {
                clusters[match].Atoms.Add(candidate);
            }
        }

        return clusters.Select(c => new MergedAtom(AtomDocument.MakeId(chatId, c.Atoms[0].Kind, c.Normalized), Combine(c.Atoms))).ToList();
    }

    private static CandidateAtom Combine(List<CandidateAtom> atoms) => atoms[0] with
    {
        Confidence = atoms.Max(a => a.Confidence),
        SourceMessageIds = atoms.SelectMany(a => a.SourceMessageIds).Distinct().Order().ToList(),
        Date = atoms.Max(a => a.Date),
        TopicId = MostCommon(atoms.Select(a => a.TopicId)),
        Owner = atoms.Select(a => a.Owner).FirstOrDefault(o => o is not null),
        DueDate = atoms.Select(a => a.DueDate).FirstOrDefault(d => d is not null),
    };

    /// <summary>The most frequent topic, a real one before <c>uncategorized</c>; ties go to the first seen.</summary>
    public static string? MostCommon(IEnumerable<string?> topics) =>
        topics.OfType<string>().GroupBy(t => t, StringComparer.Ordinal)
            .OrderBy(g => g.Key == TopicMatch.UncategorizedId).ThenByDescending(g => g.Count()).FirstOrDefault()?.Key;

    private static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 1 : (double)a.Count(b.Contains) / a.Union(b).Count();
}
