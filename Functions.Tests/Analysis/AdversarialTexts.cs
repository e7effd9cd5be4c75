using System.Text;

namespace Sift.Tests.Analysis;

/// <summary>
/// Texts built against the analysers' patterns: each repeats a unit that a backtracking pattern
/// scans far from every position without matching. bench/AdversarialText measures the same texts.
/// </summary>
internal static class AdversarialTexts
{
    public static IReadOnlyList<(string Name, Func<int, string> Make)> All { get; } =
    [
        ("digits and spaces", n => Repeat("1 ", n)),
        ("one long number", n => Repeat("1", n)),
        ("'$' then digits and separators", n => "$" + Repeat("1,1.1 ", n - 1)),
        ("'http' repeated", n => Repeat("http", n)),
        ("'a-' repeated", n => Repeat("a-", n)),
        ("'a.' repeated", n => Repeat("a.", n)),
        ("letters without a space", n => Repeat("a", n)),
        ("spaces between two words", n => "a" + Repeat(" ", n - 2) + "b"),
        ("'+' then spaces", n => "+" + Repeat(" ", n - 2) + "x"),
        ("'a@' repeated", n => Repeat("a@", n)),
        ("'@a.' repeated", n => Repeat("@a.", n)),
        ("'no 1234567 ' repeated", n => Repeat("no 1234567 ", n)),
        ("'(1)' repeated", n => Repeat("(1)", n)),
        ("'AB ' repeated", n => Repeat("AB ", n)),
        ("'a_' repeated", n => Repeat("a_", n)),
        ("'1.' repeated", n => Repeat("1.", n)),
        ("'ha' repeated", n => Repeat("ha", n - 1) + "x"),
        ("'@abc ' repeated", n => Repeat("@abc ", n)),
        ("'. ' repeated", n => Repeat(". ", n)),
        ("', ' repeated", n => Repeat(" ,", n)),
    ];

    public static string Make(string name, int length) => All.Single(t => t.Name == name).Make(length);

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString(0, length);
    }
}
