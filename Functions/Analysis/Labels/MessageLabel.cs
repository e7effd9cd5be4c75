using Sift.Api;
using Sift.Analysis.Scoring;
using Sift.Knowledge;
using Sift.Storage;

namespace Sift.Analysis.Labels;

/// <summary>
/// A person's class for a message, kept on the message: it beats the model's, in every analysis
/// written after it (<see cref="LabelledAnalysis"/>), and it stays through edits of the text.
/// </summary>
/// <param name="By">The API key that labelled it, as proposals record their reviewers.</param>
/// <param name="Previous">The class the message had just before (the model's, or an earlier label's); null when it was not analysed yet.</param>
public sealed record MessageLabel(MessageClass Class, Reviewer By, DateTimeOffset At, MessageClass? Previous);

/// <summary>How an analysis shows a person's label: the person's class, a factor saying who gave it, and the model's verdict kept to go back to.</summary>
public static class LabelledAnalysis
{
    public const string Factor = "labelled";

    public static MessageAnalysis Labelled(this MessageAnalysis analysis, MessageLabel label)
    {
        var (modelClass, modelImportance) = (analysis.ModelClass ?? analysis.Class, analysis.ModelImportance ?? analysis.Importance);
        var factor = new AnalysisFactor(Factor, label.Class is MessageClass.Signal or MessageClass.HighQuality ? 1 : -1,
            $"{EnumQuery.Name(label.Class)} by {label.By.Name} (key {label.By.KeyId}) at {UtcTimestampConverter.ToText(label.At)}; the model said {EnumQuery.Name(modelClass)}");
        return analysis with
        {
            Class = label.Class,
            Importance = SignalScorer.WithinBand(label.Class, modelImportance),
            ModelClass = modelClass,
            ModelImportance = modelImportance,
            Factors = [factor, .. analysis.Factors.Where(f => f.Name != Factor)],
        };
    }

    /// <summary>The analysis as the model left it, once the label is removed.</summary>
    public static MessageAnalysis Unlabelled(this MessageAnalysis analysis) => analysis.ModelClass is not { } modelClass
        ? analysis
        : analysis with
        {
            Class = modelClass,
            Importance = analysis.ModelImportance ?? analysis.Importance,
            ModelClass = null,
            ModelImportance = null,
            Factors = [.. analysis.Factors.Where(f => f.Name != Factor)],
        };

    /// <summary>The analysis a message should hold: <paramref name="analysis"/> with the message's label, if it has one.</summary>
    public static MessageAnalysis For(this MessageAnalysis analysis, MessageLabel? label) => label is null ? analysis.Unlabelled() : analysis.Labelled(label);
}
