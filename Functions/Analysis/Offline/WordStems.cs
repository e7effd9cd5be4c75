namespace Sift.Analysis.Offline;

/// <summary>
/// A light, dictionary-free stemmer for folded words (<see cref="TextTokens.Words"/>), so inflected
/// forms meet: Russian and Ukrainian case and verb endings (<c>деплой</c>, <c>деплоя</c>,
/// <c>деплоем</c>), English, German and Spanish plurals and <c>-ing</c>/<c>-ed</c>. It trades
/// precision for recall on purpose: it only has to make a user's keyword find its own word forms.
/// </summary>
public static class WordStems
{
    private const int MinStem = 3;

    // Endings that hold a consonant; endings of vowels, й and ь alone go in the second pass.
    private static readonly string[] CyrillicEndings =
    [
        "ться", "тись", "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ої", "ій",
        "ам", "ям", "ах", "ях", "ов", "ев", "ом", "ем", "ей", "ой", "ий", "ый", "их", "ых", "им", "ым", "ть", "ся", "сь",
    ];

    private static readonly string[] LatinEndings = ["ing", "ies", "ed", "es", "s"];

    public static string Stem(string word)
    {
        if (word.Length <= MinStem || !char.IsLetter(word[^1]))
        {
            return word;
        }

        return IsCyrillic(word) ? StemCyrillic(word.Replace('ё', 'е')) : StemLatin(word);
    }

    /// <summary>Whether two folded words are forms of one word: equal stems, or one stem (of five letters or more) a short prefix of the other (<c>rechnung</c>, <c>rechnungen</c>; <c>deploy</c>, <c>deployment</c>).</summary>
    public static bool SameWord(string stemA, string stemB)
    {
        if (stemA == stemB)
        {
            return true;
        }

        var (shorter, longer) = stemA.Length <= stemB.Length ? (stemA, stemB) : (stemB, stemA);
        return shorter.Length >= 5 && longer.Length - shorter.Length <= 4 && longer.StartsWith(shorter, StringComparison.Ordinal);
    }

    public static List<string> Of(string text) => TextTokens.Words(text).ConvertAll(Stem);

    private static string StemCyrillic(string word)
    {
        foreach (var ending in CyrillicEndings)
        {
            if (word.Length - ending.Length >= MinStem && word.EndsWith(ending, StringComparison.Ordinal))
            {
                word = word[..^ending.Length];
                break;
            }
        }

        while (word.Length > MinStem && "аеиоуыэюяйьіїє".Contains(word[^1], StringComparison.Ordinal))
        {
            word = word[..^1];
        }

        return word;
    }

    private static string StemLatin(string word)
    {
        foreach (var ending in LatinEndings)
        {
            if (word.Length - ending.Length >= MinStem && word.EndsWith(ending, StringComparison.Ordinal) && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                word = ending == "ies" ? word[..^3] + "y" : word[..^ending.Length];
                break;
            }
        }

        return word.Length > MinStem + 1 && word[^1] is 'e' or 'a' or 'o' ? word[..^1] : word;
    }

    private static bool IsCyrillic(string word) => word[0] is >= 'а' and <= 'я' or 'ё' or 'і' or 'ї' or 'є' or 'ґ';
}
