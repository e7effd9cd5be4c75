using System.Buffers;
using System.Globalization;
using System.Text;

namespace Sift.Analysis.Offline;

/// <summary>
/// Undoes what spam does to hide its words from filters, before the spam model reads a text:
/// NFKC (fullwidth and mathematical letters become plain ones), zero-width and decorative marks
/// dropped (<see cref="Normalize"/>, case kept: shouting is a feature), and each word's look-alike
/// letters folded into the script most of its letters are in (<see cref="FoldWord"/>), so "зapaбoткa"
/// (Latin a, p, o inside a Cyrillic word) reads as "заработка" and "Еаrn" (a Cyrillic Е) as "earn".
/// Training and inference both read texts through it.
/// </summary>
public static class ChatNormalizer
{
    // Pairs that look alike, Latin first: each maps to the other in a word whose majority is the other script.
    private const string Latin = "aceopxyiABCEHKMOPTXYI";
    private const string Cyrillic = "асеорхуіАВСЕНКМОРТХУІ";

    /// <summary>NFKC, without zero-width or decorative characters.</summary>
    public static string Normalize(string text)
    {
        var composed = text.Normalize(NormalizationForm.FormKC);
        return composed.AsSpan().IndexOfAny(Invisible) < 0 && !composed.Any(IsMark) ? composed : string.Concat(composed.Where(c => !IsInvisible(c)));
    }

    /// <summary>
    /// Writes <paramref name="word"/> lower-cased into <paramref name="folded"/> (at least as long), with
    /// its look-alike letters in the script most of its letters are in.
    /// </summary>
    /// <returns>Whether the word mixed Latin and Cyrillic letters: a person rarely does, a filter-dodging spammer often.</returns>
    public static bool FoldWord(ReadOnlySpan<char> word, Span<char> folded)
    {
        var (latin, cyrillic) = (0, 0);
        foreach (var c in word)
        {
            latin += c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' ? 1 : 0;
            cyrillic += c is >= '\u0400' and <= '\u04FF' ? 1 : 0;
        }

        var mixed = latin > 0 && cyrillic > 0;
        var (from, to) = cyrillic >= latin ? (Latin, Cyrillic) : (Cyrillic, Latin);
        for (var i = 0; i < word.Length; i++)
        {
            var at = mixed ? from.IndexOf(word[i], StringComparison.Ordinal) : -1;
            folded[i] = char.ToLowerInvariant(at >= 0 ? to[at] : word[i]);
        }

        return mixed;
    }

    private static readonly SearchValues<char> Invisible = SearchValues.Create(
        "\u00AD\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\uFEFF");

    private static bool IsMark(char c) =>
        c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format;

    // Zero-width spaces and joiners, the soft hyphen, direction marks, the BOM, variation selectors
    // and combining marks left over after NFKC (strike-through and underline "fonts").
    private static bool IsInvisible(char c) => Invisible.Contains(c) || IsMark(c);
}
