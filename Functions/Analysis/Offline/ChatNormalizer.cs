using System.Globalization;
using System.Text;

namespace Sift.Analysis.Offline;

/// <summary>
/// Undoes what spam does to hide its words from filters, before the spam model reads a text:
/// NFKC (fullwidth and mathematical letters become plain ones, and so do small capitals and the
/// phonetic letters spam writes Cyrillic with: "Сᴩᴏчнᴏ", "ʍᴇжду"), zero-width and decorative marks
/// dropped (<see cref="Normalize"/>, case kept: shouting is a feature), and each word's look-alike
/// letters folded into the script its other letters are in (<see cref="FoldWord"/>), so "зapaбoткa"
/// (Latin a, p, o inside a Cyrillic word) reads as "заработка", "Еаrn" (a Cyrillic Е) as "earn" and
/// "TeIegram" (a capital I for an l) as "telegram".
/// Training and inference both read texts through it.
/// </summary>
public static class ChatNormalizer
{
    // Pairs that look alike, Latin first: each maps to the other in a word whose majority is the other script.
    private const string Latin = "aceopxyiABCEHKMOPTXYI";
    private const string Cyrillic = "асеорхуіАВСЕНКМОРТХУІ";

    // Small capitals and phonetic letters, each as the plain letter it stands for: a capital where the
    // capital has a Cyrillic look-alike (ʙ, ʜ, ᴋ, ᴍ, ᴛ read as в, н, к, м, т in a Cyrillic word), a
    // Cyrillic letter where it has no Latin one (ᴨ, ᴩ, ʍ, ɸ, ɯ, ᴦ, ᴧ for п, р, м, ф, ш, г, л).
    private const string Styled = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢᴨᴩʍɸɯᴦᴧ";
    private const string StyledAs = "aBcdefgHijKlMnoprsTuvwyzпрмфшгл";

    /// <summary>NFKC, fullwidth and mathematical letters and digits as plain ones, without zero-width or decorative characters.</summary>
    public static string Normalize(string text) => Normalize(text, out _);

    /// <param name="styled">How many letters and digits were written in a styled form (fullwidth, mathematical, circled, small capitals): people rarely write so, spam often.</param>
    public static string Normalize(string text, out int styled)
    {
        styled = 0;
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
                styled += char.IsLetterOrDigit(folded) ? 1 : 0;
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
    /// its look-alike letters in the script most of its letters without a look-alike are in, a capital I
    /// between small letters as the l it hides, and a small l between capitals as an I.
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
            var c = at >= 0 ? to[at] : word[i];
            var between = i > 0 && i + 1 < word.Length;
            folded[i] = c == 'I' && between && char.IsLower(word[i - 1]) && char.IsLower(word[i + 1]) ? 'l'
                : c == 'l' && between && char.IsUpper(word[i - 1]) && char.IsUpper(word[i + 1]) ? 'i'
                : char.ToLowerInvariant(c);
        }

        return mixed;
    }

    /// <summary>The plain letter or digit of a fullwidth, mathematical, circled or small capital one (or of a phonetic letter standing for a Cyrillic one).</summary>
    private static char? Plain(int value) => value switch
    {
        >= 0xFF01 and <= 0xFF5E => (char)(value - 0xFF01 + '!'),
        >= 0x1D400 and <= 0x1D6A3 => (value - 0x1D400) % 52 is var letter && letter < 26 ? (char)('A' + letter) : (char)('a' + letter - 26),
        >= 0x1D7CE and <= 0x1D7FF => (char)('0' + ((value - 0x1D7CE) % 10)),
        >= 0x24B6 and <= 0x24CF => (char)('A' + value - 0x24B6),
        >= 0x24D0 and <= 0x24E9 => (char)('a' + value - 0x24D0),
        < 0x10000 when Styled.IndexOf((char)value, StringComparison.Ordinal) is >= 0 and var at => StyledAs[at],
        _ => null,
    };

    // Zero-width spaces and joiners, the soft hyphen, direction marks, the BOM, variation selectors
    // and combining marks left over after NFKC (strike-through and underline "fonts").
    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
        || rune.Value is 0xAD or (>= 0xFE00 and <= 0xFE0F);
}
