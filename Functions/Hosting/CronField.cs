using System.Globalization;
using System.Numerics;

namespace Sift.Hosting;

/// <summary>What a field of a cron expression may hold, and the names it accepts instead of numbers.</summary>
internal sealed record CronFieldKind(string Name, int Min, int Max, string[]? Names = null)
{
    public static readonly CronFieldKind Second = new("second", 0, 59);
    public static readonly CronFieldKind Minute = new("minute", 0, 59);
    public static readonly CronFieldKind Hour = new("hour", 0, 23);
    public static readonly CronFieldKind Day = new("day", 1, 31);

    // Index + 1 is the month number.
    public static readonly CronFieldKind Month = new("month", 1, 12,
        ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"]);

    // 7 is accepted as a second Sunday (as NCrontab and Vixie cron do) and folded onto 0 once parsed.
    public static readonly CronFieldKind DayOfWeek = new("day-of-week", 0, 7,
        ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]);

    /// <summary>The largest value <c>*</c> stands for: Sunday is 0, so <c>*</c> in day-of-week stops at 6.</summary>
    public int StarMax => this == DayOfWeek ? 6 : Max;
}

/// <summary>
/// One parsed field: the set of values it matches, as a bit per value (every field fits in 0-59),
/// so matching and "the next allowed value" are a mask and a bit scan rather than a loop.
/// </summary>
internal readonly record struct CronField(ulong Mask)
{
    public bool Contains(int value) => value is >= 0 and < 64 && (Mask & (1UL << value)) != 0;

    /// <summary>The smallest allowed value at or after <paramref name="value"/>, or -1 if there is none.</summary>
    public int NextFrom(int value)
    {
        if (value >= 64)
        {
            return -1;
        }

        var rest = Mask & (ulong.MaxValue << value);
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }

    /// <summary>Parses one field; on failure <paramref name="error"/> says what is wrong with it, for the caller to quote.</summary>
    public static bool TryParse(string text, CronFieldKind kind, out CronField field, out string? error)
    {
        field = default;
        var mask = 0UL;
        foreach (var item in text.Split(','))
        {
            if (!TryParseItem(item, kind, out var itemMask, out error))
            {
                return false;
            }

            mask |= itemMask;
        }

        if (kind == CronFieldKind.DayOfWeek && (mask & (1UL << 7)) != 0)
        {
            mask = (mask & ~(1UL << 7)) | 1UL;
        }

        field = new CronField(mask);
        error = null;
        return true;
    }

    // An item is "*", "a", "a-b", each optionally followed by "/step"; "a/step" runs from a to the field's max.
    private static bool TryParseItem(string item, CronFieldKind kind, out ulong mask, out string? error)
    {
        mask = 0;
        if (item.Length == 0)
        {
            error = "has an empty list item";
            return false;
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0 && !TryParseStep(item[(slash + 1)..], out step, out error))
        {
            return false;
        }

        int first, last;
        if (range == "*")
        {
            (first, last) = (kind.Min, kind.StarMax);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (!TryParseValue(dash < 0 ? range : range[..dash], kind, out first, out error))
            {
                return false;
            }

            last = slash >= 0 ? kind.StarMax : first;
            if (dash >= 0 && !TryParseValue(range[(dash + 1)..], kind, out last, out error))
            {
                return false;
            }

            if (first > last)
            {
                error = $"has the range {range} whose start is after its end";
                return false;
            }
        }

        // long, so that a huge step cannot overflow back into the range.
        for (long value = first; value <= last; value += step)
        {
            mask |= 1UL << (int)value;
        }

        error = null;
        return true;
    }

    private static bool TryParseStep(string text, out int step, out string? error)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out step))
        {
            error = $"has the step '{text}', which is not a whole number";
            return false;
        }

        if (step == 0)
        {
            error = "has a step of 0; a step must be at least 1";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryParseValue(string text, CronFieldKind kind, out int value, out string? error)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < kind.Min || value > kind.Max)
            {
                error = $"has the value {text}, outside the range {kind.Min}-{kind.Max}";
                return false;
            }

            error = null;
            return true;
        }

        // Names in any case, shortened to no less than three letters (Jan, SEPT, monday), as NCrontab
        // accepts them; three letters already tell every month and every day apart.
        var index = text.Length >= 3 && kind.Names is { } names
            ? Array.FindIndex(names, name => name.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            : -1;
        if (index >= 0)
        {
            value = kind == CronFieldKind.Month ? index + 1 : index;
            error = null;
            return true;
        }

        value = 0;
        error = text.Length == 0
            ? "is missing a number or name (around a '-' or before a '/')"
            : kind.Names is null
                ? $"has '{text}', which is not a number"
                : $"has '{text}', which is neither a number nor a {kind.Name} name";
        return false;
    }
}
