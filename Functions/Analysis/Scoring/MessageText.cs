using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sift.Analysis.Offline;
using Sift.Messages;

namespace Sift.Analysis.Scoring;

/// <summary>
/// The surface measures of one message's text the rules read: its folded words, and counts of
/// links, mentions, commands, emoji, capitals and specifics. Links, mentions and commands come from
/// Telegram's entities, or from the text when a source (an export, a feed) brought none.
/// </summary>
internal sealed partial class MessageText
{
    public MessageText(MessageDocument message)
    {
        Raw = AnalysedText.Of(message.Text);
        Words = WordsOf(Raw);
        Joined = " " + string.Join(' ', Words) + " ";
        Links = Math.Max(message.Entities.Count(e => e.Type is "url" or "text_link"), Link().Count(Raw));
        Mentions = Math.Max(message.Entities.Count(e => e.Type is "mention" or "text_mention"), Mention().Count(Raw));
        Commands = Math.Max(message.Entities.Count(e => e.Type == "bot_command"), Command().Count(Raw));
        HasInviteLink = InviteLink().IsMatch(Raw);
        HasMoney = Money().IsMatch(Raw);
        HasShouting = Raw.Contains("!!!", StringComparison.Ordinal);
        HasShoutedWords = ShoutedWords().IsMatch(CodeSpan().Replace(Raw, " "));
        IsQuestion = Raw.Contains('?', StringComparison.Ordinal) || Raw.Contains('¿', StringComparison.Ordinal);
        Specifics = [.. SpecificKinds()];
        foreach (var rune in Raw.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            Emoji += category is UnicodeCategory.OtherSymbol ? 1 : 0;
            Letters += Rune.IsLetter(rune) ? 1 : 0;
            Capitals += Rune.IsUpper(rune) ? 1 : 0;
        }
    }

    /// <summary>The folded words of the analysed prefix of <paramref name="text"/> outside links: a link's words are an address, not what the sender wrote, so they neither add substance nor promote.</summary>
    public static List<string> WordsOf(string text) => TextTokens.Words(Link().Replace(AnalysedText.Of(text), " "));

    /// <summary>The analysed prefix of the text (<see cref="AnalysedText"/>).</summary>
    public string Raw { get; }

    /// <summary>Folded words (<see cref="TextTokens.Words"/>) outside links.</summary>
    public List<string> Words { get; }

    /// <summary>The words joined by single spaces, with a space at each end, for phrase matching.</summary>
    public string Joined { get; }

    public int Links { get; }
    public int Mentions { get; }
    public int Commands { get; }
    public bool HasInviteLink { get; }
    public bool HasMoney { get; }
    public bool HasShouting { get; }
    public bool IsQuestion { get; }

    /// <summary>Three words or more in capitals side by side, outside code (where SQL keywords are capitals).</summary>
    public bool HasShoutedWords { get; }
    public int Emoji { get; }
    public int Letters { get; }
    public int Capitals { get; }

    /// <summary>The kinds of specific detail the text holds (code, number, time, version, ticket).</summary>
    public IReadOnlyList<string> Specifics { get; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Raw);

    /// <summary>Mostly capitals, over enough letters that it is not an acronym.</summary>
    public bool IsAllCaps => Letters >= 8 && Capitals >= Letters * 0.7;

    private IEnumerable<string> SpecificKinds()
    {
        if (Raw.Contains('`', StringComparison.Ordinal) || CodeLike().IsMatch(Raw))
        {
            yield return "code";
        }

        if (Time().IsMatch(Raw))
        {
            yield return "time";
        }

        if (Version().IsMatch(Raw))
        {
            yield return "version";
        }

        if (Ticket().IsMatch(Raw))
        {
            yield return "ticket";
        }

        if (Number().IsMatch(Raw))
        {
            yield return "number";
        }
    }

    // A bare domain starts only where a run of name characters starts: starting after a '-' inside one
    // rescanned the rest of the run from every dash, the square of its length.
    [GeneratedRegex(@"(?:https?://|www\.)\S+|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|ly|me|xyz|win|shop|top|pro|gift|ru|ua|de|es|info|biz|site|online|club|app|link|cc|co)\b(?:/\S*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w@.])@[a-z0-9_]{3,}", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?<!\S)/[a-z][a-z0-9_]*(?:@\w+)?(?![/\w.])", RegexOptions.IgnoreCase)]
    private static partial Regex Command();

    [GeneratedRegex(@"(?:t|telegram)\.me/(?:\+|joinchat/)", RegexOptions.IgnoreCase)]
    private static partial Regex InviteLink();

    // The patterns without lookarounds run on the non-backtracking engine, linear in the text; Money tried
    // each digit of a long run of digits and separators against the rest of the run.
    [GeneratedRegex(@"[$€£₽₴]\s?\d|\d[\d\s.,]*\s?(?:k\s?)?(?:[$€£₽₴]|usdt?\b|eur\b|руб|грн|btc\b)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Money();

    [GeneratedRegex(@"\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]+\b|\w\(\)|\.\w+\(", RegexOptions.NonBacktracking)]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./]\d{1,2}\.?(?!\d)")]
    private static partial Regex Time();

    [GeneratedRegex(@"\bv?\d+\.\d+(?:\.\d+)?\b", RegexOptions.NonBacktracking)]
    private static partial Regex Version();

    [GeneratedRegex(@"#\d{2,}|\b[A-Z]{2,}-\d+\b|\bCVE-\d", RegexOptions.NonBacktracking)]
    private static partial Regex Ticket();

    [GeneratedRegex(@"\b\p{Lu}{2,}\b(?:[\s,.!?]+\b\p{Lu}{2,}\b){2,}", RegexOptions.NonBacktracking)]
    private static partial Regex ShoutedWords();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\d")]
    private static partial Regex Number();
}
