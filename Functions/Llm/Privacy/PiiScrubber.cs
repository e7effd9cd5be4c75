using System.Text;
using System.Text.RegularExpressions;

namespace Sift.Llm;

/// <summary>
/// Replaces personal data in text bound for a model with numbered placeholders: emails, phone
/// numbers, payment cards (Luhn-valid), IBANs (mod-97-valid) and, when asked (setting
/// <c>Llm:ScrubUsernames</c>), @usernames. The same value gets the same placeholder, numbered in
/// order of first appearance per kind; <see cref="Scrubbed.Restore"/> puts the values back.
/// </summary>
/// <remarks>
/// Kinds are found in order of how sure a match is (email, IBAN, card, phone, username); a later
/// kind never takes text an earlier one took. Numbers are found as candidates first and then
/// checked (checksums for cards and IBANs; shapes, lengths and the words around them for phones),
/// trying shorter candidates that end at a group boundary, so a number followed by another number
/// is still found.
/// </remarks>
public static partial class PiiScrubber
{
    private static readonly IReadOnlyDictionary<string, string> Nothing = new Dictionary<string, string>();

    public static Scrubbed Scrub(string text, bool usernames)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Found>();
        Take(found, PiiKind.Email, Email().Matches(text).Select(m => (m.Index, m.Index + m.Length)));
        Take(found, PiiKind.Iban, BankNumbers.Ibans(text));
        Take(found, PiiKind.Card, BankNumbers.Cards(text));
        Take(found, PiiKind.Phone, PhoneNumbers.Find(text));
        if (usernames)
        {
            Take(found, PiiKind.User, Username().Matches(text).Select(m => (m.Index, m.Index + m.Length)));
        }

        return found.Count == 0 ? new Scrubbed(text, Nothing) : Replace(text, found);
    }

    /// <summary>
    /// Candidates, tried at each position and shortened to group boundaries, longest first, until
    /// <paramref name="accept"/> takes one. What comes before a candidate is judged once
    /// (<paramref name="canStart"/>), not again for each shorter end: a run of numbers has a candidate
    /// at nearly every character.
    /// </summary>
    internal static IEnumerable<(int Start, int End)> Candidates(string text, Regex candidates, Func<string, int, bool> canStart, Func<string, int, int, bool> accept)
    {
        var at = 0;
        while (at < text.Length && candidates.Match(text, at) is { Success: true } match)
        {
            var end = -1;
            var longest = canStart(text, match.Index) ? match.Index + match.Length : match.Index;
            for (var e = longest; e > match.Index && end < 0; e--)
            {
                if (char.IsLetterOrDigit(text[e - 1]) && (e == text.Length || !char.IsLetterOrDigit(text[e])) && accept(text, match.Index, e))
                {
                    end = e;
                }
            }

            if (end < 0)
            {
                at = match.Index + 1;
                continue;
            }

            yield return (match.Index, end);
            at = end;
        }
    }

    /// <summary>Digits just before (one separator between) mean the candidate is the tail of a longer number or code.</summary>
    internal static bool ContinuesANumber(string text, int start) =>
        start >= 2 && text[start - 1] is ' ' or '\u00A0' or '-' or '.' && char.IsDigit(text[start - 2]);

    private static void Take(List<Found> found, PiiKind kind, IEnumerable<(int Start, int End)> spans)
    {
        foreach (var (start, end) in spans)
        {
            if (!found.Any(f => start < f.End && f.Start < end))
            {
                found.Add(new Found(kind, start, end));
            }
        }
    }

    private static Scrubbed Replace(string text, List<Found> found)
    {
        var placeholders = new Dictionary<(PiiKind, string), string>();
        var counts = new Dictionary<PiiKind, int>();
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        var scrubbed = new StringBuilder(text.Length);
        var position = 0;
        foreach (var item in found.OrderBy(f => f.Start))
        {
            var value = text[item.Start..item.End];
            if (!placeholders.TryGetValue((item.Kind, value), out var placeholder))
            {
                counts[item.Kind] = counts.GetValueOrDefault(item.Kind) + 1;
                placeholder = $"[{Label(item.Kind)}_{counts[item.Kind]}]";
                placeholders[(item.Kind, value)] = placeholder;
                originals[placeholder] = value;
            }

            scrubbed.Append(text, position, item.Start - position).Append(placeholder);
            position = item.End;
        }

        scrubbed.Append(text, position, text.Length - position);
        return new Scrubbed(scrubbed.ToString(), originals);
    }

    private static string Label(PiiKind kind) => kind switch
    {
        PiiKind.Email => "EMAIL",
        PiiKind.Phone => "PHONE",
        PiiKind.Card => "CARD",
        PiiKind.Iban => "IBAN",
        _ => "USER",
    };

    private enum PiiKind { Email, Iban, Card, Phone, User }

    private sealed record Found(PiiKind Kind, int Start, int End);

    /// <summary>Local part and domain in any script (internationalised addresses), a top-level domain of letters.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-](?:[\p{L}\p{N}._%+-]*[\p{L}\p{N}_%+-])?@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-])")]
    private static partial Regex Email();

    /// <summary>A Telegram username: 5-32 characters of Latin letters, digits and '_', starting with a letter.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_@./])@[A-Za-z][A-Za-z0-9_]{3,31}(?![\p{L}\p{N}_@])")]
    private static partial Regex Username();
}
