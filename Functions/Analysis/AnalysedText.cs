namespace Sift.Analysis;

/// <summary>
/// The part of a message's text the analysis reads: the first <see cref="MaxLength"/> characters.
/// The message keeps its whole text (search indexes it all); scoring, topics, the embedding,
/// near-duplicates and knowledge extraction read only this prefix, so what one message costs to
/// analyse has a bound whoever wrote it. Telegram's own messages are never longer; a feed item or
/// a crafted export entry can be.
/// </summary>
public static class AnalysedText
{
    /// <summary>Telegram's limit for a message's text: no message sent through Telegram is cut.</summary>
    public const int MaxLength = 4096;

    /// <summary>The prefix of <paramref name="text"/> the analysis reads; a surrogate pair at the cut is not split.</summary>
    public static string Of(string? text)
    {
        if (text is null || text.Length <= MaxLength)
        {
            return text ?? "";
        }

        return text[..(char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength)];
    }

    /// <summary>The factor that says the analysis read only a prefix of the text, or null when it read all of it.</summary>
    public static AnalysisFactor? CutFactor(string? text) =>
        text is { Length: > MaxLength } ? new AnalysisFactor("text_cut", 0, $"the first {MaxLength} of {text.Length} characters were analysed") : null;
}
