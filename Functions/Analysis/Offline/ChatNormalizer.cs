using System.Globalization;
using System.Text;

namespace Sift.Analysis.Offline;

/// <summary>
/// Undoes what spam does to hide its words from filters, before the spam model reads a text:
/// NFKC (fullwidth and mathematical letters become plain ones), zero-width and decorative marks
/// dropped (<see cref="Normalize"/>, case kept: shouting is a feature), and each word's look-alike
/// letters folded into the script its other letters are in (<see cref="FoldWord"/>), so "зapaбoткa"
/// (Latin a, p, o inside a Cyrillic word) reads as "заработка" and "Еаrn" (a Cyrillic Е) as "earn".
/// Training and inference both read texts through it.
/// </summary>
public static class ChatNormalizer
{
    // Pairs that look alike, Latin first: each maps to the other in a word whose majority is the other script.
    private const string Latin = "aceopxyiABCEHKMOPTXYI";
    private const string Cyrillic = "асеорхуіАВСЕНКМОРТХУІ";

    /// <summary>NFKC, fullwidth and mathematical letters and digits as plain ones, without zero-width or decorative characters.</summary>
    public static string Normalize(string text)
    {
        // Under invariant globalization NFKC leaves non-ASCII compatibility forms as they are, so the styled letters spam uses are folded here.
        var composed = text.Normalize(NormalizationForm.FormKC);
        var plain = new StringBuilder(composed.Length);
        foreach (var rune in composed.EnumerateRunes())
        {
            var value = rune.Value;
            if (value < 0x80)
            {
                plain.Append((char)value);
            }
            else if (Plain(value) is { } folded)
            {
                plain.Append(folded);
            }
            else if (!IsInvisible(rune))
            {
                plain.Append(rune.ToString());
            }
        }

        return plain.ToString();
    }

    /// <summary>
    /// Writes <paramref name="word"/> lower-cased into <paramref name="folded"/> (at least as long), with
    /// its look-alike letters in the script most of its letters without a look-alike are in.
    /// </summary>
    /// <returns>Whether the word mixed Latin and Cyrillic letters: a person rarely does, a filter-dodging spammer often.</returns>
    public static bool FoldWord(ReadOnlySpan<char> word, Span<char> folded)
    {
        // Letters without a look-alike (з, б, ш; s, d, g) say which script a word is in; look-alikes decide only when there are none.
        var (latin, cyrillic, latinOnly, cyrillicOnly) = (0, 0, 0, 0);
        foreach (var c in word)
        {
            var isLatin = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
            var isCyrillic = c is >= '\u0400' and <= '\u04FF';
            latin += isLatin ? 1 : 0;
            cyrillic += isCyrillic ? 1 : 0;
            latinOnly += isLatin && !Latin.Contains(c, StringComparison.Ordinal) ? 1 : 0;
            cyrillicOnly += isCyrillic && !Cyrillic.Contains(c, StringComparison.Ordinal) ? 1 : 0;
        }

        var mixed = latin > 0 && cyrillic > 0;
        var toCyrillic = latinOnly + cyrillicOnly > 0 ? cyrillicOnly >= latinOnly : cyrillic >= latin;
        var (from, to) = toCyrillic ? (Latin, Cyrillic) : (Cyrillic, Latin);
        for (var i = 0; i < word.Length; i++)
        {
            var at = mixed ? from.IndexOf(word[i], StringComparison.Ordinal) : -1;
            folded[i] = char.ToLowerInvariant(at >= 0 ? to[at] : word[i]);
        }

        return mixed;
    }

    /// <summary>The plain letter or digit of a fullwidth, mathematical or circled one.</summary>
    private static char? Plain(int value) => value switch
    {
        >= 0xFF01 and <= 0xFF5E => (char)(value - 0xFF01 + '!'),
        >= 0x1D400 and <= 0x1D6A3 => (value - 0x1D400) % 52 is var letter && letter < 26 ? (char)('A' + letter) : (char)('a' + letter - 26),
        >= 0x1D7CE and <= 0x1D7FF => (char)('0' + ((value - 0x1D7CE) % 10)),
        >= 0x24B6 and <= 0x24CF => (char)('A' + value - 0x24B6),
        >= 0x24D0 and <= 0x24E9 => (char)('a' + value - 0x24D0),
        _ => null,
    };

    // Zero-width spaces and joiners, the soft hyphen, direction marks, the BOM, variation selectors
    // and combining marks left over after NFKC (strike-through and underline "fonts").
    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
        || rune.Value is 0xAD or (>= 0xFE00 and <= 0xFE0F);
}
