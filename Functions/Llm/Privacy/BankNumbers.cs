using System.Text.RegularExpressions;

namespace Sift.Llm;

/// <summary>Payment cards and IBANs, taken only when their checksum holds (Luhn, ISO 7064 mod 97-10).</summary>
internal static partial class BankNumbers
{
    /// <summary>IBAN lengths by country (the SWIFT IBAN registry); a country not listed may have any length from 15 to 34.</summary>
    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BR"] = 29,
        ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29,
        ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28,
        ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20,
        ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19,
        ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29,
        ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28,
        ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    public static IEnumerable<(int Start, int End)> Ibans(string text) => PiiScrubber.Candidates(text, IbanCandidate(), static (_, _) => true, IsIban);

    public static IEnumerable<(int Start, int End)> Cards(string text) =>
        PiiScrubber.Candidates(text, CardCandidate(), static (text, start) => !PiiScrubber.ContinuesANumber(text, start), IsCard);

    private static bool IsIban(string text, int start, int end)
    {
        var iban = string.Concat(text.AsSpan(start, end - start).ToArray().Where(char.IsLetterOrDigit));
        if (iban.Length is < 15 or > 34 || (IbanLengths.TryGetValue(iban[..2], out var length) && iban.Length != length))
        {
            return false;
        }

        // Move the country and check digits to the end, read letters as 10..35, and the remainder mod 97 must be 1.
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }

        return remainder == 1;
    }

    /// <summary>
    /// 13-19 digits, Luhn-valid, starting with a card network's digit (2-6), not one digit repeated;
    /// written together or in groups of 3-6 starting with 4 (4-4-4-4, Amex 4-6-5), never date-like pairs.
    /// </summary>
    private static bool IsCard(string text, int start, int end)
    {
        var written = text[start..end];
        var digits = string.Concat(written.Where(char.IsDigit));
        var groups = written.Split([' ', '-', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);
        if (digits.Length is < 13 or > 19 || digits[0] is < '2' or > '6' || digits.All(d => d == digits[0])
            || (groups.Length > 1 && (groups[0].Length != 4 || groups.Any(g => g.Length is < 3 or > 6))))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }

        return sum % 10 == 0;
    }

    /// <summary>A country code, check digits and up to 30 more letters or digits, in groups of four or together.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[A-Z]{2}[0-9]{2}(?:[ \u00A0]?[A-Z0-9]){11,30}")]
    private static partial Regex IbanCandidate();

    [GeneratedRegex(@"(?<![\p{L}\p{N}+\-.,])[0-9](?:[ \u00A0\-]?[0-9]){12,22}")]
    private static partial Regex CardCandidate();
}
