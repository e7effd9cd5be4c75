namespace Sift.Analysis.Offline;

/// <summary>
/// The person a task names without an @mention: the one it addresses ("Boris, please migrate…",
/// "Борис, сделай…", "Богдане, перевір…") or assigns ("TODO: Boris to migrate…", "Anna will
/// check…"). A name is a capitalized word at the start of the sentence (after a TODO label) that is
/// no greeting, pronoun or group ("Guys,", "Коллеги,"); read by hand, in one pass.
/// </summary>
public static class Owners
{
    private static readonly string[] Labels = ["todo", "to-do", "action item"];

    /// <summary>English words after a name that give it the task.</summary>
    private static readonly HashSet<string> Assigning = new(["to", "will", "should", "must", "needs", "has", "can", "could"], StringComparer.Ordinal);

    private static readonly HashSet<string> NotNames = new(
    [
        "please", "pls", "guys", "team", "all", "everyone", "everybody", "folks", "hey", "hi", "hello", "ok", "okay", "so", "also", "then", "now", "today",
        "tomorrow", "thanks", "yes", "no", "well", "btw", "but", "and", "i", "we", "you", "they", "he", "she", "it", "someone", "somebody", "anyone", "this",
        "that", "there", "here", "what", "why", "how", "when", "where", "who", "which", "if", "maybe", "sorry", "note", "update", "fyi",
        "коллеги", "ребята", "друзья", "народ", "все", "всем", "привет", "спасибо", "ок", "так", "итак", "теперь", "сегодня", "завтра", "да", "нет", "ну",
        "слушай", "слушайте", "пожалуйста", "кстати", "я", "мы", "вы", "ты", "он", "она", "они", "кто", "что", "как", "когда", "где", "почему", "если",
        "колеги", "хлопці", "друзі", "усі", "всі", "привіт", "дякую", "будь", "ми", "ви", "ти", "він", "вона", "вони", "хто", "що", "як", "коли", "чому",
        "bitte", "leute", "hallo", "danke", "ich", "wir", "ihr", "por", "hola", "chicos", "gracias", "yo", "nosotros",
    ], StringComparer.Ordinal);

    /// <returns>The name as written, or null.</returns>
    public static string? Named(string sentence) =>
        Lead(sentence) is ({ } name, var rest) && (rest.StartsWith(',') || Assigns(rest)) ? name : null;

    /// <summary>The name a sentence opens by addressing ("Boris, …"), or null.</summary>
    public static string? Addressee(string sentence) => Lead(sentence) is ({ } name, var rest) && rest.StartsWith(',') ? name : null;

    /// <summary>The capitalized word a sentence opens with (after a TODO label), if it can be a name, and what follows it.</summary>
    private static (string? Name, string After) Lead(string sentence)
    {
        var text = sentence.TrimStart();
        foreach (var label in Labels)
        {
            if (text.StartsWith(label, StringComparison.OrdinalIgnoreCase) && text.Length > label.Length && !char.IsLetterOrDigit(text[label.Length]))
            {
                text = text[label.Length..].TrimStart(':', '-', '–', '—', ' ');
                break;
            }
        }

        var end = 0;
        while (end < text.Length && (char.IsLetter(text[end]) || (text[end] is '-' or '\'' && end > 0 && end + 1 < text.Length && char.IsLetter(text[end + 1]))))
        {
            end++;
        }

        var word = text[..end];
        return word.Length is >= 2 and <= 30 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLower) && !NotNames.Contains(TextTokens.Fold(word))
            ? (word, text[end..].TrimStart(' '))
            : (null, text);
    }

    private static bool Assigns(string rest)
    {
        var words = TextTokens.Words(rest);
        return words.Count >= 2 && Assigning.Contains(words[0]) && (words[0] is not "needs" and not "has" || words[1] == "to");
    }
}
