using System.Text.RegularExpressions;

namespace Sift.Analysis.Offline;

/// <summary>How the offline extractor cuts a message into sentences and a sentence into a title.</summary>
public static partial class Sentences
{
    public const int MaxTitleLength = 80;

    /// <summary>Sentences in order: cut after <c>. ! ? …</c> followed by a space, and at line breaks.</summary>
    public static List<string> Split(string text) =>
        SentenceBreak().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>
    /// A short clean summary: without leading mentions and labels (<c>TODO:</c>, <c>TIL</c>), the
    /// first clause when it says enough (three words or more), at most <see cref="MaxTitleLength"/> characters.
    /// </summary>
    public static string Title(string sentence)
    {
        var text = LeadingLabel().Replace(LeadingMentions().Replace(sentence.Trim(), ""), "").Trim();
        var clause = ClauseBreak().Split(text, 2)[0].Trim();
        if (TextTokens.Words(clause).Count >= 3)
        {
            text = clause;
        }

        text = text.TrimEnd('.', '!', '…', ';', ':', ',', ' ');
        if (text.Length > MaxTitleLength)
        {
            var cut = text.LastIndexOf(' ', MaxTitleLength - 1);
            text = string.Concat(text.AsSpan(0, cut > MaxTitleLength / 2 ? cut : MaxTitleLength - 1).TrimEnd(), "…");
        }

        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>The first <c>@username</c> of a sentence, as written.</summary>
    public static string? FirstMention(string sentence) => Mention().Match(sentence) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"(?<=[.!?…])\s+|[\r\n]+")]
    private static partial Regex SentenceBreak();

    // Starts only where a run of spaces starts: from inside one, the leading \s* or \s+ rescanned the
    // rest of the run at every space, the square of its length; a match inside a run is also one from its start.
    [GeneratedRegex(@"(?<!\s)\s*[,;:—–]\s+|(?<!\s)\s+-\s+")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"^(@\w{3,32}[\s,:]*)+")]
    private static partial Regex LeadingMentions();

    [GeneratedRegex(@"^(todo|til|fyi|decision|решение|рішення|entscheidung|decisión)\b\s*[:\-–—]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingLabel();

    [GeneratedRegex(@"(?<![\w@])@\w{3,32}")]
    private static partial Regex Mention();
}
