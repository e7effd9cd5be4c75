using Sift.Messages;

namespace Sift.Analysis.Scoring;

/// <summary>
/// The offline importance and noise scorer: deterministic rules over the text, the sender, the kind
/// of message and its chat's recent messages. Rules that recognise a kind of message (a service
/// message, a bot, spam, an acknowledgement, shouting) decide the class outright; otherwise the sum of
/// the content factors does. The importance is then kept within the class's band.
/// </summary>
public static class SignalScorer
{
    public const string Version = "offline-scorer-1";

    private const double BaseImportance = 0.3;
    private const double HighQualityFrom = 0.65;

    private static readonly Dictionary<MessageClass, (double Low, double High)> Bands = new()
    {
        [MessageClass.Spam] = (0, 0.05),
        [MessageClass.Noise] = (0.02, 0.15),
        [MessageClass.LowQuality] = (0.15, 0.3),
        [MessageClass.Signal] = (0.3, HighQualityFrom),
        [MessageClass.HighQuality] = (HighQualityFrom, 1),
    };

    public static SignalScore Score(MessageDocument message, ScoringContext context)
    {
        var text = new MessageText(message);
        var contentWords = text.Words.Count(IsContent);
        var duplicate = NearDuplicates.Find(text.Words, context.Recent);
        var factors = text.IsEmpty ? [] : ContentFactors.Of(text, contentWords, Math.Clamp(context.Replies, 0, 5), duplicate);
        var raw = BaseImportance + factors.Sum(f => f.Weight);
        var (decided, rule) = KindRules.Decide(message, text, contentWords, duplicate is not null);
        if (rule is not null)
        {
            factors.Add(rule);
        }

        var messageClass = decided ?? (raw >= HighQualityFrom ? MessageClass.HighQuality : raw >= BaseImportance ? MessageClass.Signal : MessageClass.LowQuality);
        var (low, high) = Bands[messageClass];
        var importance = Math.Round(Math.Clamp(raw + (rule?.Weight ?? 0), low, high), 3);
        var ordered = factors.OrderByDescending(f => Math.Abs(f.Weight)).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        return new SignalScore(importance, messageClass, ordered);
    }

    private static bool IsContent(string word) =>
        !ChatVocabulary.Filler.IsWord(word) && !ChatVocabulary.Acknowledgements.IsWord(word) && !ChatVocabulary.Greetings.IsWord(word) && !WordShapes.IsLaughter(word);
}
