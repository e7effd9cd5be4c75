namespace Sift.Analysis.Offline;

/// <summary>
/// An atom's title: a few words that say what it is about, not the sentence it came from (the
/// atom's content keeps that). The sentence's first clause without mentions and labels
/// (<see cref="Sentences.Title"/>), without the name it addresses and the words that only make it
/// polite ("please", "пожалуйста"), at most <see cref="MaxWords"/> words and
/// <see cref="MaxLength"/> characters, cut at a word boundary and never on a dangling "the" or "в".
/// </summary>
public static class AtomTitles
{
    public const int MaxWords = 10;
    public const int MaxLength = 60;

    private static readonly HashSet<string> Fillers = new(
    [
        "please", "pls", "so", "also", "btw", "ok", "okay", "hey", "hi", "well", "guys", "folks", "пожалуйста", "ну", "кстати", "итак", "слушайте", "слушай",
        "короче", "ребята", "коллеги", "будь", "ласка", "колеги", "хлопці", "bitte", "por", "favor",
    ], StringComparer.Ordinal);

    private static readonly HashSet<string> Dangling = new(
    [
        "a", "an", "the", "to", "of", "on", "in", "at", "for", "with", "by", "and", "or", "from", "is", "are", "that", "в", "на", "с", "и", "по", "для",
        "к", "у", "из", "от", "до", "о", "об", "что", "а", "но", "з", "та", "і", "й", "що", "der", "die", "das", "und", "el", "la", "de", "y",
    ], StringComparer.Ordinal);

    public static string Of(string sentence)
    {
        var title = Sentences.Title(sentence);
        if (Owners.Addressee(title) is { } name)
        {
            title = title[(title.IndexOf(name, StringComparison.Ordinal) + name.Length)..].TrimStart(',', ' ');
        }

        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && Fillers.Contains(TextTokens.Fold(words[0].TrimEnd(',', ':'))))
        {
            words.RemoveAt(0);
        }

        var cut = false;
        while (words.Count > 1 && (words.Count > MaxWords || string.Join(' ', words).Length > MaxLength))
        {
            words.RemoveAt(words.Count - 1);
            cut = true;
        }

        while (cut && words.Count > 1 && Dangling.Contains(TextTokens.Fold(words[^1].TrimEnd(',', ';', ':'))))
        {
            words.RemoveAt(words.Count - 1);
        }

        var text = string.Join(' ', words).TrimEnd(',', ';', ':', '—', '–', '-', ' ');
        text = text.Length > MaxLength ? text[..(MaxLength - 1)] : text;
        text += cut ? "…" : "";
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
