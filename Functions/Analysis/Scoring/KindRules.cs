using System.Globalization;
using Sift.Analysis.Labels;
using Sift.Analysis.Offline;
using Sift.Messages;

namespace Sift.Analysis.Scoring;

/// <summary>
/// The rules that recognise what kind of message this is before its content is weighed: each
/// returns the class it decides and the factor that says why, with a weight large enough to lead
/// the list. Checked in order; the first that matches decides. The learned model (<see cref="SpamModel"/>)
/// decides spam after the spam cues, and noise after the noise rules, each from its threshold.
/// </summary>
internal static class KindRules
{
    /// <summary>Content words up to which shouting is most of what a message does.</summary>
    private const int ShortMessage = 8;

    public static (MessageClass? Class, AnalysisFactor? Factor) Decide(
        MessageDocument message, MessageText text, int contentWords, bool repeated, SpamModel? model, LabelEvidence? labels = null)
    {
        if (message.Kind == MessageKind.Service)
        {
            return (MessageClass.Noise, new("service_message", -0.6, message.ServiceAction));
        }

        if (message.Sender?.IsBot == true)
        {
            return (MessageClass.Noise, new("bot_sender", -0.5, message.Sender.Username));
        }

        if (text.IsEmpty)
        {
            return message.Kind == MessageKind.Text
                ? (MessageClass.Noise, new("empty", -0.5))
                : (MessageClass.Noise, new("media_without_caption", -0.5, message.Kind.ToString().ToLowerInvariant()));
        }

        // A person's label of a text this one nearly copies beats the rules and the model: spam and noise
        // waves are caught after one label, and a copy of a text labelled readable is not called spam again.
        if (labels?.Copy is { } copy)
        {
            return copy.Class switch
            {
                MessageClass.Spam => (MessageClass.Spam, new("labelled_copy", -Math.Round(0.4 + (0.5 * labels.Similarity), 2), labels.CopyDetail)),
                MessageClass.Noise => (MessageClass.Noise, new("labelled_copy", -0.45, labels.CopyDetail)),
                _ => Noise(text, contentWords) ?? LabelledReadable(text, contentWords, labels),
            };
        }

        var spam = SpamCues.Check(text, message.Forward is not null, repeated);
        if (spam.IsSpam)
        {
            return (MessageClass.Spam, new("spam_pattern", -Math.Min(0.9, 0.4 + (0.05 * spam.Strength)), string.Join(", ", spam.Found)));
        }

        var verdict = model?.Classify(text.Raw);
        if (verdict is not null && labels is { SenderLean: > 0 })
        {
            verdict = verdict with { Spam = labels.Lean(verdict.Spam) };
        }

        if (verdict is not null && verdict.IsSpam(model!))
        {
            var evidence = verdict.LookAlikeWords > 0 ? [$"{verdict.LookAlikeWords} words of mixed scripts", .. verdict.Evidence] : verdict.Evidence;
            return (MessageClass.Spam, new("model_spam", -Math.Round(0.4 + (0.5 * verdict.Spam), 2), Detail(verdict.Spam, evidence)));
        }

        return Noise(text, contentWords) ?? LearnedNoise(text, contentWords, verdict, model) ?? LowQuality(text, contentWords);
    }

    /// <summary>A near-copy of a text a person labelled readable: the content decides, unless it is low quality on its face.</summary>
    private static (MessageClass?, AnalysisFactor?) LabelledReadable(MessageText text, int contentWords, LabelEvidence labels) =>
        LowQuality(text, contentWords) is { Item1: not null } lower ? lower : (null, new AnalysisFactor("labelled_copy", 0, labels.CopyDetail));

    /// <summary>A short message with nothing specific that the model finds noise (a thanks, a sticker's words, a laugh the lists lack).</summary>
    private static (MessageClass?, AnalysisFactor?)? LearnedNoise(MessageText text, int contentWords, SpamVerdict? verdict, SpamModel? model) =>
        verdict is not null && verdict.Noise >= model!.NoiseThreshold && contentWords <= 2 && !text.IsQuestion && text.Links == 0 && text.Specifics.Count == 0
            ? (MessageClass.Noise, new("model_noise", -0.45, Detail(verdict.Noise, [])))
            : null;

    private static string Detail(double probability, IReadOnlyList<string> evidence) =>
        string.Create(CultureInfo.InvariantCulture, $"{SpamModel.Version} p={probability:0.00}") + (evidence.Count > 0 ? "; " + string.Join(", ", evidence) : "");

    private static (MessageClass?, AnalysisFactor?)? Noise(MessageText text, int contentWords)
    {
        if (text.Words.Count == 0)
        {
            return text.Emoji > 0 ? (MessageClass.Noise, new("emoji_only", -0.5, $"{text.Emoji} emoji"))
                : WordShapes.IsPlusOne(text.Raw) ? (MessageClass.Noise, new("acknowledgement", -0.45, text.Raw.Trim()))
                : null;
        }

        if (WordShapes.IsPlusOne(text.Raw))
        {
            return (MessageClass.Noise, new("acknowledgement", -0.45, text.Raw.Trim()));
        }

        if (text.Commands > 0 && text.Words.Count <= text.Commands + 1)
        {
            return (MessageClass.Noise, new("bot_command", -0.4));
        }

        var plain = !text.IsQuestion && text.Links == 0 && text.Specifics.Count == 0;
        var acknowledgements = ChatVocabulary.Acknowledgements.FoundIn(text).Concat(text.Words.Where(WordShapes.IsLaughter)).ToList();
        if (plain && contentWords <= 1 && acknowledgements.Count > 0)
        {
            return (MessageClass.Noise, new("acknowledgement", -0.45, string.Join(", ", acknowledgements.Distinct())));
        }

        var greetings = ChatVocabulary.Greetings.FoundIn(text);
        return plain && contentWords <= 1 && greetings.Count > 0
            ? (MessageClass.Noise, new("greeting", -0.45, string.Join(", ", greetings)))
            : null;
    }

    private static (MessageClass?, AnalysisFactor?) LowQuality(MessageText text, int contentWords)
    {
        if (text.Words.Count == 0)
        {
            return (MessageClass.LowQuality, new("no_words", -0.3));
        }

        if (text.Words.Count(WordShapes.IsGibberish) * 2 >= text.Words.Count)
        {
            return (MessageClass.LowQuality, new("gibberish", -0.35));
        }

        if (text.IsAllCaps || (text.HasShoutedWords && contentWords <= ShortMessage))
        {
            return (MessageClass.LowQuality, new("all_caps", -0.3));
        }

        var specific = text.Specifics.Count > 0 || text.Links > 0 || text.Mentions > 0 || ChatVocabulary.Dates.FoundIn(text).Count > 0;
        var vague = ChatVocabulary.Vague.FoundIn(text);
        if (!specific && contentWords <= 3 && vague.Count > 0)
        {
            return (MessageClass.LowQuality, new("vague", -0.3, string.Join(", ", vague)));
        }

        return !specific && contentWords <= 1 ? (MessageClass.LowQuality, new("fragment", -0.3, $"{contentWords} content words")) : (null, null);
    }
}
