using System.Text;

namespace Sift.Bench.SpamModel;

/// <summary>How spam hides its words from filters: look-alike letters of the other script, zero-width spaces, fullwidth letters, capitals, a wall of emoji.</summary>
public static class Disguise
{
    private const string Cyrillic = "аеорсхуАВЕКМНОРСТХ";
    private const string Latin = "aeopcxyABEKMHOPCTX";

    public static string Apply(string text, Random random)
    {
        var disguised = new StringBuilder(text.Length + 16);
        var kind = random.Next(5);
        foreach (var c in text)
        {
            var at = Cyrillic.IndexOf(c, StringComparison.Ordinal);
            var back = Latin.IndexOf(c, StringComparison.Ordinal);
            disguised.Append(kind switch
            {
                0 when at >= 0 && random.Next(3) == 0 => Latin[at].ToString(),
                0 when back >= 0 && random.Next(3) == 0 => Cyrillic[back].ToString(),
                1 when char.IsLetter(c) && random.Next(4) == 0 => $"{c}\u200B",
                2 when c is >= 'a' and <= 'z' => ((char)(c - 'a' + 'ａ')).ToString(),
                3 => char.ToUpperInvariant(c).ToString(),
                _ => c.ToString(),
            });
        }

        return kind == 4 ? $"🔥💰🔥💰🔥 {disguised} 🚀🚀🚀💸💸" : disguised.ToString();
    }
}
