using System.Globalization;

namespace Sift.Ingestion.Feeds;

/// <summary>
/// Dates as feeds really write them: RFC 822/1123 in RSS, with or without the day name, one- or
/// two-digit days, two-digit years and named zones; RFC 3339 in Atom, JSON Feed and dc:date. Anything
/// else is null rather than an exception, because one bad date must not cost the whole feed.
/// </summary>
internal static class FeedDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    // RFC 822's zones plus the abbreviations publishers commonly use; ambiguous ones (IST, BST
    // aside) are left out rather than guessed.
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10,
        ["BST"] = 1, ["WEST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["EET"] = 2, ["EEST"] = 3, ["MSK"] = 3,
        ["JST"] = 9, ["KST"] = 9, ["AEST"] = 10, ["AEDT"] = 11, ["NZST"] = 12, ["NZDT"] = 13,
    };

    /// <summary>The date in UTC, or null when it is missing or unreadable.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        return text.Length >= 5 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[3]) && text[4] == '-'
            ? ParseIso(text)
            : ParseRfc822(text);
    }

    private static DateTimeOffset? ParseIso(string text) =>
        DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date.ToUniversalTime()
            : null;

    private static DateTimeOffset? ParseRfc822(string text)
    {
        var comment = text.IndexOf('(', StringComparison.Ordinal);
        var tokens = (comment < 0 ? text : text[..comment]).Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        if (i < tokens.Length && char.IsAsciiLetter(tokens[i][0]) && Month(tokens[i]) is null)
        {
            i++; // the day name: optional, and often wrong, so not checked against the date
        }
        if (tokens.Length - i < 3)
        {
            return null;
        }
        // "02 Jan 2006" as RFC 822 has it, or "Jan 02 2006" as some publishers write it.
        var (dayToken, monthToken) = Month(tokens[i]) is null ? (tokens[i], tokens[i + 1]) : (tokens[i + 1], tokens[i]);
        if (!int.TryParse(dayToken, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || Month(monthToken) is not { } month
            || Year(tokens[i + 2]) is not { } year)
        {
            return null;
        }
        var time = tokens.Length > i + 3 ? Time(tokens[i + 3]) : TimeSpan.Zero;
        var offset = tokens.Length > i + 4 ? Zone(tokens[i + 4]) : TimeSpan.Zero; // no zone at all: read as UTC
        return time is { } t && offset is { } o ? Utc(year, month, day, t, o) : null;
    }

    private static int? Month(string token)
    {
        if (token.Length < 3 || !char.IsAsciiLetter(token[0]))
        {
            return null;
        }
        var index = Array.FindIndex(Months, m => token.StartsWith(m, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index + 1;
    }

    private static int? Year(string token)
    {
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }
        // RFC 2822 4.3: two-digit years below 50 are 20xx, the rest 19xx; three digits add 1900.
        return token.Length switch
        {
            2 => year < 50 ? 2000 + year : 1900 + year,
            3 => 1900 + year,
            4 => year,
            _ => null,
        };
    }

    private static TimeSpan? Time(string token)
    {
        var parts = token.Split(':');
        if (parts.Length is < 2 or > 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            return null;
        }
        var seconds = 0;
        if (parts.Length == 3
            && !int.TryParse(parts[2].Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return null;
        }
        // 60 is a leap second; .NET has no such second, so it becomes the one before.
        return hours < 24 && minutes < 60 && seconds <= 60 ? new TimeSpan(hours, minutes, Math.Min(seconds, 59)) : null;
    }

    private static TimeSpan? Zone(string token)
    {
        if (ZoneHours.TryGetValue(token, out var hours))
        {
            return TimeSpan.FromHours(hours);
        }
        if (token.Length == 1 && char.IsAsciiLetter(token[0]))
        {
            return TimeSpan.Zero; // RFC 822's military zones had their signs reversed; RFC 2822 says read them as -0000
        }
        if (token.Length > 3 && (token.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) || token.StartsWith("UTC", StringComparison.OrdinalIgnoreCase)))
        {
            token = token[3..]; // "GMT+0100"
        }
        if (token.Length < 2 || token[0] is not ('+' or '-'))
        {
            return null;
        }
        var digits = token[1..].Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is not (2 or 4) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        var (h, m) = digits.Length == 2 ? (value, 0) : (value / 100, value % 100);
        if (h > 14 || m >= 60)
        {
            return null;
        }
        var offset = new TimeSpan(h, m, 0);
        return token[0] == '-' ? -offset : offset;
    }

    private static DateTimeOffset? Utc(int year, int month, int day, TimeSpan time, TimeSpan offset)
    {
        if (year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }
        var utcTicks = new DateTime(year, month, day).Ticks + time.Ticks - offset.Ticks;
        return utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks
            ? null
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
    }
}
