using System.Runtime.CompilerServices;
using Sift.Topics;

namespace Sift.Analysis.Offline;

/// <summary>
/// Classifies a text into the user's topics by their words, offline: a topic's phrases (as word
/// sequences), keywords and name count strongly, its description's words weakly; all are compared
/// as stems (<see cref="WordStems"/>), so inflected and compound forms match. The weights of the
/// distinct terms found make a topic's score, and the score a confidence that saturates towards 1.
/// </summary>
public sealed class OfflineTopicClassifier : ITopicClassifier
{
    private const double PhraseWeight = 1.5;
    private const double KeywordWeight = 1.0;
    private const double NameWeight = 0.7;
    private const double DescriptionWeight = 0.2;

    /// <summary>Below this a topic did not match: one description word is a coincidence, not a topic.</summary>
    private const double MinScore = 0.5;

    /// <summary>The score at which confidence reaches 1 - 1/e; a keyword and a phrase together give about 0.8.</summary>
    private const double ScoreScale = 1.5;

    private const int MaxTopics = 3;

    private static readonly ConditionalWeakTable<Topic, List<Term>> TermsOf = [];

    public string Version => "offline-topics-1";

    public Task<IReadOnlyList<TopicMatch>> ClassifyAsync(string text, IReadOnlyList<Topic> topics, CancellationToken cancellationToken) =>
        Task.FromResult(Classify(text, topics));

    public static IReadOnlyList<TopicMatch> Classify(string text, IReadOnlyList<Topic> topics)
    {
        var words = TextTokens.Words(text);
        var sequence = words.ConvertAll(WordStems.Stem);
        var bag = words.SelectMany(w => w.Split('-', '.', '_', '\'', '’').Prepend(w)).Where(w => w.Length > 0).Select(WordStems.Stem).Distinct().ToList();
        var matches = topics
            .Select(topic => (topic, score: TermsOf.GetValue(topic, Terms).Where(t => t.FoundIn(sequence, bag)).Sum(t => t.Weight)))
            .Where(m => m.score >= MinScore)
            .OrderByDescending(m => m.score).ThenBy(m => m.topic.Id, StringComparer.Ordinal)
            .Take(MaxTopics)
            .Select(m => new TopicMatch(m.topic.Id, m.topic.Name, Confidence(m.score)))
            .ToList();
        return matches.Count > 0 ? matches : [new TopicMatch(TopicMatch.UncategorizedId, "Uncategorized", 1.0)];
    }

    private static double Confidence(double score) => Math.Round(1 - Math.Exp(-score / ScoreScale), 3);

    /// <summary>Each distinct term once, at the strongest weight it is given (a name word that is also a keyword counts as a keyword).</summary>
    private static List<Term> Terms(Topic topic)
    {
        var terms = topic.Phrases.Select(p => Term.Of(p, PhraseWeight))
            .Concat(topic.Keywords.Select(k => Term.Of(k, KeywordWeight)))
            .Concat(TextTokens.Words(topic.Name).Where(w => w.Length >= 3).Select(w => Term.Of(w, NameWeight)))
            .Concat(TextTokens.Words(topic.Description ?? "").Where(w => w.Length >= 4).Select(w => Term.Of(w, DescriptionWeight)));
        return [.. terms.Where(t => t.Stems.Count > 0).GroupBy(t => string.Join(' ', t.Stems), StringComparer.Ordinal).Select(g => g.MaxBy(t => t.Weight)!)];
    }

    private sealed record Term(IReadOnlyList<string> Stems, double Weight)
    {
        public static Term Of(string text, double weight) => new(WordStems.Of(text), weight);

        /// <summary>One word anywhere (hyphenated parts included); several words in order, side by side.</summary>
        public bool FoundIn(List<string> sequence, List<string> bag)
        {
            if (Stems.Count == 1)
            {
                return bag.Exists(s => WordStems.SameWord(s, Stems[0]));
            }

            for (var start = 0; start + Stems.Count <= sequence.Count; start++)
            {
                if (Stems.Select((stem, i) => WordStems.SameWord(sequence[start + i], stem)).All(same => same))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
