using Sift.Analysis.Offline;
using Sift.Messages;

namespace Sift.Analysis.Scoring;

/// <summary>
/// The offline importance and noise scorer: deterministic rules over the text, the sender, the kind
/// of message and its chat's recent messages. Rules that recognise a kind of message (a service
/// message, a bot, spam, an acknowledgement, shouting) decide the class outright, with the learned spam
/// and noise model (<see cref="SpamModel"/>) among them, and what people's labels taught (<see cref="LabelEvidence"/>);
/// otherwise the sum of the content factors does.
/// The importance is then kept within the class's band. A new model is a new version.
/// </summary>
public static class SignalScorer
{
    public const string Version = "offline-scorer-3-" + SpamModel.Version;

    private const double BaseImportance = 0.3;
    private const double HighQualityFrom = 0.6;

    /// <summary>A problem report this long is detailed enough to be worth keeping on its own.</summary>
    private const int DetailedReport = 18;

    // High quality holds knowledge: a decision, a task with an owner or a date, a cause or fix, a detailed
    // problem report. A question, however specific and discussed, is signal until it is answered.
    private static readonly HashSet<string> KnowledgeFactors = ["decision", "action_item", "due_date", "resolution"];

    private static readonly Dictionary<MessageClass, (double Low, double High)> Bands = new()
    {
        [MessageClass.Spam] = (0, 0.05),
        [MessageClass.Noise] = (0.02, 0.15),
        [MessageClass.LowQuality] = (0.15, 0.3),
        [MessageClass.Signal] = (0.3, HighQualityFrom - 0.001),
        [MessageClass.HighQuality] = (HighQualityFrom, 1),
    };

    public static SignalScore Score(MessageDocument message, ScoringContext context) => Score(message, context, SpamModel.Shipped);

    /// <param name="model">The learned model; none for the rules alone (what bench/SpamModel compares with).</param>
    public static SignalScore Score(MessageDocument message, ScoringContext context, SpamModel? model)
    {
        var text = new MessageText(message);
        var contentWords = text.Words.Count(IsContent);
        var duplicate = NearDuplicates.Find(message, text.Words, context.Recent);
        var factors = text.IsEmpty ? [] : ContentFactors.Of(text, contentWords, Math.Clamp(context.Replies, 0, 5), duplicate);
        if (context.Labels is { SenderSpam: > 0 } labels)
        {
            factors.Add(new("sender_labelled_spam", -Math.Min(0.3, 0.1 * labels.SenderSpam), labels.SenderDetail));
        }

        var raw = BaseImportance + factors.Sum(f => f.Weight);
        var (decided, rule) = KindRules.Decide(message, text, contentWords, duplicate is not null, model, context.Labels);
        if (rule is not null)
        {
            factors.Add(rule);
        }

        if (AnalysedText.CutFactor(message.Text) is { } cut)
        {
            factors.Add(cut);
        }

        var holdsKnowledge = factors.Exists(f => KnowledgeFactors.Contains(f.Name)) || (factors.Exists(f => f.Name == "problem") && contentWords >= DetailedReport);
        var messageClass = decided
            ?? (raw >= HighQualityFrom && holdsKnowledge ? MessageClass.HighQuality : raw >= BaseImportance ? MessageClass.Signal : MessageClass.LowQuality);
        // A class decided by a rule, or a question held at signal, keeps its importance inside the class's band.
        var importance = WithinBand(messageClass, raw + (rule?.Weight ?? 0));
        var ordered = factors.OrderByDescending(f => Math.Abs(f.Weight)).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        return new SignalScore(importance, messageClass, ordered);
    }

    /// <summary><paramref name="importance"/> kept within <paramref name="messageClass"/>'s band, as every analysis keeps it.</summary>
    public static double WithinBand(MessageClass messageClass, double importance) =>
        Math.Round(Math.Clamp(importance, Bands[messageClass].Low, Bands[messageClass].High), 3);

    private static bool IsContent(string word) =>
        !ChatVocabulary.Filler.IsWord(word) && !ChatVocabulary.Acknowledgements.IsWord(word) && !ChatVocabulary.Greetings.IsWord(word) && !WordShapes.IsLaughter(word);
}
