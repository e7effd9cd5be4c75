namespace Sift.Analysis.Scoring;

/// <summary>
/// A list of words and phrases to look for in a <see cref="MessageText"/>. An entry without a space
/// is a word prefix (<c>decid</c> finds <c>decided</c> and <c>decide</c>), so one entry covers a
/// word's inflections; an entry with spaces is a phrase of whole words whose last word may be a prefix.
/// An entry ending in <c>$</c> must be the whole word (<c>ok$</c> does not find <c>oktober</c>).
/// </summary>
internal sealed class Cues(params string[] entries)
{
    // Word entries by their first letter: a word is checked only against the entries it could start with.
    private readonly Dictionary<char, (string Entry, bool Exact)[]> words = entries
        .Where(e => !e.Contains(' ', StringComparison.Ordinal))
        .Select(e => (Entry: e.TrimEnd('$'), Exact: e.EndsWith('$')))
        .GroupBy(e => e.Entry[0])
        .ToDictionary(g => g.Key, g => g.ToArray());

    private readonly string[] phrases = [.. entries.Where(e => e.Contains(' ', StringComparison.Ordinal)).Select(e => " " + e.TrimEnd('$'))];

    public bool IsWord(string word)
    {
        if (word.Length == 0 || !words.TryGetValue(word[0], out var candidates))
        {
            return false;
        }

        foreach (var (entry, exact) in candidates)
        {
            if (exact ? word == entry : word.StartsWith(entry, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The distinct entries found, in the order the text has them (phrases after words).</summary>
    public List<string> FoundIn(MessageText text)
    {
        var found = text.Words.Where(IsWord).Distinct().ToList();
        found.AddRange(phrases.Where(p => text.Joined.Contains(p, StringComparison.Ordinal)).Select(p => p.Trim()));
        return found;
    }
}
