using Sift.Analysis.Offline;

namespace Sift.Knowledge;

/// <summary>
/// How alike two atoms' contents are, read as sets of content words: folded, stemmed
/// (<see cref="WordStems"/>) and cut to their first <see cref="Prefix"/> letters (so "откатить"
/// and "откатывать", "rotate" and "rotation" meet), without the words every question and sentence
/// has ("how", "the", "как", "що"). "How do we rotate the API keys without downtime?" and "How
/// can we rotate API keys with no downtime?" are the same four words.
/// </summary>
internal static class AtomSimilarity
{
    private static readonly HashSet<string> Common = new(
    [
        "how", "what", "why", "when", "where", "who", "which", "do", "does", "did", "can", "could", "would", "should", "will", "is", "are", "was", "were",
        "be", "the", "a", "an", "to", "of", "in", "on", "at", "for", "with", "without", "no", "not", "and", "or", "we", "i", "you", "it", "this", "that",
        "there", "anyone", "someone", "know", "any", "our", "my", "your", "me", "us", "from", "by", "about", "is", "has", "have", "get", "way",
        "как", "что", "почему", "зачем", "когда", "где", "кто", "какой", "какая", "какие", "ли", "и", "в", "на", "с", "по", "для", "к", "у", "из", "о",
        "мы", "я", "вы", "ты", "это", "нам", "нас", "кто-нибудь", "кто-то", "знает", "подскажите", "можно", "нужно", "ли", "а", "не", "без", "нет", "уже",
        "як", "що", "чому", "коли", "де", "хто", "який", "яка", "які", "чи", "і", "та", "з", "до", "ми", "ви", "ти", "це", "знає", "можна", "треба",
    ], StringComparer.Ordinal);

    public const int Prefix = 5;

    public static HashSet<string> Words(string content) =>
        TextTokens.Words(content).Where(w => !Common.Contains(w)).Select(w => WordStems.Stem(w) is var stem && stem.Length > Prefix ? stem[..Prefix] : stem)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Jaccard: shared words over all words; 0 when either has none.</summary>
    public static double Of(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : (double)a.Count(b.Contains) / (a.Count + b.Count - a.Count(b.Contains));
}
