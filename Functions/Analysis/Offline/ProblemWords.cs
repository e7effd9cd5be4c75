namespace Sift.Analysis.Offline;

/// <summary>
/// Whether a sentence reports something going wrong, or that it stopped going wrong. A word for a
/// fault (error, crash, ошибка, падает, помилка) is negated by a negation just before it ("no
/// errors", "без ошибок", "больше не падает", "більше немає помилок") or a word of going away just
/// after it ("errors are gone", "ошибки ушли", "помилки зникли"): such a sentence reports a
/// resolution, not a problem. Phrases that are faults by negation already ("doesn't work",
/// "не работает") stay problems.
/// </summary>
public static class ProblemWords
{
    /// <summary>Words before a fault within this many words negate it.</summary>
    private const int Before = 2;

    /// <summary>Words after a fault within this many words say it went away.</summary>
    private const int After = 2;

    private static readonly string[] NegatedPhrases =
    [
        "doesn't work", "does not work", "not working", "isn't working", "stopped working", "не работает", "перестал работать", "перестало работать",
        "не працює", "funktioniert nicht", "geht nicht", "no funciona",
    ];

    private static readonly string[] FaultPhrases = ["stack trace", "timed out"];

    private static readonly string[] FaultStems =
    [
        "error", "exception", "stacktrace", "fail", "crash", "broken", "bug", "timeout", "ошибк", "исключени", "баг", "пада", "упал", "сломал",
        "помилк", "зламал", "fehler", "absturz", "falla", "fallo",
    ];

    private static readonly HashSet<string> Negations = new(
    [
        "no", "not", "without", "zero", "never", "none", "nothing", "don't", "doesn't", "didn't", "isn't", "aren't", "won't", "wasn't", "weren't",
        "нет", "без", "ни", "не", "никаких", "ноль", "немає", "нема", "жодних", "ніяких", "kein", "keine", "keinen", "keiner", "ohne", "nicht",
        "sin", "ningún", "ninguna", "ningun",
    ], StringComparer.Ordinal);

    private static readonly HashSet<string> GoneWords = new(
    [
        "gone", "away", "anymore", "fixed", "resolved", "solved", "disappeared", "vanished", "нет", "ушли", "ушла", "ушло", "ушёл", "ушел",
        "исчезли", "исчезла", "исчезло", "исчез", "пропали", "пропала", "пропало", "пропал", "исправлена", "исправлены", "исправлено", "немає",
        "нема", "зникли", "зникла", "зникло", "зник", "пішли", "виправлено", "weg", "behoben", "verschwunden", "desapareció", "desaparecieron",
    ], StringComparer.Ordinal);

    /// <returns>
    /// The confidence that the sentence reports a problem: 0.8 for a fault stated outright (a phrase,
    /// "error", "exception"), 0.7 for a word of one (a crash, a failure), 0 for none or only faults that went away.
    /// </returns>
    public static double Problem(IReadOnlyList<string> words)
    {
        var text = $" {string.Join(' ', words)} ";
        if (NegatedPhrases.Any(p => text.Contains($" {p} ", StringComparison.Ordinal)))
        {
            return 0.8;
        }

        var standing = Faults(words, text).Where(at => !Negated(words, at)).ToList();
        return standing.Count == 0 ? 0 : standing.Any(at => words[at] is "error" or "errors" or "exception" or "stacktrace" or "stack" or "timed") ? 0.8 : 0.7;
    }

    /// <summary>Whether the sentence says a fault went away: it names faults and every one is negated.</summary>
    public static bool Resolved(IReadOnlyList<string> words)
    {
        var faults = Faults(words, $" {string.Join(' ', words)} ").ToList();
        return faults.Count > 0 && faults.All(at => Negated(words, at));
    }

    private static IEnumerable<int> Faults(IReadOnlyList<string> words, string text)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (FaultStems.Any(s => words[i].StartsWith(s, StringComparison.Ordinal)) || FaultPhrases.Any(p => p.StartsWith(words[i] + " ", StringComparison.Ordinal) && text.Contains($" {p} ", StringComparison.Ordinal)))
            {
                yield return i;
            }
        }
    }

    private static bool Negated(IReadOnlyList<string> words, int at)
    {
        for (var i = Math.Max(0, at - Before); i < at; i++)
        {
            // Russian and Ukrainian "не" negates only the word right after it: it is in most sentences.
            if (Negations.Contains(words[i]) && (words[i] is not "не" || i == at - 1))
            {
                return true;
            }
        }

        for (var i = at + 1; i <= Math.Min(words.Count - 1, at + After); i++)
        {
            if (GoneWords.Contains(words[i]))
            {
                return true;
            }
        }

        return false;
    }
}
