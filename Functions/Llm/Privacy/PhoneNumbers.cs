using System.Text.RegularExpressions;

namespace Sift.Llm;

/// <summary>
/// Phone numbers: international (+ or 00, then a country code; the length the code's plan has,
/// else 8-15 digits) and the local shapes people write — Russian/CIS 8 (912) 345-67-89, a trunk 0
/// (030 1234567, 07700 900123, 01 23 45 67 89), North American (555) 123-4567, 1-800-555-1234,
/// and 123-45-67. Not dates, times, versions, IP addresses, amounts (1 000 000), or numbers after
/// an order, invoice, ticket or id word.
/// </summary>
internal static partial class PhoneNumbers
{
    /// <summary>Total digits (country code included) of numbers in plans of one length; others take 8-15.</summary>
    private static readonly (string Code, int Digits)[] Plans =
    [
        ("380", 12), ("375", 12), ("998", 12), ("995", 12), ("996", 12), ("994", 12), ("992", 12), ("972", 12), ("420", 12), ("421", 12),
        ("351", 12), ("374", 11), ("373", 11), ("370", 11), ("371", 11),
        ("44", 12), ("33", 11), ("34", 11), ("48", 11), ("31", 11), ("90", 12), ("91", 12), ("86", 13), ("36", 11), ("40", 11), ("30", 12),
        ("61", 11), ("27", 11),
        ("1", 11), ("7", 11),
    ];

    public static IEnumerable<(int Start, int End)> Find(string text) => PiiScrubber.Candidates(text, Candidate(), CanStart, IsPhone);

    private static bool CanStart(string text, int start)
    {
        var before = Math.Max(0, start - 30);
        return !PiiScrubber.ContinuesANumber(text, start) && !NotAPhoneBefore().IsMatch(text.AsSpan(before, start - before));
    }

    private static bool IsPhone(string text, int start, int end)
    {
        if (NotAPhoneAfter().IsMatch(text.AsSpan(end, Math.Min(10, text.Length - end))))
        {
            return false;
        }

        var written = text[start..end];
        var digits = string.Concat(written.Where(char.IsDigit));
        if (written.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal))
        {
            var number = written.StartsWith('+') ? digits : digits[2..];
            if (number.Length == 0 || number[0] == '0')
            {
                return false; // no country code starts with 0
            }

            var plan = Plans.FirstOrDefault(p => number.StartsWith(p.Code, StringComparison.Ordinal));
            return plan.Code is null ? number.Length is >= 8 and <= 15 : number.Length == plan.Digits;
        }

        if (digits.Length is not (7 or 10 or 11))
        {
            return false; // no local shape below has another length
        }

        if (written.Contains('.'))
        {
            return UsDotted().IsMatch(written) || FrenchDotted().IsMatch(written);
        }

        var groups = Group().Matches(written).Select(g => g.Value.Trim('(', ')')).ToArray();
        if (groups.Skip(1).Any(g => g.Length < 2) || IsAmount(written, groups))
        {
            return false;
        }

        var separated = groups.Length > 1;
        return digits.Length switch
        {
            11 when digits[0] is '7' or '8' => true,
            10 or 11 when digits[0] == '0' => true,
            10 when separated => groups.Select(g => g.Length).SequenceEqual([3, 3, 4]),
            11 when separated && digits[0] == '1' => groups.Select(g => g.Length).SequenceEqual([1, 3, 3, 4]),
            7 => written.Contains('-') && groups.Select(g => g.Length).SequenceEqual([3, 2, 2]),
            _ => false,
        };
    }

    /// <summary>Thousands in groups of three (1 000 000, 25 000), which no local plan writes.</summary>
    private static bool IsAmount(string written, string[] groups) =>
        !written.Contains('(') && written[0] != '0' && groups.Length > 1 && groups[0].Length <= 3 && groups.Skip(1).All(g => g.Length == 3);

    /// <summary>From a + (or a digit or a parenthesised area code), digits with single spaces, dots or dashes between them.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_@#№$€£+\-./\\])(?:\+[ \u00A0]?)?(?:\([0-9]{1,5}\)|[0-9])(?:[ \u00A0.\-]?(?:\([0-9]{1,5}\)|[0-9])){5,22}")]
    private static partial Regex Candidate();

    [GeneratedRegex(@"\(?[0-9]+\)?")]
    private static partial Regex Group();

    [GeneratedRegex(@"^\(?[0-9]{3}\)?\.[0-9]{3}\.[0-9]{4}$")]
    private static partial Regex UsDotted();

    [GeneratedRegex(@"^0[0-9](?:\.[0-9]{2}){4}$")]
    private static partial Regex FrenchDotted();

    /// <summary>The word before names the number as something else: an order, invoice, ticket, id, version, tracking or tax number.</summary>
    [GeneratedRegex(@"(?:#|№|\bno\.?|\bnr\.?|\border|\binvoice|\bticket|\btracking|\bid|\bversion|\bbuild|\bзаказ\p{L}*|\bсч[её]т\p{L}*|\bнакладн\p{L}*|\bтрек\p{L}*|\bартикул\p{L}*|\bинн|\bверси\p{L}*|\bномер заказа)\s*[:.]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPhoneBefore();

    /// <summary>A currency or unit after the number makes it an amount.</summary>
    [GeneratedRegex(@"^[ \u00A0]?(?:[₽$€£%]|руб|р\.|грн|тыс|млн|eur\b|usd\b|rub\b|uah\b|kb\b|mb\b|gb\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPhoneAfter();
}
