using System.Text;

namespace Sift.Analysis.Offline;

/// <summary>
/// What the spam model reads of a text (<see cref="ChatNormalizer.Normalize"/>d first): each token,
/// each pair of neighbouring tokens, each word's character 3- and 4-grams (so a misspelt or cut word
/// still shares most of its pieces), and shapes in place of what varies (SpamFeatures.Shapes.cs: links,
/// numbers, money), mentions, emoji, words in capitals, words that mix scripts, the share of
/// capitals and letters written in styled forms. Each is hashed into one of
/// <see cref="Size"/> buckets: no vocabulary, no allocation per feature.
/// </summary>
public static partial class SpamFeatures
{
    public const int Bits = 16;
    public const int Size = 1 << Bits;

    /// <summary>What is read of a long text: spam says what it is early.</summary>
    public const int MaxChars = 4096;

    private const int MaxWord = 64;
    private static readonly uint Start = Hash("<start>", 1), End = Hash("<end>", 1);
    private static readonly uint Mention = Hash("<mention>", 1), Emoji = Hash("<emoji>", 1), StyledLetters = Hash("<styled>", 1);
    private static readonly uint Bang = Hash("<!>", 1), Bangs = Hash("<!!>", 1), Mixed = Hash("<mixed>", 1), Caps = Hash("<caps>", 1), Alnum = Hash("<alnum>", 1);
    private static readonly uint Shouting = Hash("<shouting>", 1), EmojiWall = Hash("<emoji-wall>", 1), EmojiRow = Hash("<emoji-row>", 1);
    private static readonly uint[] Letters = Shapes("letters", 13), CapitalShare = Shapes("capitals", 11);

    /// <summary>A token of the text and the features it gave, for saying which tokens weighed most.</summary>
    public readonly record struct Token(int Start, int Length, int FirstFeature, int EndFeature);

    /// <summary>Adds the bucket of each feature of <paramref name="normalized"/> to <paramref name="features"/>, and each token to <paramref name="tokens"/>.</summary>
    /// <param name="styled">Letters the text wrote in styled forms (<see cref="ChatNormalizer.Normalize(string, out int)"/>).</param>
    /// <returns>How many words mixed Latin and Cyrillic letters.</returns>
    public static int Extract(string normalized, int styled, List<int> features, List<Token>? tokens = null)
    {
        var text = normalized.AsSpan(0, Math.Min(normalized.Length, MaxChars));
        var (previous, emoji, letters, capitals, mixedWords) = (Start, 0, 0, 0, 0);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var (at, first) = (i, features.Count);
            uint token;
            if (char.IsWhiteSpace(c) || (!char.IsLetterOrDigit(c) && !IsSymbol(text, i) && c is not ('@' or '+' or '!') && !IsCurrency(c)))
            {
                i += char.IsSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                continue;
            }

            if (LinkLength(text[i..]) is > 0 and var link)
            {
                token = AddLink(text.Slice(i, link), features);
                i += link;
            }
            else if (c == '@' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                for (i++; i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'); i++)
                {
                }

                token = Mention;
            }
            else if (char.IsDigit(c) || (c == '+' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                i = AddNumber(text, i, features, out token);
            }
            else if (char.IsLetter(c))
            {
                i = AddWord(text, i, features, out token, ref letters, ref capitals, ref mixedWords);
            }
            else if (IsSymbol(text, i))
            {
                token = Emoji;
                emoji++;
                i += char.IsSurrogate(c) && i + 1 < text.Length ? 2 : 1;
            }
            else if (c == '!')
            {
                var run = i;
                for (; i < text.Length && text[i] == '!'; i++)
                {
                }

                token = i - run > 1 ? Bangs : Bang;
            }
            else
            {
                token = IsCurrency(c) ? Currency : Hash(text.Slice(i, 1), 2);
                i++;
            }

            Add(features, token);
            Add(features, Pair(previous, token));
            previous = token;
            tokens?.Add(new Token(at, i - at, first, features.Count));
        }

        Add(features, Pair(previous, End));
        AddWhole(features, emoji, letters, capitals, styled);
        return mixedWords;
    }

    private static void AddWhole(List<int> features, int emoji, int letters, int capitals, int styled)
    {
        if (styled >= 3)
        {
            Add(features, StyledLetters);
        }

        if (letters >= 8)
        {
            Add(features, CapitalShare[capitals * 10 / letters]);
        }

        if (emoji >= 3)
        {
            Add(features, emoji >= 8 ? EmojiWall : EmojiRow);
        }

        if (letters >= 8 && capitals * 10 >= letters * 6)
        {
            Add(features, Shouting);
        }

        Add(features, Letters[Math.Min(12, (int)Math.Log2(letters + 1))]);
    }

    private static int AddWord(ReadOnlySpan<char> text, int i, List<int> features, out uint token, ref int letters, ref int capitals, ref int mixedWords)
    {
        var start = i;
        var (upper, lower, digits) = (0, 0, 0);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                upper += char.IsUpper(c) ? 1 : 0;
                lower += char.IsLower(c) ? 1 : 0;
                digits += char.IsDigit(c) ? 1 : 0;
            }
            else if (!(c is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1])))
            {
                break;
            }
        }

        var word = text[start..Math.Min(i, start + MaxWord)];
        Span<char> folded = stackalloc char[word.Length];
        var mixed = ChatNormalizer.FoldWord(word, folded);
        letters += upper + lower;
        capitals += upper;
        token = Hash(folded, 4);
        for (var n = 3; n <= 4; n++)
        {
            for (var from = -1; from + n <= folded.Length + 1; from++)
            {
                Add(features, Gram(folded, from, n));
            }
        }

        if (mixed)
        {
            Add(features, Mixed);
            mixedWords++;
        }

        if (upper >= 2 && lower == 0)
        {
            Add(features, Caps);
        }

        if (digits > 0 && upper + lower > 0)
        {
            Add(features, Alnum);
        }

        return i;
    }

    private static uint[] Shapes(string name, int count) => [.. Enumerable.Range(0, count).Select(n => Hash($"<{name}:{n}>", 1))];

    private static bool IsSymbol(ReadOnlySpan<char> text, int i) =>
        Rune.DecodeFromUtf16(text[i..], out var rune, out _) == System.Buffers.OperationStatus.Done && Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.OtherSymbol;

    private static uint Gram(ReadOnlySpan<char> word, int from, int n)
    {
        var hash = 2166136261u ^ (uint)(n * 0x01000193);
        for (var k = from; k < from + n; k++)
        {
            hash = (hash ^ (k < 0 ? '^' : k >= word.Length ? '$' : word[k])) * 16777619u;
        }

        return hash;
    }

    private static uint Hash(ReadOnlySpan<char> text, uint kind)
    {
        var hash = 2166136261u ^ (kind * 0x9E3779B9u);
        foreach (var c in text)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619u;
        }

        return hash;
    }

    private static uint Pair(uint left, uint right) => ((left * 0x9E3779B1u) ^ right) * 0x85EBCA6Bu;

    private static void Add(List<int> features, uint hash) => features.Add((int)((hash * 0x9E3779B1u) >> (32 - Bits)));
}
