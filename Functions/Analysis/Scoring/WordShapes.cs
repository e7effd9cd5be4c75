using System.Text.RegularExpressions;

namespace Sift.Analysis.Scoring;

/// <summary>What a word looks like, apart from what it means: laughter, keyboard mash, a held key.</summary>
internal static partial class WordShapes
{
    private const string Vowels = "aeiouyаеёиоуыэюяіїєäöüáéíóú";

    // Runs of neighbouring keys, Latin and Cyrillic: what a hand typing nothing in particular writes.
    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"];

    public static bool IsLaughter(string word) => Laughter().IsMatch(word);

    /// <summary>A word of letters that no language spells: under a fifth vowels, a run along one keyboard row, or one letter held down.</summary>
    public static bool IsGibberish(string word)
    {
        if (word.Length < 4 || !word.All(char.IsLetter))
        {
            return false;
        }

        var vowels = word.Count(c => Vowels.Contains(c, StringComparison.Ordinal));
        return vowels * 5 < word.Length || HeldKey().IsMatch(word) || KeyboardRows.Any(row => row.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>A reaction without words: <c>+</c>, <c>+1</c>, <c>++</c>.</summary>
    public static bool IsPlusOne(string text) => PlusOne().IsMatch(text);

    [GeneratedRegex(@"^(?:ha|ah|he|ja|jaj|ха|ах|хе|хі)+[hjха]?$|^(?:lol|lmao|rofl|xd|хд|кек)$", RegexOptions.NonBacktracking)]
    private static partial Regex Laughter();

    [GeneratedRegex(@"(\w)\1{3,}")]
    private static partial Regex HeldKey();

    [GeneratedRegex(@"^\s*\+{1,3}\s*1?\s*[!.]*\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex PlusOne();
}
