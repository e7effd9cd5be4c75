using System.Globalization;
using System.Text;

namespace Sift.Storage;

/// <summary>
/// User text as search terms: runs of letters, digits and combining marks in any script, folded
/// (NFKC, invariant lower case). Everything else separates terms, so quotes, operators and
/// asterisks are never syntax to a search engine; a text with no letter or digit has no terms.
/// </summary>
public static class SearchTerms
{
    /// <summary>Enough for any real query; more terms only make BM25 slower, not better.</summary>
    public const int MaxTerms = 32;

    public static IReadOnlyList<string> Of(string text)
    {
        var folded = Fold(text);
        var terms = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length && terms.Count < MaxTerms; i++)
        {
            if (i < folded.Length && IsTermChar(folded[i]))
            {
                start = start < 0 ? i : start;
            }
            else if (start >= 0)
            {
                var term = folded[start..i];
                if (!terms.Contains(term, StringComparer.Ordinal))
                {
                    terms.Add(term);
                }

                start = -1;
            }
        }

        return terms;
    }

    /// <summary>NFKC, invariant lower case: the form terms are compared in.</summary>
    public static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>
    /// An FTS5 query matching any of the terms (BM25 ranks texts holding more of them, and rarer
    /// ones, first). Each term is an FTS5 string (double quotes, inner quotes doubled), so no term
    /// is ever read as an operator (AND, OR, NOT, NEAR), a column filter, a prefix star or a group.
    /// </summary>
    public static string Fts5Query(IReadOnlyList<string> terms) =>
        string.Join(" OR ", terms.Select(term => $"\"{term.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));

    private static bool IsTermChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}

/// <summary>
/// What a hit shows of its text, as HTML: the text escaped (<c>&amp; &lt; &gt; " '</c>), so a
/// message's <c>&lt;img onerror=…&gt;</c> is shown, never run, and only the marks around matched
/// words are markup. Engines mark matches with <see cref="Open"/> and <see cref="Close"/>
/// (Unicode noncharacters), which become <c>&lt;mark&gt;</c> after escaping; a message that holds
/// them itself can only add balanced marks.
/// </summary>
public static class SearchSnippets
{
    public const string MarkStart = "<mark>";
    public const string MarkEnd = "</mark>";
    public const string Ellipsis = "…";
    public const char Open = '\uFDD0';
    public const char Close = '\uFDD1';

    /// <summary>Characters of a leading excerpt (about the 12–16 words an FTS5 snippet shows).</summary>
    public const int ExcerptLength = 120;

    /// <summary><paramref name="marked"/> escaped, its <see cref="Open"/>/<see cref="Close"/> pairs as marks.</summary>
    public static string Html(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        foreach (var c in marked)
        {
            _ = c switch
            {
                Open when !open => html.Append(MarkStart),
                Close when open => html.Append(MarkEnd),
                Open or Close => html,
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                _ => html.Append(c),
            };
            open = c switch { Open => true, Close => false, _ => open };
        }

        return (open ? html.Append(MarkEnd) : html).ToString();
    }

    /// <summary>The opening of <paramref name="text"/>, cut at a word boundary, as HTML.</summary>
    public static string Leading(string text) => Html(LeadingText(Flat(text)));

    /// <summary>
    /// A window of <paramref name="text"/> around the first of <paramref name="terms"/> it holds
    /// as a word, each occurrence marked, as HTML; the leading excerpt when none occurs (a match by
    /// meaning). For adapters whose engine has no snippet function (Cosmos DB).
    /// </summary>
    public static string Around(string text, IReadOnlyList<string> terms)
    {
        var flat = Flat(text);
        var words = Words(flat);
        var first = words.FindIndex(w => terms.Contains(w.Folded, StringComparer.Ordinal));
        if (first < 0)
        {
            return Html(LeadingText(flat));
        }

        var from = words[Math.Max(0, first - 4)].Start;
        var last = words.FindLastIndex(w => w.Start + w.Length <= from + ExcerptLength);
        var to = last < first ? words[first].Start + words[first].Length : words[last].Start + words[last].Length;
        var snippet = new StringBuilder(from > 0 ? Ellipsis : "");
        var at = from;
        foreach (var word in words.Where(w => w.Start >= from && w.Start + w.Length <= to && terms.Contains(w.Folded, StringComparer.Ordinal)))
        {
            snippet.Append(flat, at, word.Start - at).Append(Open).Append(flat, word.Start, word.Length).Append(Close);
            at = word.Start + word.Length;
        }

        return Html(snippet.Append(flat, at, to - at).Append(to < flat.Length ? Ellipsis : "").ToString());
    }

    /// <summary>Whether <paramref name="text"/> holds any of <paramref name="terms"/> as a word.</summary>
    public static bool Holds(string text, IReadOnlyList<string> terms) => Words(text).Any(w => terms.Contains(w.Folded, StringComparer.Ordinal));

    /// <summary>Whitespace runs as one space, and no marker the text itself holds.</summary>
    private static string Flat(string text) =>
        string.Join(' ', text.Replace(Open, ' ').Replace(Close, ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string LeadingText(string flat)
    {
        if (flat.Length <= ExcerptLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', ExcerptLength);
        return flat[..(cut > ExcerptLength / 2 ? cut : ExcerptLength)] + Ellipsis;
    }

    private static List<(int Start, int Length, string Folded)> Words(string text)
    {
        var words = new List<(int, int, string)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && (char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) is UnicodeCategory.NonSpacingMark))
            {
                start = start < 0 ? i : start;
            }
            else if (start >= 0)
            {
                words.Add((start, i - start, SearchTerms.Fold(text[start..i])));
                start = -1;
            }
        }

        return words;
    }
}
